import OPAPMLaw
import OPAPMModel

/// FR006: loss-sharing bands describe one schedule: increasing, without overlaps or gaps.
public struct LossBandsConsistent: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "FR006",
        title: "Loss-sharing bands are ordered, without overlap or gap",
        severity: .error,
        citation: "42 CFR 414.1420(d)(5)",
        summary: """
            Each band's upper bound is above its lower bound; sorted by lower bound, each band starts where the \
            previous one ends; only the last band may be open-ended.
            """,
        rationale: """
            The liability curve, and with it every risk test, is built from the bands. Overlapping or \
            backwards bands have no single reading, so no determination is made from them.
            """,
        help: "rewrite the bands as one schedule: 0–a, a–b, b–c …",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/FR006-overlapping-loss-bands.xml", year: 2024, at: "/submission/arrangement/financialRisk/lossSharing/band[2]")])

    public func check(_ context: RuleContext) -> [Violation] {
        guard let bands = context.arrangement.financialRisk?.bands, !bands.isEmpty else { return [] }
        var violations: [Violation] = []
        for band in bands {
            if let to = band.toPercent, to <= band.fromPercent {
                violations.append(Violation(
                    "band runs backwards: from \(band.fromPercent.percentText) to \(to.percentText)", at: band.location))
            }
        }
        let sorted = bands.sorted { $0.fromPercent < $1.fromPercent }
        for (previous, next) in zip(sorted, sorted.dropFirst()) {
            guard let end = previous.toPercent else {
                violations.append(Violation(
                    "open-ended band from \(previous.fromPercent.percentText) is followed by another band", at: previous.location))
                continue
            }
            if next.fromPercent < end {
                violations.append(Violation(
                    "bands overlap: \(previous.fromPercent.percentText)–\(end.percentText) and one from \(next.fromPercent.percentText)",
                    at: next.location))
            } else if next.fromPercent > end {
                violations.append(Violation(
                    "gap between bands: nothing from \(end.percentText) to \(next.fromPercent.percentText)", at: next.location))
            }
        }
        return violations
    }
}
