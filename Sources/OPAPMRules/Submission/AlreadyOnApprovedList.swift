import OPAPMLaw
import OPAPMModel

/// SUB005: a clinician-initiated request for an arrangement that is already on the approved list.
public struct AlreadyOnApprovedList: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "SUB005",
        title: "Clinician-initiated request for an arrangement already approved",
        severity: .note,
        citation: "42 CFR 414.1445(c)",
        summary: """
            With an approved list given (`--approved`), notes a clinician-initiated request for an arrangement \
            whose id is already on the list for the performance year.
            """,
        rationale: """
            The Eligible Clinician Initiated Process is for arrangements not already on CMS's list; the \
            request is unnecessary and CMS may not review it.
            """,
        help: "no request is needed: the arrangement is already an Other Payer Advanced APM for this year",
        passing: [RuleExample("samples/approved/clinician-initiated-apm-entity-commercial.xml", year: 2024)],
        failing: [
            RuleExample(
                "samples/findings/SUB005-already-on-approved-list.xml", year: 2024,
                options: "--approved samples/findings/approved-list-2024.json", at: "/submission/arrangement")
        ])

    public func check(_ context: RuleContext) -> [Violation] {
        guard context.submission.process == .clinicianInitiated, let approved = context.approvedArrangementIds,
            approved.contains(context.arrangement.id)
        else { return [] }
        return [Violation(
            "arrangement \(context.arrangement.id) is already on the approved list for \(context.year)",
            at: context.arrangement.location)]
    }
}
