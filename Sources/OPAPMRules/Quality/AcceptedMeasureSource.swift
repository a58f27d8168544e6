import OPAPMLaw
import OPAPMModel

/// QM001: at least one quality measure comes from a source accepted for the year.
public struct AcceptedMeasureSource: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "QM001",
        title: "At least one measure from an accepted source",
        severity: .error,
        citation: "42 CFR 414.1420(a)(2), (c)(1)–(2)",
        summary: """
            The arrangement applies quality measures comparable to MIPS, and at least one comes from a source \
            accepted for the year: PY2017–2019 the MIPS list, consensus-based endorsement, section 1848(s), the \
            Call for Quality Measures, or CMS determination; from PY2020 the MIPS final list, consensus-based \
            endorsement, or CMS determination. A measure claimed to be on the MIPS list counts only if that \
            year's catalogue lists it; QCDR measures count as MIPS measures in PY2019 (414.1330(a)(2)) and not \
            from PY2020. A measure accepted only as consensus-endorsed or CMS-determined rests on the \
            submitter's evidence and is put to the reviewers (a warning).
            """,
        rationale: """
            Quality measures comparable to MIPS are the second criterion; the accepted sources are what make a \
            measure evidence-based, reliable and valid for this purpose.
            """,
        help: "add a measure from the MIPS list, a consensus-endorsed measure, or one CMS has determined acceptable",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/QM001-only-qcdr-measures.xml", year: 2024, at: "/submission/arrangement/qualityMeasures")],
        law: [.acceptedMeasureSources, .qcdrMeasuresAreMIPSMeasures])

    public func check(_ context: RuleContext) -> [Violation] {
        let quality = context.arrangement.quality
        if quality.measures.isEmpty {
            return [Violation("no quality measures", at: quality.location)]
        }
        // A closure, not the method itself: a partially applied method copies the whole context into a box.
        let accepted = quality.measures.filter { context.countsAsAcceptedSource($0) }
        if accepted.contains(where: { $0.source == .mipsList || $0.source == .qcdr }) { return [] }
        if !accepted.isEmpty {
            // Consensus endorsement and CMS's own determination rest on evidence the submitter gives: never
            // approved silently, each claim is put to the reviewers.
            return accepted.map { measure in
                Violation(
                    "measure \(measure.id) is accepted as '\(measure.source.rawValue)' on the submitter's evidence: reviewers confirm it"
                        + Self.reviewDetails(measure),
                    at: measure.location,
                    help: "reviewers: check the endorsement or the evidence that the measure is evidence-based, reliable and valid",
                    severity: .warning)
            }
        }
        let sources = Set(quality.measures.map(\.source)).sorted().map(\.rawValue).joined(separator: ", ")
        let acceptedSources = context.parameters.acceptedMeasureSources.value.sorted().map(\.rawValue).joined(separator: ", ")
        return [Violation(
            "no measure from a source accepted for \(context.year) (measures' sources: \(sources); accepted: \(acceptedSources))",
            at: quality.location)]
    }

    /// What the reviewers are given: the steward, the endorsement id (schema 1.1) and the evidence, or
    /// that none was.
    static func reviewDetails(_ measure: QualityMeasure) -> String {
        var parts: [String] = []
        if let steward = measure.steward { parts.append("steward \(steward)") }
        if measure.source == .consensusEndorsed {
            parts.append(measure.endorsementId.map { "endorsement \($0)" } ?? "no endorsement id given")
        }
        parts.append(measure.evidence.map { "evidence: \($0)" } ?? "no evidence given")
        return " (" + parts.joined(separator: "; ") + ")"
    }
}
