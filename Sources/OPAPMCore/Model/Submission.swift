import Foundation

/// One submission: who asks, for which payer, for which performance years, about which arrangement.
/// Plain values read once from the XML tree; nothing here refers back to libxml2.
public struct Submission: Sendable, Hashable {
    public var file: String
    /// The format version the file declares (`1.0`, `1.1`).
    public var version: String = "1.0"
    public var id: String
    public var process: SubmissionProcess
    public var submitter: Submitter
    public var payer: Payer
    public var submissionDate: Located<CalendarDate>
    public var performanceYears: [Located<Int>]
    public var contact: Contact
    public var attestation: Attestation
    public var arrangement: Arrangement
    public var location: SourceLocation
}

public struct Submitter: Sendable, Hashable {
    public var type: SubmitterType
    public var name: String
    public var identifier: String?
    public var location: SourceLocation
}

public struct Payer: Sendable, Hashable {
    public var name: String
    public var type: PayerType
    public var states: [String]
    /// The arrangement is a contract made directly between CMS and a Medicare Health Plan.
    public var cmsContract: Bool
    /// Schema 1.1, Title XIX: the counties (five-digit FIPS) where the arrangement is available; empty: statewide.
    public var counties: [Located<String>] = []
    public var location: SourceLocation
}

public struct Contact: Sendable, Hashable {
    public var name: String
    public var email: String
    public var phone: String?
}

public struct Attestation: Sendable, Hashable {
    public var name: String
    public var title: String
    public var date: CalendarDate
    /// Schema 1.1: what gives the certifying individual authority to bind the payer or APM Entity.
    public var authority: String? = nil
    public var location: SourceLocation = .unknown
}

public struct Arrangement: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    public var startDate: Located<CalendarDate>
    public var endDate: Located<CalendarDate>
    public var kind: Located<ArrangementKind>
    public var multiPayerModel: String?
    /// Schema 1.1: whether the CMS Multi-Payer Model is a Medical Home Model; nil when not stated.
    public var multiPayerModelIsMedicalHome: Bool? = nil
    /// Schema 1.1: the evidence that the payer formally partners in the model (an MOU, for example).
    public var partnershipEvidence: [String] = []
    public var multiPayerModelLocation: SourceLocation? = nil
    /// Schema 1.1: when an earlier favourable determination of this arrangement was made.
    public var previouslyDetermined: Located<CalendarDate>? = nil
    public var apmEntities: [APMEntity]
    public var cehrt: CEHRTTerms
    public var quality: QualityTerms
    public var financialRisk: FinancialRiskTerms?
    public var medicalHome: MedicalHomeTerms?
    public var qpFigures: QPFigures?
    public var location: SourceLocation
}

public struct APMEntity: Sendable, Hashable {
    public var tin: String
    public var name: String
    public var type: EntityType
    public var eligibleClinicianCount: Int
    public var organizationClinicianCount: Located<Int>?
    /// Schema 1.1: the entity's eligible clinicians on each QP snapshot date given.
    public var snapshotCounts: [SnapshotCount] = []
    public var roster: RosterSummary?
    public var location: SourceLocation
}

/// An APM Entity's eligible clinicians on one QP snapshot date (414.1440(e)(2)(ii)).
public struct SnapshotCount: Sendable, Hashable {
    /// `march-31`, `june-30` or `august-31`.
    public var snapshot: String
    public var count: Int
    public var location: SourceLocation
}

/// What the roster says, aggregated while streaming: the clinicians themselves are not kept.
public struct RosterSummary: Sendable, Hashable {
    public var clinicians: Int = 0
    public var usingCEHRT: Int = 0
    public var duplicateNPIs: Int = 0
    public var firstDuplicateNPI: String?
    /// Entries past the loader's duplicate-check limit, not checked for repeated NPIs.
    public var npisNotCheckedForDuplicates: Int = 0
    public var location: SourceLocation

    public init(location: SourceLocation) {
        self.location = location
    }

