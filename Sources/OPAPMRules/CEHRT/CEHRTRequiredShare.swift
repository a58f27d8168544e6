import Foundation
import OPAPMLaw
import OPAPMModel

/// CEHRT001: the arrangement requires CEHRT use by at least the year's share of eligible clinicians.
public struct CEHRTRequiredShare: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "CEHRT001",
        title: "Arrangement requires CEHRT use by the year's minimum share",
        severity: .error,
        citation: "42 CFR 414.1420(a)(1), (b)",
        summary: """
            The arrangement must require at least 50% (PY2017–2019) or 75% (PY2020 on) of the eligible \
            clinicians in each participating APM Entity, or each hospital, to use certified EHR technology to \
            document and communicate clinical care. Where the arrangement does not require it, documented use \
            (a roster showing the share in every APM Entity) is accepted instead. An arrangement shown to \
            require CEHRT without stating a share is presumed to meet the criterion (414.1445(c)(2), PY2018 on): \
            a note, not a gap; a roster below the share still fails it (CEHRT002).
            """,
        rationale: """
            CEHRT use is the first of the three criteria. The 75% from 2020 follows the regulation as amended \
            (83 FR 60090); one CMS factsheet still says 50% for PY2020, but the amended text governs.
            """,
        help: "require the year's minimum share of eligible clinicians in each APM Entity to use CEHRT",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/CEHRT001-requires-50-percent-in-2024.xml", year: 2024, at: "/submission/arrangement/cehrt/requiredPercent")],
        law: [.cehrtMinimumPercent, .cehrtTest, .cehrtRequirementPresumed])

    public func check(_ context: RuleContext) -> [Violation] {
        let cehrt = context.arrangement.cehrt
        let minimum = context.parameters.cehrtMinimumPercent.value
        guard cehrt.required else {
            let documented = context.arrangement.apmEntities.allSatisfy { entity in
                entity.roster?.cehrtPercent.map { $0 >= minimum } ?? false
            }
            if documented { return [] }
            return [Violation(
                "arrangement does not require CEHRT use and no roster documents \(minimum.percentText) use in every APM Entity",
                at: cehrt.location)]
        }
        guard let required = cehrt.requiredPercent else {
            // 414.1445(c)(2): a requirement shown is presumed to meet (b); a roster below the share still
            // fails it (CEHRT002).
            let presumed = context.parameters.cehrtRequirementPresumed
            if presumed.value {
                return [Violation(
                    "arrangement requires CEHRT use without stating a share: presumed to meet 414.1420(b)", at: cehrt.location,
                    help: "reviewers: the presumption holds unless evidence shows less than \(minimum.percentText) use",
                    severity: .note, citation: presumed.source)]
            }
            return [Violation(
                "required CEHRT share not stated", at: cehrt.location,
                help: "state requiredPercent, the share of eligible clinicians required to use CEHRT", incomplete: true)]
        }
        guard required.value < minimum else { return [] }
        return [Violation(
            "arrangement requires \(required.value.percentText) CEHRT use, needs \(minimum.percentText) for \(context.year) (short by \((minimum - required.value).percentText))",
            at: required.location)]
    }
}
