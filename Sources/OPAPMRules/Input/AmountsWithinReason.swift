import Foundation
import OPAPMLaw
import OPAPMModel

/// INP002: no amount of money is beyond any real arrangement.
public struct AmountsWithinReason: Rule {
    /// One trillion dollars: about a fifth of all US health spending in a year ($4.9 trillion in 2023,
    /// CMS National Health Expenditure Accounts), far beyond any one payer's arrangement. An amount above
    /// it is a slip (digits, units or exponent), and deciding on it would be deciding on noise.
    public static let ceiling = Exact(1_000_000_000_000)

    public init() {}

    public static let about = RuleDescription(
        id: "INP002",
        title: "Amounts of money are within reason",
        severity: .error,
        citation: "42 CFR 414.1445 (information sufficient to assess each criterion)",
        summary: """
            No amount exceeds $1,000,000,000,000 (one trillion dollars, about a fifth of all US health spending \
            in a year).
            """,
        rationale: """
            Such a figure is a typing or unit slip; the risk tests computed on it would look met or failed by \
            accident.
            """,
        help: "check the digits and the unit: amounts are US dollars, at most 2 decimals",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/INP002-expected-expenditures-of-1e30.xml", year: 2024, at: "/submission/arrangement/financialRisk/expectedExpenditures")])

    public func check(_ context: RuleContext) -> [Violation] {
        context.statedNumbers.filter { $0.kind == .money && Self.ceiling < $0.value }.map { number in
            Violation("\(number.name) is \(number.value.dollarText), over the ceiling of \(Self.ceiling.dollarText)",
                at: number.location)
        }
    }
}
