import OPAPMLaw
import OPAPMModel

/// MMH006: the Aligned Other Payer Medical Home Model route rests on two facts the submitter states: the
/// CMS Multi-Payer Model is a Medical Home Model, and the payer formally partners in it.
public struct AlignedModelIsMedicalHome: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "MMH006",
        title: "Aligned Other Payer Medical Home Model: a Medical Home Model and a formal partnership",
        severity: .warning,
        citation: "42 CFR 414.1305 (Aligned Other Payer Medical Home Model, CMS Multi-Payer Model), 414.1420(d)(2)",
        summary: """
            From PY2020 a payer other than Title XIX may take the medical-home route when it formally partners \
            (for example by a memorandum of understanding) in a CMS Multi-Payer Model that is a Medical Home \
            Model. Schema 1.1 lets the submission say whether the model is one (multiPayerModel/@medicalHomeModel) \
            and give the partnership evidence (partnershipEvidence). A model stated not to be a Medical Home \
            Model closes the route: the general standards apply and this warning says so. A status or a \
            partnership not stated is put to the reviewers (a warning).
            """,
        rationale: """
            The lighter medical-home standards are open to other payers only through CMS's own medical-home \
            models; both facts rest on the submitter's word and the reviewers confirm them.
            """,
        help: "state multiPayerModel/@medicalHomeModel and give partnershipEvidence (schema 1.1)",
        passing: [RuleExample("samples/approved/other-payer-aligned-medical-home.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/MMH006-multi-payer-model-not-a-medical-home.xml", year: 2024, at: "/submission/arrangement/multiPayerModel")],
        law: [.alignedMedicalHomeRoute])

    public func check(_ context: RuleContext) -> [Violation] {
        let submission = context.submission
        let arrangement = context.arrangement
        guard MedicalHomeRoute.claimed(arrangement), arrangement.kind.value != .fullCapitation,
            !submission.payer.type.isTitleXIX, context.parameters.alignedMedicalHomeRoute.value,
            let model = arrangement.multiPayerModel
        else { return [] }
        let location = arrangement.multiPayerModelLocation ?? arrangement.location
        let shown = model
        switch arrangement.multiPayerModelIsMedicalHome {
        case false?:
            return [Violation(
                "the CMS Multi-Payer Model '\(shown)' is stated not to be a Medical Home Model: no Aligned Other Payer "
                    + "Medical Home Model route; judged under the general financial risk standards",
                at: location, help: "state general financial risk terms (financialRisk)")]
        case nil:
            return [Violation(
                "whether the CMS Multi-Payer Model '\(shown)' is a Medical Home Model is not stated: reviewers confirm it",
                at: location)] + partnership(arrangement, model: shown, at: location)
        case true?:
            return partnership(arrangement, model: shown, at: location)
        }
    }

    private func partnership(_ arrangement: Arrangement, model: String, at location: SourceLocation) -> [Violation] {
        guard arrangement.partnershipEvidence.isEmpty else { return [] }
        return [Violation(
            "no evidence that the payer formally partners in '\(model)' (for example a memorandum of understanding): "
                + "reviewers confirm it", at: location, help: "give partnershipEvidence (schema 1.1)")]
    }
}
