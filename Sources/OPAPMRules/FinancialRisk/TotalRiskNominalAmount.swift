import OPAPMLaw
import OPAPMModel

/// FR002: the total the entity could owe or forgo meets the nominal amount standard.
public struct TotalRiskNominalAmount: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "FR002",
        title: "Total risk meets the nominal amount standard",
        severity: .error,
        citation: "42 CFR 414.1420(d)(3)(i)",
        summary: """
            The most the APM Entity could owe or forgo is at least 3% of expected expenditures or, when risk is \
            expressly defined in terms of revenue, 8% of the total combined revenue from the payer to the \
            providers and other entities under the arrangement (either suffices; the revenue option from PY2019, \
            its PY2024+ text unverified: `opapm law`). This amount is the total risk requirement used by the \
            large-loss allowance.
            """,
        rationale: """
            Risk must be more than nominal: a token amount at stake does not make an arrangement advanced.
            """,
        help: "raise the cap or stop-loss so that the entity's maximum liability reaches the requirement",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/FR002-total-risk-below-3-percent.xml", year: 2024, at: "/submission/arrangement/financialRisk")],
        route: .general,
        law: [.nominalExpenditurePercent, .nominalRevenuePercent, .expectedExpendituresCap])

    public func check(_ context: RuleContext) -> [Violation] {
        guard context.route == .general, let terms = context.arrangement.financialRisk else { return [] }
        guard let risk = context.risk else {
            if let stated = terms.expectedExpenditures {
                // Stated, but zero or negative: there is nothing to measure risk against.
                return [Violation(
                    "expected expenditures are \(stated.value), not a positive amount", at: stated.location,
                    help: "state expectedExpenditures as the positive benchmark or episode target price")]
            }
            return [Violation(
                "expected expenditures not stated", at: terms.location,
                help: "state expectedExpenditures (the benchmark or episode target price)", incomplete: true)]
        }
        guard !risk.totalRiskMet, let maximum = risk.maximumLiabilityPercent else { return [] }
        var message = "total risk \(maximum.percentText) of expected expenditures (\(risk.dollars(maximum).dollarText))"
        message += ", needs \(risk.requirementPercent.percentText) (\(risk.dollars(risk.requirementPercent).dollarText))"
        if let ofRevenue = risk.maximumLiabilityPercentOfRevenue {
            message += "; \(ofRevenue.percentText) of revenue, needs \(context.parameters.nominalRevenuePercent.value.percentText)"
        }
        return [Violation(message, at: terms.location)]
    }
}
