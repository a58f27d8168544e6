/// SUB007: APM Entities and quality measures are each listed once.
public struct IdentifiersUnique: Rule {
    public init() {}

    public var description: RuleDescription { Self.about }
    static let about = RuleDescription(
        id: "SUB007",
        title: "APM Entities and measures are listed once",
        severity: .error,
        citation: "42 CFR 414.1445 (information sufficient to assess each criterion)",
        summary: """
            No TIN appears for two APM Entities and no quality measure id appears twice in one submission.
            """,
        rationale: """
            A repeated entity makes the per-entity CEHRT test ambiguous, and a repeated measure suggests a copy \
            error; either way the submission does not describe one arrangement clearly.
            """,
        help: "list each APM Entity and each measure once",
        passing: [RuleExample("samples/approved/medicaid-ffs-state-agency-shared-losses.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/SUB007-entity-listed-twice.xml", year: 2024)])

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        var tins = Set<String>()
        for entity in context.arrangement.apmEntities where !tins.insert(entity.tin).inserted {
            violations.append(Violation("APM Entity TIN \(entity.tin) is listed more than once", at: entity.location))
        }
        var measures = Set<String>()
        for measure in context.arrangement.quality.measures where !measures.insert(measure.id).inserted {
            violations.append(Violation("measure \(measure.id) is listed more than once", at: measure.location))
        }
        return violations
    }
}
