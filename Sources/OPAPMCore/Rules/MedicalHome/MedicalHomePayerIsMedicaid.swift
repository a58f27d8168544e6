/// MMH001: the medical-home standards are for Title XIX (Medicaid) arrangements.
public struct MedicalHomePayerIsMedicaid: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "MMH001",
        title: "Medical-home route needs a Title XIX payer",
        severity: .warning,
        citation: "42 CFR 414.1420(a)(3)(ii); 414.1305 (Medicaid Medical Home Model)",
        summary: """
            An arrangement presented as a medical home is judged under the Medicaid Medical Home Model \
            standards only when the payer is Title XIX (Medicaid fee-for-service or managed care); otherwise \
            the general financial risk standards apply, and this warning says so.
            """,
        rationale: """
            The medical-home standards are lighter than the general ones and the regulation gives them to \
            Medicaid Medical Home Models only.
            """,
        help: "state general financial risk terms (financialRisk), or submit through the state Medicaid agency",
        passing: [RuleExample("samples/approved/medicaid-managed-care-medical-home.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/MMH001-commercial-medical-home.xml", year: 2024)])

    public func check(_ context: RuleContext) -> [Violation] {
        let arrangement = context.arrangement
        guard MedicalHomeRoute.claimed(arrangement), arrangement.kind.value != .fullCapitation,
            !context.submission.payer.type.isTitleXIX
        else { return [] }
        return [Violation(
            "medical home with a '\(context.submission.payer.type.rawValue)' payer: judged under the general financial risk standards",
            at: arrangement.kind.location)]
    }
}
