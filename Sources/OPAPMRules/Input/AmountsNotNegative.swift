import OPAPMLaw
import OPAPMModel

/// INP001: no amount of money is negative.
public struct AmountsNotNegative: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "INP001",
        title: "Amounts of money are not negative",
        severity: .error,
        citation: "42 CFR 414.1445 (information sufficient to assess each criterion)",
        summary: """
            Expected expenditures, revenue, withheld amounts, liability caps, per-capita payments, amounts at \
            risk and QP figures are all zero or more.
            """,
        rationale: """
            A negative amount has no meaning in these terms, and fed into the risk arithmetic it can turn a loss \
            into a gain; the submission is not assessed on it.
            """,
        help: "state the amount in US dollars as a number of zero or more",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/INP001-negative-expected-expenditures.xml", year: 2024, at: "/submission/arrangement/financialRisk/expectedExpenditures")])

    public func check(_ context: RuleContext) -> [Violation] {
        context.statedNumbers.filter { $0.kind == .money && $0.value < 0 }.map { number in
            Violation("\(number.name) is negative (\(number.value.dollarText))", at: number.location)
        }
    }
}
