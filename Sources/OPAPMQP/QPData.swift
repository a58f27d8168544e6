import Foundation
import OPAPMEngine
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMPublishing
import OPAPMRules

/// A payment-amount and patient-count pair.
public struct QPAmounts: Sendable, Hashable, Codable {
    public var payments: Exact
    public var patients: Int

    public init(payments: Exact, patients: Int) {
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
    /// QP data 1.1: whether the clinician's specialty lets them take part in the Medicaid arrangement.
    public var specialtyEligible: Bool? = nil
    public var through: QPAmounts
    public var total: QPAmounts

    /// Title XIX: whether the clinician may take part, by the 1.1 specialty claim or the 1.0 eligibility.
    public var mayTakePart: Bool { specialtyEligible ?? eligibleForMedicaidAPM }

    public var isTitleXIX: Bool { payerType == "medicaid-ffs" || payerType == "medicaid-managed-care" }
    public var isDefenseOrVeterans: Bool { payerType == "dod" || payerType == "va" }

    public init(
        arrangementId: String? = nil,
        payerType: String,
        state: String? = nil,
        eligibleForMedicaidAPM: Bool,
        specialtyEligible: Bool? = nil,
        through: QPAmounts,
        total: QPAmounts
    ) {
        self.arrangementId = arrangementId
        self.payerType = payerType
        self.state = state
        self.eligibleForMedicaidAPM = eligibleForMedicaidAPM
        self.specialtyEligible = specialtyEligible
        self.through = through
        self.total = total
    }
}

public struct QPSnapshotData: Sendable, Hashable {
    public var snapshot: QPSnapshot
    public var medicareAdvancedAPM: QPAmounts
    public var medicareTotal: QPAmounts
    public var otherPayers: [OtherPayerFigures]

    public init(
        snapshot: QPSnapshot,
        medicareAdvancedAPM: QPAmounts,
        medicareTotal: QPAmounts,
        otherPayers: [OtherPayerFigures]
    ) {
        self.snapshot = snapshot
        self.medicareAdvancedAPM = medicareAdvancedAPM
        self.medicareTotal = medicareTotal
        self.otherPayers = otherPayers
    }
}

/// The APM Entity group's Medicare figures at one snapshot.
public struct QPGroupSnapshot: Sendable, Hashable {
    public var snapshot: QPSnapshot
    public var medicareAdvancedAPM: QPAmounts
    public var medicareTotal: QPAmounts
}

/// QP data 1.1: the APM Entity group an eligible clinician or TIN belongs to, with its Medicare figures.
public struct QPEntityGroup: Sendable, Hashable {
    public var id: String
    public var name: String
    public var snapshots: [QPGroupSnapshot]

    public init(id: String, name: String, snapshots: [QPGroupSnapshot]) {
        self.id = id
        self.name = name
        self.snapshots = snapshots
    }
}

/// An APM Entity, TIN or eligible clinician being assessed.
public struct QPParticipant: Sendable, Hashable {
    public var id: String
    public var name: String
    public var level: QPLevel
    public var snapshots: [QPSnapshotData]
    /// QP data 1.1: the five-digit FIPS code of the county where the clinician sees the most patients.
    public var county: String? = nil
    /// QP data 1.1: the APM Entity group, for an eligible clinician or TIN.
    public var entityGroup: QPEntityGroup? = nil
    /// QP data 1.1, TIN level: every clinician who reassigned billing to the TIN is in one APM Entity.
    public var allCliniciansInOneAPMEntity: Bool? = nil

    public init(id: String, name: String, level: QPLevel, snapshots: [QPSnapshotData], county: String? = nil,
        entityGroup: QPEntityGroup? = nil, allCliniciansInOneAPMEntity: Bool? = nil)
    {
        self.id = id
        self.name = name
        self.level = level
        self.snapshots = snapshots
        self.county = county
        self.entityGroup = entityGroup
        self.allCliniciansInOneAPMEntity = allCliniciansInOneAPMEntity
    }
}

/// The certification of QP data (414.1440(f)).
public struct QPCertification: Sendable, Hashable, Codable {
    public var name: String
    public var title: String
    public var authority: String
    public var date: CalendarDate
}

/// A QP data file: who is assessed and, from 1.1, when it was submitted and who certified it.
public struct QPDataFile: Sendable, Hashable {
    public var version: String
    public var submissionDate: CalendarDate?
    public var certification: QPCertification?
    public var participants: [QPParticipant]

    public init(version: String = "1.0", submissionDate: CalendarDate? = nil, certification: QPCertification? = nil,
        participants: [QPParticipant])
    {
        self.version = version
        self.submissionDate = submissionDate
        self.certification = certification
        self.participants = participants
    }
}
