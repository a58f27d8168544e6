import OPAPMLaw
import OPAPMModel

/// FR004: the marginal risk rate is at least 30%, with the small- and large-loss allowances.
public struct MarginalRiskRate: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "FR004",
        title: "Marginal risk rate of at least 30%",
        severity: .error,
        citation: "42 CFR 414.1420(d)(3)(ii), (d)(5)",
        summary: """
            The share of expenditures above expected expenditures that the entity must pay is at least 30%. \
            Where it varies with the overrun, the lowest rate (PY2017–2019) or the average rate (PY2020 on) is \
            compared, over the window that disregards overruns under 4% of expected expenditures and overruns \
            past the point where the entity's payments reach the total risk requirement. The allowances are \
            never used against the arrangement: the test is also met over the window from 0%. A first-dollar \
            jump at a minimum loss rate is not a marginal rate. Findings cite the year's paragraphs.
            """,
        rationale: """
            The allowances keep deductible-style minimum loss rates and caps past the required total risk \
            from diluting the rate; the window decides the result, so findings show it.
            """,
        help: "raise the sharing rate in the window, or shorten low-rate bands before the total risk requirement is reached",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [
            RuleExample("samples/not-approved/FR004-average-marginal-risk-below-30-percent.xml", year: 2024, at: "/submission/arrangement/financialRisk"),
            RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2019, at: "/submission/arrangement/financialRisk"),
        ],
        route: .general,
        law: [.marginalRiskMinimumPercent, .marginalRiskMethod, .smallLossPercent, .allowancesUse, .firstDollarJumpIsMarginal, .expectedExpendituresCap])

    public func check(_ context: RuleContext) -> [Violation] {
        guard context.route == .general, let terms = context.arrangement.financialRisk, let risk = context.risk
        else { return [] }
        let method = context.parameters.marginalRiskMethod.value
        let minimum = context.parameters.marginalRiskMinimumPercent.value
        let rate = risk.rate(for: method)
        guard rate < minimum else { return [] }
        // The small-loss allowance "may" disregard rates: never against the arrangement, so the test is
        // also met over (0, u] (the law file's allowancesUse).
        if context.parameters.allowancesUse.value == "never-against-the-arrangement",
            let fromZero = risk.rateFromZero(for: method), fromZero >= minimum
        {
            return []
        }
        var window = "window \(risk.windowStart.percentText)–\(risk.windowEnd.percentText) of expected expenditures"
        if let fromZero = risk.rateFromZero(for: method) { window += "; \(fromZero.percentText) over 0%–\(risk.windowEnd.percentText)" }
        // The paragraphs of the year decided: PY2019 cites (d)(3)(ii)(A), which the PY2020 text no longer has.
        let citation = context.parameters.marginalRiskMinimumPercent.source + "; " + context.parameters.marginalRiskMethod.source
        return [Violation(
            "\(method.rawValue) marginal risk \(rate.percentText), needs \(minimum.percentText) (\(window); short by \((minimum - rate).percentText))",
            at: terms.location, citation: citation)]
    }
}
