import Foundation

/// A payment-amount and patient-count pair.
public struct QPAmounts: Sendable, Hashable, Codable {
    public var payments: Decimal
    public var patients: Int

    public init(payments: Decimal, patients: Int) {
        self.payments = payments
        self.patients = patients
    }

    public static let zero = QPAmounts(payments: 0, patients: 0)

    static func + (lhs: QPAmounts, rhs: QPAmounts) -> QPAmounts {
        QPAmounts(payments: lhs.payments + rhs.payments, patients: lhs.patients + rhs.patients)
    }
}

public enum QPSnapshot: String, Sendable, Hashable, Codable, CaseIterable {
    case march31 = "march-31"
    case june30 = "june-30"
    case august31 = "august-31"
}

public enum QPLevel: String, Sendable, Hashable, Codable {
    case apmEntity = "apm-entity"
    case tin
    case eligibleClinician = "eligible-clinician"
}

/// One other payer's figures in a snapshot.
public struct OtherPayerFigures: Sendable, Hashable {
    public var arrangementId: String?
    /// A submission payer type, or `dod` / `va`.
    public var payerType: String
    public var state: String?
    public var eligibleForMedicaidAPM: Bool
    public var through: QPAmounts
    public var total: QPAmounts

    public var isTitleXIX: Bool { payerType == "medicaid-ffs" || payerType == "medicaid-managed-care" }
    public var isDefenseOrVeterans: Bool { payerType == "dod" || payerType == "va" }
}

public struct QPSnapshotData: Sendable, Hashable {
    public var snapshot: QPSnapshot
    public var medicareAdvancedAPM: QPAmounts
    public var medicareTotal: QPAmounts
    public var otherPayers: [OtherPayerFigures]
}

/// An APM Entity, TIN or eligible clinician being assessed.
public struct QPParticipant: Sendable, Hashable {
    public var id: String
    public var name: String
    public var level: QPLevel
    public var snapshots: [QPSnapshotData]
}
