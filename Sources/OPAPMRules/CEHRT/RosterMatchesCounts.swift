import OPAPMLaw
import OPAPMModel

/// CEHRT003: a roster agrees with the eligible-clinician count stated for its APM Entity.
public struct RosterMatchesCounts: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "CEHRT003",
        title: "Roster agrees with the stated clinician count",
        severity: .error,
        citation: "42 CFR 414.1420(b); 414.1445 (accuracy attestation)",
        summary: """
            When an APM Entity has a roster, the number of clinicians listed equals its eligibleClinicianCount, \
            and no NPI is listed twice in the submission.
            """,
        rationale: """
            The CEHRT share is computed from the roster; a roster that disagrees with the stated count, or \
            lists a clinician twice, makes that share unreliable, so the arrangement is not approved on it.
            """,
        help: "correct the roster or the stated count",
        passing: [RuleExample("samples/approved/medicaid-ffs-state-agency-shared-losses.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/CEHRT003-roster-count-differs.xml", year: 2024, at: "/submission/arrangement/apmEntities/apmEntity/roster")])

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for entity in context.arrangement.apmEntities {
            guard let roster = entity.roster else { continue }
            if roster.clinicians != entity.eligibleClinicianCount {
                violations.append(Violation(
                    "APM Entity \(entity.tin): roster lists \(roster.clinicians) clinicians, eligibleClinicianCount says \(entity.eligibleClinicianCount)",
                    at: roster.location))
            }
            if roster.npisNotCheckedForDuplicates > 0 {
                violations.append(Violation(
                    "APM Entity \(entity.tin): \(roster.npisNotCheckedForDuplicates) roster entries past the first \(roster.duplicateCheckLimit) were not checked for repeated NPIs",
                    at: roster.location, severity: .note))
            }
            if roster.duplicateNPIs > 0, let npi = roster.firstDuplicateNPI {
                violations.append(Violation(
                    "APM Entity \(entity.tin): \(roster.duplicateNPIs) NPI(s) listed more than once, first \(npi)",
                    at: roster.location))
            }
        }
        return violations
    }
}

