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

    public init(
        file: String,
        version: String = "1.0",
        id: String,
        process: SubmissionProcess,
        submitter: Submitter,
        payer: Payer,
        submissionDate: Located<CalendarDate>,
        performanceYears: [Located<Int>],
        contact: Contact,
        attestation: Attestation,
        arrangement: Arrangement,
        location: SourceLocation
    ) {
        self.file = file
        self.version = version
        self.id = id
        self.process = process
        self.submitter = submitter
        self.payer = payer
        self.submissionDate = submissionDate
        self.performanceYears = performanceYears
        self.contact = contact
        self.attestation = attestation
        self.arrangement = arrangement
        self.location = location
    }
}

public struct Submitter: Sendable, Hashable {
    public var type: SubmitterType
    public var name: String
    public var identifier: String?
    public var location: SourceLocation

    public init(
        type: SubmitterType,
        name: String,
        identifier: String? = nil,
        location: SourceLocation
    ) {
        self.type = type
        self.name = name
        self.identifier = identifier
        self.location = location
    }
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

    public init(
        name: String,
        type: PayerType,
        states: [String],
        cmsContract: Bool,
        counties: [Located<String>] = [],
        location: SourceLocation
    ) {
        self.name = name
        self.type = type
        self.states = states
        self.cmsContract = cmsContract
        self.counties = counties
        self.location = location
    }
}

public struct Contact: Sendable, Hashable {
    public var name: String
    public var email: String
    public var phone: String?

    public init(name: String, email: String, phone: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
    }
}

public struct Attestation: Sendable, Hashable {
    public var name: String
    public var title: String
    public var date: CalendarDate
    /// Schema 1.1: what gives the certifying individual authority to bind the payer or APM Entity.
    public var authority: String? = nil
    public var location: SourceLocation = .unknown

    public init(
        name: String,
        title: String,
        date: CalendarDate,
        authority: String? = nil,
        location: SourceLocation = .unknown
    ) {
        self.name = name
        self.title = title
        self.date = date
        self.authority = authority
        self.location = location
    }
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

    public init(
        id: String,
        name: String,
        description: String,
        startDate: Located<CalendarDate>,
        endDate: Located<CalendarDate>,
        kind: Located<ArrangementKind>,
        multiPayerModel: String? = nil,
        multiPayerModelIsMedicalHome: Bool? = nil,
        partnershipEvidence: [String] = [],
        multiPayerModelLocation: SourceLocation? = nil,
        previouslyDetermined: Located<CalendarDate>? = nil,
        apmEntities: [APMEntity],
        cehrt: CEHRTTerms,
        quality: QualityTerms,
        financialRisk: FinancialRiskTerms? = nil,
        medicalHome: MedicalHomeTerms? = nil,
        qpFigures: QPFigures? = nil,
        location: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.startDate = startDate
        self.endDate = endDate
        self.kind = kind
        self.multiPayerModel = multiPayerModel
        self.multiPayerModelIsMedicalHome = multiPayerModelIsMedicalHome
        self.partnershipEvidence = partnershipEvidence
        self.multiPayerModelLocation = multiPayerModelLocation
        self.previouslyDetermined = previouslyDetermined
        self.apmEntities = apmEntities
        self.cehrt = cehrt
        self.quality = quality
        self.financialRisk = financialRisk
        self.medicalHome = medicalHome
        self.qpFigures = qpFigures
        self.location = location
    }
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

    public init(
        tin: String,
        name: String,
        type: EntityType,
        eligibleClinicianCount: Int,
        organizationClinicianCount: Located<Int>? = nil,
        snapshotCounts: [SnapshotCount] = [],
        roster: RosterSummary? = nil,
        location: SourceLocation
    ) {
        self.tin = tin
        self.name = name
        self.type = type
        self.eligibleClinicianCount = eligibleClinicianCount
        self.organizationClinicianCount = organizationClinicianCount
        self.snapshotCounts = snapshotCounts
        self.roster = roster
        self.location = location
    }
}

/// An APM Entity's eligible clinicians on one QP snapshot date (414.1440(e)(2)(ii)).
public struct SnapshotCount: Sendable, Hashable {
    /// `march-31`, `june-30` or `august-31`.
    public var snapshot: String
    public var count: Int
    public var location: SourceLocation

