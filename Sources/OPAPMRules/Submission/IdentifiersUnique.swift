import OPAPMLaw
import OPAPMModel

/// SUB007: APM Entities and quality measures are each listed once.
public struct IdentifiersUnique: Rule {
    public init() {}

    public static let about = RuleDescription(
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
        failing: [RuleExample("samples/not-approved/SUB007-entity-listed-twice.xml", year: 2024, at: "/submission/arrangement/apmEntities/apmEntity[2]")])

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        let entities = context.arrangement.apmEntities
        for index in Self.repeats(entities.map(\.tin)) {
            violations.append(Violation("APM Entity TIN \(entities[index].tin) is listed more than once", at: entities[index].location))
        }
        let measures = context.arrangement.quality.measures
        for index in Self.repeats(measures.map(\.id)) {
            violations.append(Violation("measure \(measures[index].id) is listed more than once", at: measures[index].location))
        }
        return violations
    }

    /// The positions of values seen before, in order. A submission lists a few entities and measures,
    /// which are compared directly; a set (hashing every value) only for long lists.
    package static func repeats(_ values: [String]) -> [Int] {
        var found: [Int] = []
        if values.count <= 16 {
            for index in values.indices where values[..<index].contains(values[index]) { found.append(index) }
        } else {
            var seen = Set<String>()
            for index in values.indices where !seen.insert(values[index]).inserted { found.append(index) }
        }
        return found
    }
}
