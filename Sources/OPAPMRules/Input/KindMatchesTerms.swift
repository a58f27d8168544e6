import OPAPMLaw
import OPAPMModel

/// INP007: the arrangement's kind and its financial terms describe the same thing.
public struct KindMatchesTerms: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "INP007",
        title: "The arrangement's kind agrees with its terms",
        severity: .error,
        citation: "42 CFR 414.1420(d)(7); 414.1445 (information sufficient to assess each criterion)",
        summary: """
            A full-capitation arrangement has no settlement and no loss-sharing bands; capitation terms appear \
            only on a full-capitation arrangement.
            """,
        rationale: """
            Capitation with a settlement that reconciles against a benchmark is shared risk, not capitation; \
            terms that contradict the stated kind leave unclear which financial-risk standard applies.
            """,
        help: "change the kind to the one the terms describe, or correct the terms",
        passing: [RuleExample("samples/approved/medicare-advantage-full-capitation.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/INP007-capitation-with-settlement.xml", year: 2024, at: "/submission/arrangement/financialRisk/capitation/settlement")])

    public func check(_ context: RuleContext) -> [Violation] {
        let arrangement = context.arrangement
        let kind = arrangement.kind
        guard let risk = arrangement.financialRisk else { return [] }
        var violations: [Violation] = []
        if kind.value == .fullCapitation {
            if let capitation = risk.capitation, capitation.settlement {
                // Schema 1.1 says which way the settlement runs; any direction is a settlement.
                let what = switch capitation.reconciles {
                case "losses": "losses"
                case "savings": "savings"
                case "both": "losses and savings"
                default: "losses or savings"
                }
                violations.append(Violation(
                    "full-capitation arrangement with a settlement that reconciles or shares \(what)",
                    at: capitation.settlementLocation == .unknown ? capitation.location : capitation.settlementLocation))
            } else if let capitation = risk.capitation, let reconciles = capitation.reconciles {
                violations.append(Violation(
                    "settlement is false but says it reconciles \(reconciles): the capitation terms contradict themselves",
                    at: capitation.settlementLocation, help: "state settlement true with what it reconciles, or drop @reconciles",
                    incomplete: true))
            }
            if let band = risk.bands.first {
                violations.append(Violation("full-capitation arrangement with loss-sharing bands", at: band.location))
            }
        } else if let capitation = risk.capitation {
            violations.append(Violation(
                "capitation terms on an arrangement of kind \(kind.value.rawValue)", at: capitation.location))
        }
        return violations
    }
}
