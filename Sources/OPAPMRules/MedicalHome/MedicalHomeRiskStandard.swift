import OPAPMLaw
import OPAPMModel

/// MMH003: missing performance standards has a financial consequence.
public struct MedicalHomeRiskStandard: Rule {
    public init() {}

    /// The consequences (d)(2) names.
    public static let consequences: Set<RiskMechanism> = [
        .withhold, .paymentRateReduction, .directPayment, .sharedLosses, .forfeitedGuaranteedPayment,
    ]

    public static let about = RuleDescription(
        id: "MMH003",
        title: "Medical-home financial risk standard",
        severity: .error,
        citation: "42 CFR 414.1420(d)(2)",
        summary: """
            The model states performance standards, and when the APM Entity fails to meet one or more of them \
            it withholds payment, requires direct payment to the Medicaid program, reduces payment rates, or \
            makes the entity lose all or part of an otherwise guaranteed payment.
            """,
        rationale: """
            In a medical home, risk attaches to performance rather than to expenditures over a benchmark.
            """,
        help: "list the performance standards and the consequence of missing them",
        passing: [RuleExample("samples/approved/medicaid-managed-care-medical-home.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/MMH003-no-performance-standards.xml", year: 2024, at: "/submission/arrangement/medicalHome")],
        route: .medicalHome)

    public func check(_ context: RuleContext) -> [Violation] {
        guard context.route == .medicalHome, let home = context.arrangement.medicalHome else { return [] }
        var violations: [Violation] = []
        if home.performanceStandards.isEmpty {
            violations.append(Violation("no performance standards", at: home.location))
        }
        if Set(home.consequences).intersection(Self.consequences).isEmpty {
            violations.append(Violation("no consequence when performance standards are missed", at: home.location))
        }
        return violations
    }
}
