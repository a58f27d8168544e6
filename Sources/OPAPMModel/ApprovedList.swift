import Foundation

/// An approved-arrangement list for one performance year, as JSON:
/// `{"performanceYear": 2024, "arrangements": [{"arrangementId": "...", "payerType": "...", "states": ["CO"]}]}`.
public struct ApprovedList: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var arrangementId: String
        public var payerType: String?
        public var states: [String]?
        /// Title XIX: the counties (FIPS) where the arrangement is available; nil or empty: statewide.
        public var counties: [String]?

        public init(arrangementId: String, payerType: String? = nil, states: [String]? = nil, counties: [String]? = nil) {
            self.arrangementId = arrangementId
            self.payerType = payerType
            self.states = states
            self.counties = counties
        }
    }

    public init(performanceYear: Int, arrangements: [Row]) {
        self.performanceYear = performanceYear
        self.arrangements = arrangements
    }

    public var performanceYear: Int
    public var arrangements: [Row]

    public var arrangementIds: Set<String> { Set(arrangements.map(\.arrangementId)) }

    /// Whether an approved Title XIX arrangement is available in `county` (FIPS): one that names the
    /// county, or a statewide one in the county's state (414.1440(a)(2)).
    public func medicaidAPMAvailable(inCounty county: String) -> Bool {
        guard let state = StateFIPS.state(ofCounty: county) else { return false }
        return arrangements.contains { row in
            guard row.payerType?.hasPrefix("medicaid") ?? false, (row.states ?? []).contains(state) else { return false }
            let counties = row.counties ?? []
            return counties.isEmpty || counties.contains(county)
        }
    }

    /// States with at least one approved Title XIX arrangement (a Medicaid Other Payer Advanced APM).
    public var statesWithMedicaidAPM: Set<String> {
        Set(arrangements.filter { $0.payerType?.hasPrefix("medicaid") ?? false }.flatMap { $0.states ?? [] })
    }
}