    /// Share of listed clinicians using CEHRT, in percent; nil for an empty roster.
    public var cehrtPercent: Decimal? {
        guard clinicians > 0 else { return nil }
        return Decimal(usingCEHRT).scaled(byPowerOfTen: 2).dividedExactly(by: Decimal(clinicians))
    }
}

public struct CEHRTTerms: Sendable, Hashable {
    public var required: Bool
    public var requiredPercent: Located<Decimal>?
    public var evidence: [String]
    public var location: SourceLocation
}

public struct QualityTerms: Sendable, Hashable {
    public var measures: [QualityMeasure]
    public var noApplicableOutcomeJustification: Located<String>?
    public var location: SourceLocation
}

public struct QualityMeasure: Sendable, Hashable {
    public var id: String
    public var source: MeasureSource
    public var claimedOutcome: Bool
    public var paymentDependent: Bool
    public var title: String?
    /// The submitter's evidence for the measure's source.
    public var evidence: String? = nil
    /// Schema 1.1: who maintains the measure, and its consensus-based endorsement id.
    public var steward: String? = nil
    public var endorsementId: String? = nil
    public var location: SourceLocation
}

public struct FinancialRiskTerms: Sendable, Hashable {
    public var mechanisms: [RiskMechanism]
    public var expectedExpenditures: Located<Decimal>?
    public var expenditureBasis: ExpenditureBasis?
    /// Schema 1.1: what the participants would spend without the arrangement (the (d)(6) cap, PY2020 on).
    public var counterfactualExpenditures: Located<Decimal>? = nil
    /// Present when risk is expressly defined in terms of revenue from the payer.
    public var revenueFromPayer: Located<Decimal>?
    public var minimumLossRate: MinimumLossRate?
    public var bands: [LossBand]
    public var withheldAmount: Located<Decimal>?
    public var maximumLiability: Located<Decimal>?
    public var stopLossPercent: Located<Decimal>?
    public var capitation: CapitationTerms?
    /// Schema 1.1: where the contract states these terms.
    public var evidence: [String] = []
    public var location: SourceLocation
}

public struct MinimumLossRate: Sendable, Hashable {
    /// Percent of expected expenditures.
    public var percent: Decimal
    /// Once the overrun passes the rate, sharing applies from the first dollar.
    public var firstDollar: Bool
    public var location: SourceLocation
}

/// A band of the overrun (percent of expected expenditures) with the share of it the entity owes.
public struct LossBand: Sendable, Hashable {
    public var fromPercent: Decimal
    /// nil: the band has no upper end.
    public var toPercent: Decimal?
    public var ratePercent: Decimal
    public var location: SourceLocation
}

public struct CapitationTerms: Sendable, Hashable {
    public var allItemsAndServices: Bool
    public var settlement: Bool
    /// Schema 1.1: what a settlement reconciles or shares (`losses`, `savings`, `both`); nil when not stated.
    public var reconciles: String? = nil
    public var settlementLocation: SourceLocation = .unknown
    public var perCapitaPayment: Decimal?
    public var location: SourceLocation
}

public struct MedicalHomeTerms: Sendable, Hashable {
    public var primaryCare: Located<Bool>
    public var empanelment: Located<Bool>
    public var elements: [MedicalHomeElement: Located<Bool>]
    public var performanceStandards: [String]
    public var consequences: [RiskMechanism]
    public var amountAtRisk: Located<Decimal>?
    public var averageEstimatedTotalRevenue: Located<Decimal>?
    public var location: SourceLocation

    /// Elements stated as met, in the regulation's order.
    public var elementsMet: [MedicalHomeElement] {
        MedicalHomeElement.allCases.filter { elements[$0]?.value == true }
    }
}

public struct QPFigures: Sendable, Hashable {
    public var revenueThroughArrangement: Decimal
    public var totalRevenueFromPayer: Decimal
    public var patientsThroughArrangement: Int
    public var totalPatientsFromPayer: Int
    public var location: SourceLocation = .unknown
}
