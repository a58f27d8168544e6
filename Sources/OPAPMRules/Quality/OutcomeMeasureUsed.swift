import OPAPMLaw
import OPAPMModel

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
            list. PY2019: any outcome measure. PY2020–2022: an additional outcome measure from an accepted \
            source, besides the measure that meets (c)(2) (an arrangement determined on or before 2020-01-01 \
            keeps the PY2019 rule for PY2020). PY2023 on: one measure may be both. A submission without one \
            must justify that none is applicable: the justification is reported for review (a warning), never \
            approved silently.
            """,
        rationale: """
            Outcome measures (outcome, intermediate outcome, patient-reported outcome in the MIPS catalogue) \
            show results for patients rather than processes followed.
            """,
        help: "add an outcome measure from the MIPS list, or explain in noApplicableOutcomeMeasure why none applies",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/QM003-no-outcome-measure.xml", year: 2024, at: "/submission/arrangement/qualityMeasures")],
        law: [.outcomeMeasureRule, .outcomeTransitionDeterminedBy, .acceptedMeasureSources])

    public func check(_ context: RuleContext) -> [Violation] {
        let quality = context.arrangement.quality
        var rule = context.parameters.outcomeMeasureRule
        var needsSource = context.parameters.outcomeMeasureNeedsAcceptedSource.value
        // Transition (PY2020): an arrangement already determined on or before 2020-01-01 keeps the
        // PY2019 outcome rule for this year.
        if let cutoff = context.parameters.outcomeTransitionDeterminedBy.value,
            let determined = context.arrangement.previouslyDetermined?.value, determined <= cutoff
        {
            rule = YearValue("outcome-measure", source: context.parameters.outcomeTransitionDeterminedBy.source)
            needsSource = false
        }
        let outcomes = quality.measures.indices.filter { index in
            let measure = quality.measures[index]
            return context.countsAsOutcome(measure) && (!needsSource || context.countsAsAcceptedSource(measure))
        }
        if !outcomes.isEmpty {
            guard rule.value == "additional-outcome-measure" else { return [] }
            // PY2020–2022: the outcome measure is additional to the measure that meets (c)(2); one measure
            // cannot be both. Met when some accepted measure and some other outcome measure are both there.
            let accepted = quality.measures.indices.filter { context.countsAsAcceptedSource(quality.measures[$0]) }
            if accepted.contains(where: { first in outcomes.contains { $0 != first } }) { return [] }
            let only = quality.measures[outcomes[0]].id
            return [Violation(
                "the only outcome measure, \(only), is also the measure that meets (c)(2); PY\(context.year) needs an "
                    + "additional outcome measure (\(rule.source))",
                at: quality.location,
                help: "add a second measure: an outcome measure besides the one that meets (c)(2), or another accepted measure")]
        }
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
