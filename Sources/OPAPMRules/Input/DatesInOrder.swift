import OPAPMLaw
import OPAPMModel

/// INP004: the arrangement ends on or after the day it starts.
public struct DatesInOrder: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "INP004",
        title: "The arrangement's end date is not before its start date",
        severity: .error,
        citation: "42 CFR 414.1445 (information sufficient to assess each criterion)",
        summary: "The end date is on or after the start date.",
        rationale: """
            Dates the wrong way round are a slip; which years the arrangement runs, and so which years it can be \
            decided for, is unknown.
            """,
        help: "correct the start or end date",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/INP004-end-date-before-start-date.xml", year: 2024, at: "/submission/arrangement/endDate")])

    public func check(_ context: RuleContext) -> [Violation] {
        let start = context.arrangement.startDate.value
        let end = context.arrangement.endDate
        guard end.value < start else { return [] }
        return [Violation("end date \(end.value) is before start date \(start)", at: end.location)]
    }
}
