/// SUB001: the submitter is one who may ask for a determination for this payer type and process.
public struct SubmitterMayRequest: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "SUB001",
        title: "Submitter may request a determination for this payer",
        severity: .error,
        citation: "42 CFR 414.1445(b), (c)",
        summary: """
            Payer Initiated requests come from the payer itself: for Title XIX arrangements only the state \
            Medicaid agency, for Medicare Health Plans the plan, for other payers the payer. Eligible Clinician \
            Initiated requests come from an APM Entity, an eligible clinician or an authorized representative.
            """,
        rationale: """
            CMS reviews only requests from those the regulation names; a request from anyone else is not \
            considered, whatever the arrangement's merits.
            """,
        help: "have the right party submit, or correct the process and submitter type",
        passing: [RuleExample("samples/approved/medicaid-ffs-state-agency-shared-losses.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/SUB001-medicaid-submitted-by-health-plan.xml", year: 2024)])

    public func check(_ context: RuleContext) -> [Violation] {
        let submission = context.submission
        let allowed: [SubmitterType]
        switch (submission.process, submission.payer.type.group) {
        case (.payerInitiated, .titleXIX): allowed = [.stateMedicaidAgency]
        case (.payerInitiated, .medicareHealthPlan): allowed = [.medicareHealthPlan]
        case (.payerInitiated, .otherPayer): allowed = [.payer]
        case (.clinicianInitiated, _): allowed = [.apmEntity, .eligibleClinician, .authorizedRepresentative]
        }
        guard !allowed.contains(submission.submitter.type) else { return [] }
        let names = allowed.map(\.rawValue).sorted().joined(separator: " or ")
        return [Violation(
            "\(submission.process.rawValue) request for a \(submission.payer.type.rawValue) arrangement submitted by '\(submission.submitter.type.rawValue)'",
            at: submission.submitter.location,
            help: "this request must come from: \(names)")]
    }
}
