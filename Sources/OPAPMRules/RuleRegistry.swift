import Foundation
import OPAPMLaw
import OPAPMModel

/// Every rule, in the order reports list them. A test checks ids are unique, well formed and documented.
public enum RuleRegistry {
    public static let all: [any Rule] = [
        PerformanceYearKnown(),
        OtherPayerDeterminationsExist(),
        SubmitterMayRequest(),
        ArrangementActiveInYear(),
        MultiYearCoverage(),
        SubmissionDeadline(),
        AlreadyOnApprovedList(),
        CertifierAuthority(),
        IdentifiersUnique(),
        AmountsNotNegative(),
        AmountsWithinReason(),
        RatesWithinRange(),
        DatesInOrder(),
        CountiesInPayerStates(),
        PerformanceYearCount(),
        KindMatchesTerms(),
        CEHRTRequiredShare(),
        RosterCEHRTShare(),
        RosterMatchesCounts(),
        AcceptedMeasureSource(),
        MIPSListMeasureInCatalogue(),
        OutcomeMeasureUsed(),
        ClaimedOutcomeIsOutcome(),
        ExpenditureRiskStandard(),
        TotalRiskNominalAmount(),
        TotalPotentialRisk(),
        MarginalRiskRate(),
        ExpectedExpenditureBasis(),
        LossBandsConsistent(),
        RiskTermsCiteContract(),
        FullCapitation(),
        MedicalHomePayerIsMedicaid(),
        AlignedModelIsMedicalHome(),
        MedicalHomeCharacteristics(),
        MedicalHomeRiskStandard(),
        MedicalHomeNominalAmount(),
        MedicalHomeClinicianLimit(),
    ]

    public static func rule(id: String) -> (any Rule)? {
        all.first { $0.description.id.caseInsensitiveCompare(id) == .orderedSame }
    }
}
