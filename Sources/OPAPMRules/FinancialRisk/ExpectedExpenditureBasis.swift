import OPAPMLaw
import OPAPMModel

/// FR005: expected expenditures are the benchmark, or for episode payment the episode target price.
public struct ExpectedExpenditureBasis: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "FR005",
        title: "Expected expenditures have the right basis",
        severity: .warning,
        citation: "42 CFR 414.1420(d)(6)",
        summary: """
            Expected expenditures are the arrangement's benchmark, except that for episode payment \
            arrangements they are the episode target price.
            """,
        rationale: """
            Every risk figure is a share of expected expenditures; the wrong base makes every one of them wrong.
            """,
        help: "use the episode target price for episode arrangements and the benchmark otherwise",
        passing: [RuleExample("samples/approved/cost-plan-1876-episode-target-price.xml", year: 2024)],
        failing: [RuleExample("samples/findings/FR005-episode-priced-on-benchmark.xml", year: 2024, at: "/submission/arrangement/financialRisk/expectedExpenditures")])

    public func check(_ context: RuleContext) -> [Violation] {
        guard let terms = context.arrangement.financialRisk, let basis = terms.expenditureBasis,
            let expected = terms.expectedExpenditures
        else { return [] }
        let episode = context.arrangement.kind.value == .episode
        if episode && basis != .episodeTargetPrice {
            return [Violation("episode arrangement with expected expenditures on a '\(basis.rawValue)' basis", at: expected.location)]
        }
        if !episode && basis == .episodeTargetPrice {
            return [Violation(
                "\(context.arrangement.kind.value.rawValue) arrangement with expected expenditures on an episode target price",
                at: expected.location)]
        }
        return []
    }
}
