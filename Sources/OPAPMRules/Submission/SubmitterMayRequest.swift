import OPAPMLaw
import OPAPMModel

/// SUB001: the submitter is one who may ask for a determination for this payer type and process.
public struct SubmitterMayRequest: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "SUB001",
        title: "Submitter may request a determination for this payer",
        severity: .error,
        citation: "42 CFR 414.1445(a), (b)",
        summary: """
            Payer Initiated requests come from the payer itself: for Title XIX arrangements only the state \
            Medicaid agency, for Medicare Health Plans the plan, for other payers the payer, and only where the \
            year has the route (PY2019: Title XIX, Medicare Health Plans and payers aligned with a CMS \
            Multi-Payer Model; PY2020 on, other payers too). Eligible Clinician Initiated requests come from an \
            APM Entity, an eligible clinician or an authorized representative.
            """,
        rationale: """
            CMS reviews only requests from those the regulation names; a request from anyone else is not \
            considered, whatever the arrangement's merits.
            """,
        help: "have the right party submit, or correct the process and submitter type",
        passing: [RuleExample("samples/approved/medicaid-ffs-state-agency-shared-losses.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/SUB001-medicaid-submitted-by-health-plan.xml", year: 2024, at: "/submission/submitter")],
        law: [.otherPayerDeterminations, .payerInitiatedGroups])

    public func check(_ context: RuleContext) -> [Violation] {
        let submission = context.submission
        if submission.process == .payerInitiated, let route = Self.missingRoute(submission, context: context) {
            return [route]
        }
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

    /// A payer-initiated request of a payer group the year's law gives no such route (payerInitiatedGroups).
    static func missingRoute(_ submission: Submission, context: RuleContext) -> Violation? {
        let firstYear = submission.performanceYears.map(\.value).min() ?? context.year
        // A year without determinations at all is SUB008's.
        guard let parameters = firstYear == context.year ? context.parameters : try? PerformanceYearTable.parameters(for: firstYear),
            parameters.otherPayerDeterminations.value
        else { return nil }
        let groups = parameters.payerInitiatedGroups.value
        let group: String
        switch submission.payer.type.group {
        case .titleXIX: group = "title-xix"
        case .medicareHealthPlan: group = "medicare-health-plan"
        case .otherPayer: group = submission.arrangement.multiPayerModel != nil && groups.contains("cms-multi-payer-model")
            ? "cms-multi-payer-model" : "other-payer"
        }
        guard !groups.contains(group) else { return nil }
        return Violation(
            "no payer-initiated process for a \(submission.payer.type.rawValue) arrangement in PY\(firstYear) "
                + "(\(parameters.payerInitiatedGroups.source))",
            at: submission.location,
            help: "in PY\(firstYear) the payer-initiated process is open to: \(groups.joined(separator: ", ")); "
                + "an APM Entity or eligible clinician may request instead")
    }
}
