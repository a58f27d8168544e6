/// Which financial-risk route an arrangement takes, decided once and shared by the engine and the
/// medical-home rules that explain a fall-back to the general standards.
public enum MedicalHomeRoute {
    /// The arrangement presents itself as a medical home.
    public static func claimed(_ arrangement: Arrangement) -> Bool {
        arrangement.kind.value == .medicalHome || arrangement.medicalHome != nil
    }

    /// APM Entities whose owning organization reaches the year's clinician limit.
    public static func entitiesOverLimit(_ arrangement: Arrangement, limit: Int?) -> [APMEntity] {
        guard let limit else { return [] }
        return arrangement.apmEntities.filter { ($0.organizationClinicianCount?.value ?? 0) >= limit }
    }

    public static func route(for submission: Submission, parameters: PerformanceYearParameters) -> RiskRoute {
        let arrangement = submission.arrangement
        if arrangement.kind.value == .fullCapitation { return .capitation }
        guard claimed(arrangement) else { return .general }
        guard submission.payer.type.isTitleXIX else { return .general }
        let overLimit = entitiesOverLimit(arrangement, limit: parameters.medicalHomeClinicianLimit.value)
        return overLimit.isEmpty ? .medicalHome : .general
    }
}