    public init(snapshot: String, count: Int, location: SourceLocation) {
        self.snapshot = snapshot
        self.count = count
        self.location = location
    }
}

/// What the roster says, aggregated while streaming: the clinicians themselves are not kept.
public struct RosterSummary: Sendable, Hashable {
    public var clinicians: Int = 0
    public var usingCEHRT: Int = 0
    public var duplicateNPIs: Int = 0
    public var firstDuplicateNPI: String?
    /// Entries past the loader's duplicate-check limit, not checked for repeated NPIs.
    public var npisNotCheckedForDuplicates: Int = 0
    /// How many entries the loader checks for repeated NPIs (the rest are counted above), so a finding
    /// can say where checking stopped.
    public var duplicateCheckLimit: Int = 0
    public var location: SourceLocation

    public init(location: SourceLocation) {
        self.location = location
    }

    /// Share of listed clinicians using CEHRT, in percent; nil for an empty roster.
    public var cehrtPercent: Exact? {
        guard clinicians > 0 else { return nil }
        return Exact(usingCEHRT * 100, over: clinicians)
    }
}

public struct CEHRTTerms: Sendable, Hashable {
    public var required: Bool
    public var requiredPercent: Located<Exact>?
    public var evidence: [String]
    public var location: SourceLocation

    public init(
        required: Bool,
        requiredPercent: Located<Exact>? = nil,
        evidence: [String],
        location: SourceLocation
    ) {
        self.required = required
        self.requiredPercent = requiredPercent
        self.evidence = evidence
        self.location = location
    }
}

public struct QualityTerms: Sendable, Hashable {
    public var measures: [QualityMeasure]
    public var noApplicableOutcomeJustification: Located<String>?
    public var location: SourceLocation

    public init(
        measures: [QualityMeasure],
        noApplicableOutcomeJustification: Located<String>? = nil,
        location: SourceLocation
    ) {
        self.measures = measures
        self.noApplicableOutcomeJustification = noApplicableOutcomeJustification
        self.location = location
    }
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

    public init(
        id: String,
        source: MeasureSource,
        claimedOutcome: Bool,
        paymentDependent: Bool,
        title: String? = nil,
        evidence: String? = nil,
        steward: String? = nil,
        endorsementId: String? = nil,
        location: SourceLocation
    ) {
        self.id = id
        self.source = source
        self.claimedOutcome = claimedOutcome
        self.paymentDependent = paymentDependent
        self.title = title
        self.evidence = evidence
        self.steward = steward
        self.endorsementId = endorsementId
        self.location = location
    }
}

public struct FinancialRiskTerms: Sendable, Hashable {
    public var mechanisms: [RiskMechanism]
    public var expectedExpenditures: Located<Exact>?
    public var expenditureBasis: ExpenditureBasis?
    /// Schema 1.1: what the participants would spend without the arrangement (the (d)(6) cap, PY2020 on).
    public var counterfactualExpenditures: Located<Exact>? = nil
    /// Present when risk is expressly defined in terms of revenue from the payer.
    public var revenueFromPayer: Located<Exact>?
    public var minimumLossRate: MinimumLossRate?
    public var bands: [LossBand]
    public var withheldAmount: Located<Exact>?
    public var maximumLiability: Located<Exact>?
    public var stopLossPercent: Located<Exact>?
    public var capitation: CapitationTerms?
    /// Schema 1.1: where the contract states these terms.
    public var evidence: [String] = []
    public var location: SourceLocation

    public init(
        mechanisms: [RiskMechanism],
        expectedExpenditures: Located<Exact>? = nil,
        expenditureBasis: ExpenditureBasis? = nil,
        counterfactualExpenditures: Located<Exact>? = nil,
        revenueFromPayer: Located<Exact>? = nil,
        minimumLossRate: MinimumLossRate? = nil,
        bands: [LossBand],
        withheldAmount: Located<Exact>? = nil,
        maximumLiability: Located<Exact>? = nil,
        stopLossPercent: Located<Exact>? = nil,
        capitation: CapitationTerms? = nil,
        evidence: [String] = [],
        location: SourceLocation
    ) {
        self.mechanisms = mechanisms
        self.expectedExpenditures = expectedExpenditures
        self.expenditureBasis = expenditureBasis
        self.counterfactualExpenditures = counterfactualExpenditures
        self.revenueFromPayer = revenueFromPayer
        self.minimumLossRate = minimumLossRate
        self.bands = bands
        self.withheldAmount = withheldAmount
        self.maximumLiability = maximumLiability
        self.stopLossPercent = stopLossPercent
        self.capitation = capitation
        self.evidence = evidence
        self.location = location
    }
}

