import Foundation
import OPAPMLaw
import OPAPMModel

/// CEHRT002: where a roster says who uses CEHRT, each APM Entity's share meets the year's minimum.
public struct RosterCEHRTShare: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "CEHRT002",
        title: "Each APM Entity's roster meets the CEHRT share",
        severity: .error,
        citation: "42 CFR 414.1420(b)",
        summary: """
            For every APM Entity whose roster lists its clinicians with their CEHRT use, the share using CEHRT \
            is computed and must meet the year's minimum (50% through 2019, 75% from 2020).
            """,
        rationale: """
            The criterion applies to each APM Entity, not to the arrangement as a whole: one entity far below \
            the share is not made good by others above it.
            """,
        help: "bring every APM Entity to the minimum share, or correct the roster",
        passing: [RuleExample("samples/approved/medicaid-ffs-state-agency-shared-losses.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/CEHRT002-roster-share-below-75-percent.xml", year: 2024, at: "/submission/arrangement/apmEntities/apmEntity[2]/roster")],
        law: [.cehrtMinimumPercent, .cehrtTest, .cehrtUseEvidenceAccepted])

    public func check(_ context: RuleContext) -> [Violation] {
        let minimum = context.parameters.cehrtMinimumPercent.value
        return context.arrangement.apmEntities.compactMap { entity in
            guard let roster = entity.roster else { return nil }
            guard let share = roster.cehrtPercent else {
                return Violation("roster of APM Entity \(entity.tin) lists no clinicians", at: roster.location)
            }
            guard share < minimum else { return nil }
            return Violation(
                "APM Entity \(entity.tin): \(roster.usingCEHRT) of \(roster.clinicians) clinicians use CEHRT (\(share.percentText)), needs \(minimum.percentText) for \(context.year)",
                at: roster.location)
        }
    }
}
