import Foundation

/// An approved-arrangement list for one performance year, as JSON:
/// `{"performanceYear": 2024, "arrangements": [{"arrangementId": "...", "payerType": "...", "states": ["CO"]}]}`.
public struct ApprovedList: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var arrangementId: String
        public var payerType: String?
        public var states: [String]?
    }

    public var performanceYear: Int
    public var arrangements: [Row]

    public static func load(path: String) throws(JSONFile.Failure) -> ApprovedList {
        try JSONFile.decode(ApprovedList.self, path: path, what: "an approved list (JSON)")
    }

    public var arrangementIds: Set<String> { Set(arrangements.map(\.arrangementId)) }

    /// States with at least one approved Title XIX arrangement (a Medicaid Other Payer Advanced APM).
    public var statesWithMedicaidAPM: Set<String> {
        Set(arrangements.filter { $0.payerType?.hasPrefix("medicaid") ?? false }.flatMap { $0.states ?? [] })
    }
}
