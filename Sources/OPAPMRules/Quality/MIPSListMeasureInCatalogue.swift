import OPAPMLaw
import OPAPMModel

/// QM002: a measure said to be on the MIPS list is in that year's MIPS catalogue.
public struct MIPSListMeasureInCatalogue: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "QM002",
        title: "MIPS-list measure is in the year's MIPS catalogue",
        severity: .error,
        citation: "42 CFR 414.1420(c)(2); 414.1330",
        summary: """
            Each measure with source `mips-list` must be a MIPS quality measure in CMS's catalogue for the \
            performance year (qpp-measures-data). QCDR measures in that catalogue are not the MIPS list.
            """,
        rationale: """
            Measures leave MIPS from one year to the next; a measure on an earlier list, or a QCDR measure, \
            does not meet the MIPS-list source for this year.
            """,
        help: "correct the measure id or its source, or use a measure on this year's MIPS list",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/QM002-mips-measure-not-in-catalogue.xml", year: 2024, at: "/submission/arrangement/qualityMeasures/measure[3]")])

    public func check(_ context: RuleContext) -> [Violation] {
        let claimed = context.arrangement.quality.measures.filter { $0.source == .mipsList }
        guard !claimed.isEmpty else { return [] }
        guard let catalogue = context.catalogue else {
            return [Violation(
                "no MIPS measure catalogue for \(context.year)", at: context.arrangement.quality.location,
                help: "give the year's CMS measures-data.json with --measures", incomplete: true)]
        }
        return claimed.compactMap { measure in
            guard let entry = catalogue.measure(measure.id) else {
                return Violation("measure \(measure.id) is not in the \(context.year) MIPS catalogue", at: measure.location)
            }
            guard !entry.isRegistryMeasure else {
                return Violation(
                    "measure \(measure.id) is a QCDR measure, not on the \(context.year) MIPS list", at: measure.location,
                    help: "give its source as qcdr, or choose a MIPS measure")
            }
            return nil
        }
    }
}
