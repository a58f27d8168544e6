import OPAPMLaw
import OPAPMModel

/// Which financial-risk route an arrangement takes, decided once and shared by the engine and the
/// medical-home rules that explain a fall-back to the general standards.
public enum MedicalHomeRoute {
    /// The arrangement presents itself as a medical home.
    public static func claimed(_ arrangement: Arrangement) -> Bool {
        arrangement.kind.value == .medicalHome || arrangement.medicalHome != nil
    }

    /// Whether the payer may take a medical-home route this year: a Title XIX arrangement (Medicaid
    /// Medical Home Model), or from PY2020 a payer aligned with a CMS Multi-Payer Model (Aligned Other
    /// Payer Medical Home Model, 414.1420(d)(2) with the law file's alignedMedicalHomeRoute).
    /// A model stated not to be a Medical Home Model (schema 1.1) closes the aligned route; one whose status
    /// is not stated keeps it open for the reviewers to confirm (MMH006).
    public static func payerMayUse(_ submission: Submission, parameters: PerformanceYearParameters) -> Bool {
        if submission.payer.type.isTitleXIX { return true }
        return parameters.alignedMedicalHomeRoute.value && submission.arrangement.multiPayerModel != nil
            && submission.arrangement.multiPayerModelIsMedicalHome != false
    }

    /// The count the year's clinician limit reads for `entity`: the owning organization's eligible
    /// clinicians (PY2019–2022) or the APM Entity's own (PY2023 on), by the law file's medicalHomeLimitBasis.
    /// From PY2023 the entity's count on any snapshot date counts (schema 1.1 gives them), so the
    /// largest is read; without them, `eligibleClinicianCount`.
    public static func limitedCount(_ entity: APMEntity, parameters: PerformanceYearParameters) -> Located<Int>? {
        if parameters.medicalHomeLimitBasis.value == "apm-entity" {
            if let largest = entity.snapshotCounts.max(by: { $0.count < $1.count }) {
                return Located(largest.count, at: largest.location)
            }
            return Located(entity.eligibleClinicianCount, at: entity.location)
        }
        return entity.organizationClinicianCount
    }

    /// APM Entities at or over the year's clinician limit.
    public static func entitiesOverLimit(_ arrangement: Arrangement, parameters: PerformanceYearParameters) -> [APMEntity] {
        guard let limit = parameters.medicalHomeClinicianLimit.value else { return [] }
        return arrangement.apmEntities.filter { (limitedCount($0, parameters: parameters)?.value ?? 0) >= limit }
    }

    public static func route(for submission: Submission, parameters: PerformanceYearParameters) -> RiskRoute {
        let arrangement = submission.arrangement
        if arrangement.kind.value == .fullCapitation { return .capitation }
        guard claimed(arrangement), payerMayUse(submission, parameters: parameters) else { return .general }
        return entitiesOverLimit(arrangement, parameters: parameters).isEmpty ? .medicalHome : .general
    }
}
