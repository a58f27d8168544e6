import OPAPMLaw
import OPAPMModel

/// QM004: a MIPS measure claimed as an outcome measure has an outcome type in the catalogue.
public struct ClaimedOutcomeIsOutcome: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "QM004",
        title: "Claimed outcome measure is an outcome measure",
        severity: .error,
        citation: "42 CFR 414.1420(c)(3)",
        summary: """
            A MIPS-list measure marked `outcome="true"` must have the type outcome, intermediate outcome or \
            patient-reported outcome in the year's MIPS catalogue.
            """,
        rationale: """
            The outcome requirement cannot be met by relabelling a process measure; the catalogue's measure \
            type decides.
            """,
        help: "mark the measure outcome=\"false\", or use an outcome measure",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/QM004-process-measure-claimed-as-outcome.xml", year: 2024, at: "/submission/arrangement/qualityMeasures/measure")])

    public func check(_ context: RuleContext) -> [Violation] {
        guard let catalogue = context.catalogue else { return [] }
        return context.arrangement.quality.measures.compactMap { measure in
            guard measure.claimedOutcome, measure.source == .mipsList, let entry = catalogue.measure(measure.id),
                !entry.isOutcome
            else { return nil }
            return Violation(
                "measure \(measure.id) is claimed as an outcome measure but is a '\(entry.type)' measure in the \(context.year) catalogue",
                at: measure.location)
        }
    }
}
