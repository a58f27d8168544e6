import OPAPMLaw
import OPAPMModel

/// CAP001: a full capitation arrangement meets the financial risk criterion.
public struct FullCapitation: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "CAP001",
        title: "Full capitation qualifies",
        severity: .error,
        citation: "42 CFR 414.1420(d)(7)",
        summary: """
            An arrangement of kind full-capitation must pay a per-capita or otherwise predetermined amount for \
            all items and services for a population for a fixed period (a settlement contradicts the kind: \
            INP007). Excluded: an arrangement made directly between CMS and a Medicare Advantage Organization \
            (cmsContract on a Medicare Advantage payer); other Medicare Health Plans' contracts with CMS, and a \
            plan's own contracts with providers, are not excluded (the law file's capitationExclusion).
            """,
        rationale: """
            Full capitation puts the whole risk on the entity, so it meets the risk criterion without the \
            nominal amount tests; partial capitation, or capitation with a settlement, does not.
            """,
        help: "describe a full capitation without settlement, or use another arrangement kind and state its risk terms",
        passing: [RuleExample("samples/approved/medicare-advantage-full-capitation.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/CAP001-capitation-not-all-services.xml", year: 2024, at: "/submission/arrangement/financialRisk/capitation")],
        route: .capitation,
        law: [.capitationExclusion])

    public func check(_ context: RuleContext) -> [Violation] {
        guard context.route == .capitation else { return [] }
        let arrangement = context.arrangement
        guard let capitation = arrangement.financialRisk?.capitation else {
            return [Violation(
                "full-capitation arrangement without capitation terms", at: arrangement.kind.location,
                help: "state financialRisk/capitation", incomplete: true)]
        }
        var violations: [Violation] = []
        if !capitation.allItemsAndServices {
            violations.append(Violation("capitation does not cover all items and services", at: capitation.location))
        }
        let exclusion = context.parameters.capitationExclusion
        let payer = context.submission.payer
        let excluded = payer.cmsContract
            && (payer.type == .medicareAdvantage || exclusion.value == "medicare-health-plans" && payer.type.group == .medicareHealthPlan)
        if excluded {
            violations.append(Violation(
                "arrangement is made directly between CMS and a Medicare Advantage Organization, not capitation under (d)(7)",
                at: payer.location, citation: exclusion.source))
        }
        return violations
    }
}
