import OPAPMLaw
import OPAPMModel

/// SUB002: the arrangement is in effect during the performance year, with coherent dates.
public struct ArrangementActiveInYear: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "SUB002",
        title: "Arrangement is active during the performance year",
        severity: .error,
        citation: "42 CFR 414.1420(a)",
        summary: """
            The arrangement's start date is on or before 31 December of the performance year, its end date is \
            on or after 1 January of it (dates the wrong way round are INP004).
            """,
        rationale: """
            An arrangement is an Other Payer Advanced APM for a QP Performance Period only if it meets the \
            criteria during that period; an arrangement not in effect cannot.
            """,
        help: "correct the dates, or request the determination for the years the arrangement runs",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/SUB002-arrangement-ended-before-year.xml", year: 2024, at: "/submission/arrangement/endDate")])

    public func check(_ context: RuleContext) -> [Violation] {
        let arrangement = context.arrangement
        let start = arrangement.startDate.value
        let end = arrangement.endDate.value
        // Dates the wrong way round are INP004's finding.
        guard end >= start else { return [] }
        let yearStart = CalendarDate(year: context.year, month: 1, day: 1)
        let yearEnd = CalendarDate(year: context.year, month: 12, day: 31)
        if start > yearEnd {
            return [Violation(
                "arrangement starts \(start), after performance year \(context.year)", at: arrangement.startDate.location)]
        }
        if end < yearStart {
            return [Violation(
                "arrangement ended \(end), before performance year \(context.year)", at: arrangement.endDate.location)]
        }
        return []
    }
}
