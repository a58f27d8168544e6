/// SUB003: the performance years one submission covers are a proper multi-year request.
public struct MultiYearCoverage: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "SUB003",
        title: "Multi-year coverage is allowed and well formed",
        severity: .error,
        citation: "42 CFR 414.1445 (multi-year determinations, 83 FR 60090)",
        summary: """
            A submission may cover several performance years only from PY2020, at most 5, listed once each \
            and consecutive, and none after the arrangement's end date (more than 5 is INP005).
            """,
        rationale: """
            Since PY2020 a favourable determination may last for the remaining length of a multi-year \
            arrangement, up to 5 years; before that each year needed its own request. Gaps and repeats make \
            it unclear which years a determination covers.
            """,
        help: "list consecutive years, once each, at most 5, within the arrangement's dates (one year before 2020)",
        passing: [RuleExample("samples/approved/other-payer-multi-payer-model-aligned-multi-year.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/SUB003-multi-year-before-2020.xml", year: 2020)])

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
        if sorted.count > 1, let low = sorted.first,
            let allowed = try? PerformanceYearTable.parameters(for: low), !allowed.multiYearDeterminations.value
        {
            violations.append(Violation(
                "multi-year request starting in \(low); multi-year determinations start with PY2020", at: first.location))
        }
        let endYear = context.arrangement.endDate.value.year
        for year in years where year.value > endYear {
            violations.append(Violation(
                "performance year \(year.value) is after the arrangement ends (\(context.arrangement.endDate.value))",
                at: year.location))
        }
        return violations
    }
}
