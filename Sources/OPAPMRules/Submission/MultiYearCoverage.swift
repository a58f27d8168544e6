import OPAPMLaw
import OPAPMModel

/// SUB003: the performance years one submission covers are a proper multi-year request.
public struct MultiYearCoverage: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "SUB003",
        title: "Multi-year coverage is allowed and well formed",
        severity: .error,
        citation: "42 CFR 414.1445 (multi-year determinations, 83 FR 60090)",
        summary: """
            A submission may cover several performance years only from PY2020, listed once each and \
            consecutive. Each year is decided on its own: a request that starts before PY2020 is decided for \
            its first year alone and its later years fail; a year outside the arrangement's dates is SUB002's, \
            a year past the cap INP005's.
            """,
        rationale: """
            Since PY2020 a favourable determination may last for the remaining length of a multi-year \
            arrangement, up to 5 years; before that each year needed its own request. Gaps and repeats make \
            it unclear which years a determination covers.
            """,
        help: "list consecutive years, once each; a request that starts before PY2020 covers its first year only",
        passing: [RuleExample("samples/approved/other-payer-multi-payer-model-aligned-multi-year.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/SUB003-multi-year-before-2020.xml", year: 2020, at: "/submission/performanceYears/year[2]")],
        law: [.multiYearDeterminations])

    public func check(_ context: RuleContext) -> [Violation] {
        let years = context.submission.performanceYears
        guard let first = years.first else { return [] }
        var violations: [Violation] = []
        let values = years.map(\.value)
        // Sorted with repeats dropped, in an array: a request names a year or three, too few to hash.
        var sorted: [Int] = []
        for year in values.sorted() where sorted.last != year { sorted.append(year) }
        if sorted.count != values.count {
            violations.append(Violation("performance years repeat: \(values.map(String.init).joined(separator: ", "))",
                at: first.location))
        }
        if let low = sorted.first, let high = sorted.last, high - low + 1 != sorted.count {
            violations.append(Violation("performance years are not consecutive: \(sorted.map(String.init).joined(separator: ", "))",
                at: first.location))
        }
        // The first year of a request that starts too early is decided alone; only the later ones fail.
        if sorted.count > 1, let low = sorted.first, context.year > low,
            let allowed = try? PerformanceYearTable.parameters(for: low), !allowed.multiYearDeterminations.value
        {
            let location = years.first { $0.value == context.year }?.location ?? first.location
            violations.append(Violation(
                "PY\(context.year) is part of a multi-year request starting in PY\(low); a request starting before "
                    + "PY2020 is decided for PY\(low) alone (\(allowed.multiYearDeterminations.source))", at: location))
        }
        return violations
    }
}
