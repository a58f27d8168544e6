import Foundation

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

    /// Descriptions of the XML-level findings, which come from the XML layer rather than a rule.
    public static let xmlFindings: [(id: String, title: String)] = [
        ("XML001", "Document is not well-formed XML"),
        ("XML002", "DOCTYPE declarations are refused"),
        ("XML003", "Elements nested deeper than the limit"),
        ("XML004", "File larger than the size limit"),
        ("XML005", "File is empty"),
        ("XML006", "More diagnostics than the per-file limit"),
        ("XML007", "Roster longer than the limit"),
        ("XML008", "More elements than the limit"),
        ("XML009", "Element text longer than the limit"),
        ("XSD001", "Not valid against the submission schema"),
    ]

    /// Findings about a set of files rather than one arrangement (`DuplicateArrangements`).
    public static let batchFindings: [(id: String, title: String)] = [
        (DuplicateArrangements.ruleId, DuplicateArrangements.title),
    ]
}
