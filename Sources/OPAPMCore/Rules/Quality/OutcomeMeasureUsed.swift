/// QM003: the arrangement uses an outcome measure, or says why none applies.
public struct OutcomeMeasureUsed: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "QM003",
        title: "An outcome measure is used, or none applies",
        severity: .error,
        citation: "42 CFR 414.1420(c)(3)",
        summary: """
            The arrangement must use an outcome measure when an applicable one is on the MIPS quality measure \
            list; from PY2020 that outcome measure must itself come from an accepted source. A submission \
            without one must justify that none is applicable: the justification is reported for review \
            (a warning), never approved silently.
            """,
        rationale: """
            Outcome measures (outcome, intermediate outcome, patient-reported outcome in the MIPS catalogue) \
            show results for patients rather than processes followed.
            """,
        help: "add an outcome measure from the MIPS list, or explain in noApplicableOutcomeMeasure why none applies",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/QM003-no-outcome-measure.xml", year: 2024)])

    public func check(_ context: RuleContext) -> [Violation] {
        let quality = context.arrangement.quality
        let needsSource = context.parameters.outcomeMeasureNeedsAcceptedSource.value
        let outcome = quality.measures.contains { measure in
            context.countsAsOutcome(measure) && (!needsSource || context.countsAsAcceptedSource(measure))
        }
        if outcome { return [] }
        if let justification = quality.noApplicableOutcomeJustification {
            return [Violation(
                "no outcome measure; the justification that none is applicable needs CMS review",
                at: justification.location, help: "reviewers: confirm no applicable outcome measure is on the MIPS list",
                severity: .warning)]
        }
        let qualifier = needsSource ? " from an accepted source" : ""
        return [Violation("no outcome measure\(qualifier) and no justification", at: quality.location)]
    }
}