public struct MinimumLossRate: Sendable, Hashable {
    /// Percent of expected expenditures.
    public var percent: Exact
    /// Once the overrun passes the rate, sharing applies from the first dollar.
    public var firstDollar: Bool
    public var location: SourceLocation

    public init(percent: Exact, firstDollar: Bool, location: SourceLocation) {
        self.percent = percent
        self.firstDollar = firstDollar
        self.location = location
    }
}

/// A band of the overrun (percent of expected expenditures) with the share of it the entity owes.
public struct LossBand: Sendable, Hashable {
    public var fromPercent: Exact
    /// nil: the band has no upper end.
    public var toPercent: Exact?
    public var ratePercent: Exact
    public var location: SourceLocation

    public init(
        fromPercent: Exact,
        toPercent: Exact? = nil,
        ratePercent: Exact,
        location: SourceLocation
    ) {
        self.fromPercent = fromPercent
        self.toPercent = toPercent
        self.ratePercent = ratePercent
        self.location = location
    }
}

public struct CapitationTerms: Sendable, Hashable {
    public var allItemsAndServices: Bool
    public var settlement: Bool
    /// Schema 1.1: what a settlement reconciles or shares (`losses`, `savings`, `both`); nil when not stated.
    public var reconciles: String? = nil
    public var settlementLocation: SourceLocation = .unknown
    public var perCapitaPayment: Exact?
    public var location: SourceLocation

    public init(
        allItemsAndServices: Bool,
        settlement: Bool,
        reconciles: String? = nil,
        settlementLocation: SourceLocation = .unknown,
        perCapitaPayment: Exact? = nil,
        location: SourceLocation
    ) {
        self.allItemsAndServices = allItemsAndServices
        self.settlement = settlement
        self.reconciles = reconciles
        self.settlementLocation = settlementLocation
        self.perCapitaPayment = perCapitaPayment
        self.location = location
    }
}

public struct MedicalHomeTerms: Sendable, Hashable {
    public var primaryCare: Located<Bool>
    public var empanelment: Located<Bool>
    public var elements: [MedicalHomeElement: Located<Bool>]
    public var performanceStandards: [String]
    public var consequences: [RiskMechanism]
    public var amountAtRisk: Located<Exact>?
    public var averageEstimatedTotalRevenue: Located<Exact>?
    public var location: SourceLocation

    /// Elements stated as met, in the regulation's order.
    public var elementsMet: [MedicalHomeElement] {
        MedicalHomeElement.allCases.filter { elements[$0]?.value == true }
    }

    public init(
        primaryCare: Located<Bool>,
        empanelment: Located<Bool>,
        elements: [MedicalHomeElement: Located<Bool>],
        performanceStandards: [String],
        consequences: [RiskMechanism],
        amountAtRisk: Located<Exact>? = nil,
        averageEstimatedTotalRevenue: Located<Exact>? = nil,
        location: SourceLocation
    ) {
        self.primaryCare = primaryCare
        self.empanelment = empanelment
        self.elements = elements
        self.performanceStandards = performanceStandards
        self.consequences = consequences
        self.amountAtRisk = amountAtRisk
        self.averageEstimatedTotalRevenue = averageEstimatedTotalRevenue
        self.location = location
    }
}

public struct QPFigures: Sendable, Hashable {
    public var revenueThroughArrangement: Exact
    public var totalRevenueFromPayer: Exact
    public var patientsThroughArrangement: Int
    public var totalPatientsFromPayer: Int
    public var location: SourceLocation = .unknown

    public init(
        revenueThroughArrangement: Exact,
        totalRevenueFromPayer: Exact,
        patientsThroughArrangement: Int,
        totalPatientsFromPayer: Int,
        location: SourceLocation = .unknown
    ) {
        self.revenueThroughArrangement = revenueThroughArrangement
        self.totalRevenueFromPayer = totalRevenueFromPayer
        self.patientsThroughArrangement = patientsThroughArrangement
        self.totalPatientsFromPayer = totalPatientsFromPayer
        self.location = location
    }
}
