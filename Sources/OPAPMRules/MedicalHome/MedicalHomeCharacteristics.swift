import OPAPMLaw
import OPAPMModel

/// MMH002: the arrangement has the characteristics of a Medical Home Model.
public struct MedicalHomeCharacteristics: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "MMH002",
        title: "Medical-home characteristics: primary care, empanelment, 4 of 7 elements",
        severity: .error,
        citation: "42 CFR 414.1305 (Medical Home Model, Medicaid Medical Home Model)",
        summary: """
            Participants include primary care practices (or multispecialty practices with primary care \
            physicians and practitioners offering primary care); each patient is empanelled to a primary \
            clinician; and at least four of: planned coordination of chronic and preventive care; patient \
            access and continuity; risk-stratified care management; coordination across the medical \
            neighborhood; patient and caregiver engagement; shared decision-making; payment in addition to or \
            instead of fee-for-service.
            """,
        rationale: """
            A Medicaid Medical Home Model must be comparable to a Medical Home Model; these are its defining \
            characteristics.
            """,
        help: "document each characteristic the model has (met=\"true\" with the evidence)",
        passing: [RuleExample("samples/approved/medicaid-managed-care-medical-home.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/MMH002-three-of-seven-elements.xml", year: 2024, at: "/submission/arrangement/medicalHome")],
        route: .medicalHome,
        law: [.medicalHomeElementsMinimum])

    public func check(_ context: RuleContext) -> [Violation] {
        guard context.route == .medicalHome else { return [] }
        guard let home = context.arrangement.medicalHome else {
            return [Violation(
                "medical-home arrangement without medicalHome terms", at: context.arrangement.kind.location,
                help: "describe the medical-home characteristics in medicalHome", incomplete: true)]
        }
        var violations: [Violation] = []
        if !home.primaryCare.value {
            violations.append(Violation("participants do not include primary care practices", at: home.primaryCare.location))
        }
        if !home.empanelment.value {
            violations.append(Violation("patients are not empanelled to a primary clinician", at: home.empanelment.location))
        }
        let met = home.elementsMet
        let minimum = context.parameters.medicalHomeElementsMinimum.value
        if met.count < minimum {
            let list = met.map(\.rawValue).joined(separator: ", ")
            violations.append(Violation(
                "\(met.count) of \(MedicalHomeElement.allCases.count) medical-home elements met (\(list.isEmpty ? "none" : list)), needs \(minimum)",
                at: home.location))
        }
        return violations
    }
}
