/// Codes used in submissions. Raw values are the schema's enumeration values.

public enum SubmissionProcess: String, Sendable, Codable, CaseIterable {
    case payerInitiated = "payer-initiated"
    case clinicianInitiated = "clinician-initiated"
}

public enum SubmitterType: String, Sendable, Codable, CaseIterable {
    case stateMedicaidAgency = "state-medicaid-agency"
    case medicareHealthPlan = "medicare-health-plan"
    case payer = "payer"
    case apmEntity = "apm-entity"
    case eligibleClinician = "eligible-clinician"
    case authorizedRepresentative = "authorized-representative"
    /// Schema 1.1: a Medicaid managed care plan, which may not make a Title XIX payer-initiated request.
    case medicaidManagedCarePlan = "medicaid-managed-care-plan"
}

public enum PayerType: String, Sendable, Codable, CaseIterable {
    case medicaidFeeForService = "medicaid-ffs"
    case medicaidManagedCare = "medicaid-managed-care"
    case medicareAdvantage = "medicare-advantage"
    case medicareMedicaidPlan = "medicare-medicaid-plan"
    case costPlan1876 = "cost-plan-1876"
    case costPlan1833 = "cost-plan-1833"
    case pace = "pace"
    case commercial = "commercial"
    case other = "other"

    /// The payer groups of 42 CFR 414.1445, which set who submits and by when.
    public enum Group: String, Sendable, Codable, CaseIterable {
        case titleXIX = "medicaid"
        case medicareHealthPlan = "medicare-health-plan"
        case otherPayer = "other-payer"
    }

    public var group: Group {
        switch self {
        case .medicaidFeeForService, .medicaidManagedCare: return .titleXIX
        case .medicareAdvantage, .medicareMedicaidPlan, .costPlan1876, .costPlan1833, .pace: return .medicareHealthPlan
        case .commercial, .other: return .otherPayer
        }
    }

    public var isTitleXIX: Bool { group == .titleXIX }
}

public enum ArrangementKind: String, Sendable, Codable, CaseIterable {
    case totalCostOfCare = "total-cost-of-care"
    case episode = "episode"
    case medicalHome = "medical-home"
    case fullCapitation = "full-capitation"
}

public enum EntityType: String, Sendable, Codable, CaseIterable {
    case clinicianGroup = "clinician-group"
    case hospital = "hospital"
}

public enum MeasureSource: String, Sendable, Codable, CaseIterable, Comparable {
    case mipsList = "mips-list"
    case consensusEndorsed = "consensus-endorsed"
    case section1848s = "section-1848s"
    case callForMeasures = "call-for-measures"
    case cmsDetermined = "cms-determined"
    case qcdr = "qcdr"
    case other = "other"

    public static func < (lhs: MeasureSource, rhs: MeasureSource) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

public enum RiskMechanism: String, Sendable, Codable, CaseIterable {
    case sharedLosses = "shared-losses"
    case withhold = "withhold"
    case paymentRateReduction = "payment-rate-reduction"
    case directPayment = "direct-payment"
    case forfeitedGuaranteedPayment = "forfeited-guaranteed-payment"
    case fullCapitation = "full-capitation"
    /// Schema 1.1: shares savings only; no consequence when expenditures exceed expected expenditures.
    case sharedSavings = "shared-savings"
}

public enum ExpenditureBasis: String, Sendable, Codable, CaseIterable {
    case benchmark = "benchmark"
    case episodeTargetPrice = "episode-target-price"
}

/// The seven medical-home elements of 42 CFR 414.1305 (Medical Home Model), at least four required.
public enum MedicalHomeElement: String, Sendable, Codable, CaseIterable {
    case plannedChronicPreventiveCare = "planned-chronic-preventive-care"
    case accessContinuity = "access-continuity"
    case riskStratifiedCareManagement = "risk-stratified-care-management"
    case medicalNeighborhoodCoordination = "medical-neighborhood-coordination"
    case patientCaregiverEngagement = "patient-caregiver-engagement"
    case sharedDecisionMaking = "shared-decision-making"
    case paymentBeyondFeeForService = "payment-beyond-fee-for-service"
}
