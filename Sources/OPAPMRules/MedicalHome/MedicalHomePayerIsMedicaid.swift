import OPAPMLaw
import OPAPMModel

/// MMH001: the medical-home standards are for Title XIX arrangements and, from PY2020, for payers
/// aligned with a CMS Multi-Payer Model.
public struct MedicalHomePayerIsMedicaid: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "MMH001",
        title: "Medical-home route needs a Title XIX payer or an aligned CMS Multi-Payer Model",
        severity: .warning,
        citation: "42 CFR 414.1420(a)(3)(ii), (d)(2); 414.1305 (Medicaid Medical Home Model, Aligned Other Payer Medical Home Model)",
        summary: """
            An arrangement presented as a medical home is judged under the medical-home standards when the \
            payer is Title XIX (Medicaid Medical Home Model) or, from PY2020, when the payer formally partners in \
            a CMS Multi-Payer Model that is a Medical Home Model (Aligned Other Payer Medical Home Model; the \
            submission names the model in multiPayerModel). Otherwise the general financial risk standards \
            apply, and this warning says so.
            """,
        rationale: """
            The medical-home standards are lighter than the general ones and the regulation gives them to \
            Medicaid Medical Home Models and, from PY2020, to Aligned Other Payer Medical Home Models only.
            """,
        help: "state general financial risk terms (financialRisk), name the CMS Multi-Payer Model the payer is aligned with (PY2020 on), or submit through the state Medicaid agency",
        passing: [RuleExample("samples/approved/medicaid-managed-care-medical-home.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/MMH001-commercial-medical-home.xml", year: 2024, at: "/submission/arrangement/kind")],
        law: [.alignedMedicalHomeRoute])

    public func check(_ context: RuleContext) -> [Violation] {
        let arrangement = context.arrangement
        guard MedicalHomeRoute.claimed(arrangement), arrangement.kind.value != .fullCapitation,
            !MedicalHomeRoute.payerMayUse(context.submission, parameters: context.parameters)
        else { return [] }
        // A model stated not to be a Medical Home Model closes the aligned route: MMH006 says so.
        if context.parameters.alignedMedicalHomeRoute.value, arrangement.multiPayerModel != nil,
            arrangement.multiPayerModelIsMedicalHome == false
        { return [] }
        return [Violation(
            "medical home with a '\(context.submission.payer.type.rawValue)' payer: judged under the general financial risk standards",
            at: arrangement.kind.location)]
    }
}
