import OPAPMLaw
import OPAPMModel

/// MMH005: entities of large organizations cannot use the medical-home standards.
public struct MedicalHomeClinicianLimit: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "MMH005",
        title: "50-clinician limit for the medical-home standards",
        severity: .warning,
        citation: "42 CFR 414.1420(d)(8)",
        summary: """
            PY2019–2022: when an APM Entity is owned and operated by an organization with 50 or more eligible \
            clinicians whose Medicare billing rights are reassigned to its TINs (or its subsidiaries'), the \
            medical-home standards do not apply (each entity's organization size must be stated). From PY2023 \
            the count is the APM Entity's own eligible clinicians on any of the three snapshot dates (schema 1.1 \
            clinicianCountAtSnapshot; the largest is read, and without them eligibleClinicianCount, with a note) (an entity of exactly 50 gets a note: the text \
            says both "50 or more" and "more than 50"). Either way the arrangement is then judged under the \
            general standards (d)(1) and (d)(3), and this warning says so.
            """,
        rationale: """
            The lighter medical-home standards are meant for small practices; large organizations can bear the \
            general risk standards.
            """,
        help: "state general financial risk terms (financialRisk) for arrangements with large organizations",
        passing: [RuleExample("samples/approved/other-payer-aligned-medical-home.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/MMH005-organization-of-50-clinicians.xml", year: 2022, at: "/submission/arrangement/apmEntities/apmEntity/organizationClinicianCount")],
        law: [.medicalHomeClinicianLimit, .medicalHomeLimitBasis])

    public func check(_ context: RuleContext) -> [Violation] {
        let arrangement = context.arrangement
        let parameters = context.parameters
        guard MedicalHomeRoute.claimed(arrangement), arrangement.kind.value != .fullCapitation,
            MedicalHomeRoute.payerMayUse(context.submission, parameters: parameters),
            let limit = parameters.medicalHomeClinicianLimit.value
        else { return [] }
        let ownCount = parameters.medicalHomeLimitBasis.value == "apm-entity"
        let whose = ownCount ? "has" : "belongs to an organization of"
        var violations = MedicalHomeRoute.entitiesOverLimit(arrangement, parameters: parameters).map { entity in
            let count = MedicalHomeRoute.limitedCount(entity, parameters: parameters)
            let snapshot = ownCount ? entity.snapshotCounts.first { $0.location == count?.location }.map { " on \($0.snapshot)" } ?? "" : ""
            return Violation(
                "APM Entity \(entity.tin) \(whose) \(count?.value ?? 0) eligible clinicians\(snapshot) (limit: fewer than \(limit), \(parameters.medicalHomeLimitBasis.value)): judged under the general financial risk standards",
                at: count?.location ?? entity.location, citation: parameters.medicalHomeLimitBasis.source)
        }
        if violations.isEmpty && !ownCount {
            violations = arrangement.apmEntities.filter { $0.organizationClinicianCount == nil }.map { entity in
                Violation(
                    "APM Entity \(entity.tin): size of the owning organization not stated", at: entity.location,
                    help: "state organizationClinicianCount", incomplete: true, severity: .error)
            }
        }
        // The PY2023 text says both "50 or more" and "more than 50": exactly 50 is read as over (interpretation).
        if ownCount {
            for entity in arrangement.apmEntities {
                let count = MedicalHomeRoute.limitedCount(entity, parameters: parameters)
                if count?.value == limit {
                    violations.append(Violation(
                        "APM Entity \(entity.tin) has exactly \(limit) eligible clinicians: the PY\(context.year) text says both "
                            + "\"\(limit) or more\" and \"more than \(limit)\"; opapm reads \(limit) or more (interpretation)",
                        at: count?.location ?? entity.location, severity: .note, citation: parameters.medicalHomeClinicianLimit.source))
                }
                // 414.1440(e)(2)(ii) asks for the information at the snapshot dates; without it the one count is read.
                if entity.snapshotCounts.isEmpty {
                    violations.append(Violation(
                        "APM Entity \(entity.tin): eligible clinicians at the snapshot dates not stated; eligibleClinicianCount "
                            + "(\(entity.eligibleClinicianCount)) is read for all three",
                        at: entity.location, help: "give clinicianCountAtSnapshot for march-31, june-30 and august-31 (schema 1.1)",
                        severity: .note, citation: parameters.medicalHomeLimitBasis.source))
                }
            }
        }
        return violations
    }
}
