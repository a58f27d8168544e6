import OPAPMLaw
import OPAPMModel

/// FR003: total potential risk is at least 4% of expected expenditures.
public struct TotalPotentialRisk: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "FR003",
        title: "Total potential risk of at least 4% of expected expenditures",
        severity: .error,
        citation: "42 CFR 414.1420(d)(3)(ii)(B)",
        summary: """
            For PY2019 (and the earlier texts), the APM Entity's total potential risk is at least 4% of expected \
            expenditures. The standard was removed from PY2020: the rule does not apply to later years.
            """,
        rationale: """
            Alongside the marginal risk rate, the standard sets a floor on how much can be lost in all.
            """,
        help: "raise the cap or stop-loss so the maximum liability is at least 4% of expected expenditures",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/FR003-total-potential-risk-below-4-percent.xml", year: 2019, at: "/submission/arrangement/financialRisk")],
        route: .general,
        law: [.totalPotentialRiskPercent])

    public func check(_ context: RuleContext) -> [Violation] {
        guard context.route == .general, let terms = context.arrangement.financialRisk, let risk = context.risk,
            let maximum = risk.maximumLiabilityPercent
        else { return [] }
        // PY2019 only: from PY2020 the nominal amount standard has no total potential risk floor.
        guard let needed = context.parameters.totalPotentialRiskPercent.value, maximum < needed else { return [] }
        return [Violation(
            "total potential risk \(maximum.percentText) of expected expenditures (\(risk.dollars(maximum).dollarText)), needs \(needed.percentText) (\(risk.dollars(needed).dollarText))",
            at: terms.location)]
    }
}
