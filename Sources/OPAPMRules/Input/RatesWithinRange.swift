import Foundation
import OPAPMLaw
import OPAPMModel

/// INP003: every rate is a percent from 0 to 100, and every overrun point from 0 to 1000.
public struct RatesWithinRange: Rule {
    /// Overrun points (loss bands, minimum loss rate, stop-loss) are percents of expected expenditures;
    /// an overrun of ten times the expected spending is past any real arrangement's terms.
    public static let overrunCeiling = Exact(1000)

    public init() {}

    public static let about = RuleDescription(
        id: "INP003",
        title: "Rates are percents from 0 to 100",
        severity: .error,
        citation: "42 CFR 414.1445 (information sufficient to assess each criterion)",
        summary: """
            Sharing rates and required CEHRT shares are from 0 to 100 (percent); overrun points (band limits, \
            minimum loss rate, stop-loss) are from 0 to 1000 percent of expected expenditures.
            """,
        rationale: """
            A rate over 100% or below 0 is usually a fraction written as a percent or a sign slip; the marginal \
            risk computed from it would be meaningless.
            """,
        help: "write rates as percents: 40 means 40%",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/INP003-rate-over-100-percent.xml", year: 2024, at: "/submission/arrangement/financialRisk/lossSharing/band")])

    public func check(_ context: RuleContext) -> [Violation] {
        context.statedNumbers.compactMap { number in
            let ceiling: Exact
            switch number.kind {
            case .money: return nil
            case .percent: ceiling = 100
            case .overrunPercent: ceiling = Self.overrunCeiling
            }
            guard number.value < 0 || ceiling < number.value else { return nil }
            // The value as written, never rounded: 100.000001 is outside the range, and rounding it to 100% said otherwise.
            return Violation("\(number.name) is \(number.value)%, outside 0% to \(ceiling)%", at: number.location)
        }
    }
}
