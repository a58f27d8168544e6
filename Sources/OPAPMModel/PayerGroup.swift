import Foundation

/// The groups CMS publishes the list in, in order.
public enum PayerGroup: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case medicaid = "medicaid"
    case medicareHealthPlans = "medicare-health-plans"
    case multiPayerModels = "cms-multi-payer-models"
    case otherPayers = "other-payers"

    public var title: String {
        switch self {
        case .medicaid: return "Medicaid"
        case .medicareHealthPlans: return "Medicare Health Plans"
        case .multiPayerModels: return "Aligned with CMS Multi-Payer Models"
        case .otherPayers: return "Other payers"
        }
    }

    /// The position in the published order (`allCases` would build an array on every comparison).
    package var rank: Int {
        switch self {
        case .medicaid: return 0
        case .medicareHealthPlans: return 1
        case .multiPayerModels: return 2
        case .otherPayers: return 3
        }
    }

    public static func < (lhs: PayerGroup, rhs: PayerGroup) -> Bool {
        lhs.rank < rhs.rank
    }

    public static func of(_ submission: Submission) -> PayerGroup {
        switch submission.payer.type.group {
        case .titleXIX: return .medicaid
        case .medicareHealthPlan: return .medicareHealthPlans
        case .otherPayer: return submission.arrangement.multiPayerModel == nil ? .otherPayers : .multiPayerModels
        }
    }
}
