import OPAPMLaw
import OPAPMModel

/// FR007: the financial-risk terms point at the contract that states them, as the other criteria's evidence does.
public struct RiskTermsCiteContract: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "FR007",
        title: "Financial-risk terms cite the contract",
        severity: .note,
        citation: "42 CFR 414.1445(c)(1)",
        summary: """
            The requester submits the information CMS specifies, including the documents that show each \
            criterion is met. Schema 1.1 has financialRisk/evidence for where the contract states the risk terms \
            (article, section, page), as cehrt/evidence and measure/evidence do for the other criteria. A 1.1 \
            submission with risk terms and no reference gets this note; a 1.0 file cannot state it and gets none.
            """,
        rationale: """
            The figures opapm computes are only as good as the terms they are read from: a reviewer checks them \
            against the contract, and the reference says where.
            """,
        help: "give financialRisk/evidence: the contract article, section or page that states the risk terms",
        passing: [RuleExample("samples/approved/commercial-additional-outcome-measure-2021.xml", year: 2021)],
        failing: [RuleExample("samples/findings/FR007-risk-terms-without-contract-reference.xml", year: 2024, at: "/submission/arrangement/financialRisk")])

    public func check(_ context: RuleContext) -> [Violation] {
        guard context.submission.version != "1.0", let risk = context.arrangement.financialRisk, risk.evidence.isEmpty
        else { return [] }
        return [Violation(
            "the financial-risk terms cite no contract article, section or page: reviewers find them in the contract",
            at: risk.location)]
    }
}
