/// MMH005: entities of large organizations cannot use the medical-home standards.
public struct MedicalHomeClinicianLimit: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "MMH005",
        title: "50-clinician limit for the medical-home standards",
        severity: .warning,
        citation: "42 CFR 414.1420(d)(8)",
        summary: """
            From PY2019, when an APM Entity is owned and operated by an organization with 50 or more eligible \
            clinicians whose Medicare billing rights are reassigned to its TINs (or its subsidiaries'), the \
            medical-home standards do not apply: the arrangement is judged under the general standards \
            (d)(1) and (d)(3), and this warning says so. Each entity's organization size must be stated.
            """,
        rationale: """
            The lighter medical-home standards are meant for small practices; large organizations can bear the \
            general risk standards.
            """,
        help: "state general financial risk terms (financialRisk) for arrangements with large organizations",
        passing: [RuleExample("samples/approved/medicaid-managed-care-medical-home.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/MMH005-organization-of-50-clinicians.xml", year: 2024)])

    public func check(_ context: RuleContext) -> [Violation] {
        let arrangement = context.arrangement
        guard MedicalHomeRoute.claimed(arrangement), arrangement.kind.value != .fullCapitation,
            context.submission.payer.type.isTitleXIX, let limit = context.parameters.medicalHomeClinicianLimit.value
        else { return [] }
        var violations = MedicalHomeRoute.entitiesOverLimit(arrangement, limit: limit).map { entity in
            Violation(
                "APM Entity \(entity.tin) belongs to an organization of \(entity.organizationClinicianCount?.value ?? 0) eligible clinicians (limit: fewer than \(limit)): judged under the general financial risk standards",
                at: entity.organizationClinicianCount?.location ?? entity.location)
        }
        if violations.isEmpty {
            violations = arrangement.apmEntities.filter { $0.organizationClinicianCount == nil }.map { entity in
                Violation(
                    "APM Entity \(entity.tin): size of the owning organization not stated", at: entity.location,
                    help: "state organizationClinicianCount", incomplete: true, severity: .error)
            }
        }
        return violations
    }
}
