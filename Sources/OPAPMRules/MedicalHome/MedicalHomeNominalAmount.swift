import Foundation
import OPAPMLaw
import OPAPMModel

/// MMH004: the amount at risk meets the year's medical-home minimum.
public struct MedicalHomeNominalAmount: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "MMH004",
        title: "Medical-home nominal amount",
        severity: .error,
        citation: "42 CFR 414.1420(d)(4)",
        summary: """
            The total annual amount the APM Entity could owe or forgo is at least 3% (PY2019), 4% (PY2020) or \
            5% (PY2021 on) of the average estimated total revenue of the participating providers or other \
            entities under the payer.
            """,
        rationale: """
            The medical-home risk must still be more than nominal; the minimum rose year by year.
            """,
        help: "raise the amount at risk to the year's share of average estimated total revenue",
        passing: [RuleExample("samples/approved/medicaid-managed-care-medical-home.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/MMH004-four-percent-at-risk-in-2024.xml", year: 2024, at: "/submission/arrangement/medicalHome/amountAtRisk")],
        route: .medicalHome,
        law: [.medicalHomeMinimumPercent])

    public func check(_ context: RuleContext) -> [Violation] {
        guard context.route == .medicalHome, let home = context.arrangement.medicalHome else { return [] }
        guard let amount = home.amountAtRisk, let revenue = home.averageEstimatedTotalRevenue, revenue.value > 0 else {
            return [Violation(
                "amount at risk or average estimated total revenue not stated", at: home.location,
                help: "state amountAtRisk and averageEstimatedTotalRevenue", incomplete: true)]
        }
        // No minimum: the year has no Other Payer determinations (SUB008 says so).
        guard let minimum = context.parameters.medicalHomeMinimumPercent.value else { return [] }
        let share = (amount.value.scaled(byPowerOfTen: 2) / revenue.value)
        guard share < minimum else { return [] }
        return [Violation(
            "amount at risk \(amount.value.dollarText) is \(share.percentText) of average estimated total revenue \(revenue.value.dollarText), needs \(minimum.percentText) (\((minimum * revenue.value / 100).dollarText)) for \(context.year)",
            at: amount.location)]
    }
}
