import OPAPMLaw
import OPAPMModel

/// FR001: a consequence follows when actual expenditures exceed expected expenditures.
public struct ExpenditureRiskStandard: Rule {
    public init() {}

    /// The consequences (d)(1) names: withhold, reduced payment rates, direct payment to the payer.
    public static let consequences: Set<RiskMechanism> = [.sharedLosses, .withhold, .paymentRateReduction, .directPayment]

    public static let about = RuleDescription(
        id: "FR001",
        title: "Losses have a consequence (no upside-only arrangements)",
        severity: .error,
        citation: "42 CFR 414.1420(a)(3)(i), (d)(1)",
        summary: """
            When the APM Entity's actual expenditures exceed its expected expenditures, the arrangement \
            withholds payment, reduces payment rates, or requires the entity to pay the payer (shared losses \
            are such a payment), and the loss-sharing terms make the entity owe something. Upside-only \
            (shared-savings-only) arrangements fail.
            """,
        rationale: """
            More than nominal financial risk is the third criterion for arrangements that are neither full \
            capitation nor qualifying Medicaid Medical Home Models.
            """,
        help: "add two-sided risk: a withhold, payment-rate reduction or payment to the payer when spending exceeds the benchmark",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/FR001-upside-only-shared-savings.xml", year: 2024, at: "/submission/arrangement/financialRisk")],
        route: .general)

    public func check(_ context: RuleContext) -> [Violation] {
        guard context.route == .general else { return [] }
        guard let terms = context.arrangement.financialRisk else {
            return [Violation(
                "no financial risk terms", at: context.arrangement.location,
                help: "describe the financial risk in financialRisk", incomplete: true)]
        }
        if terms.mechanisms.contains(.sharedSavings) && !terms.mechanisms.contains(where: Self.consequences.contains) {
            return [Violation("upside-only: shared savings with no consequence when expenditures exceed expected expenditures",
                at: terms.location)]
        }
        if !terms.mechanisms.contains(where: Self.consequences.contains) {
            let given = terms.mechanisms.map(\.rawValue).joined(separator: ", ")
            return [Violation(
                "no consequence when expenditures exceed expected expenditures (mechanisms: \(given.isEmpty ? "none" : given))",
                at: terms.location)]
        }
        let owesSomething = terms.bands.contains { $0.ratePercent > 0 }
            && (context.risk.map { $0.maximumLiabilityPercent.map { $0 > 0 } ?? true } ?? true)
        if !owesSomething {
            return [Violation("upside-only: the entity owes nothing at any level of losses", at: terms.location)]
        }
        return []
    }
}
