/// INP005: one submission covers no more performance years than a determination can.
public struct PerformanceYearCount: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "INP005",
        title: "No more performance years than a determination covers",
        severity: .error,
        citation: "42 CFR 414.1445 (multi-year determinations, 83 FR 60090)",
        summary: """
            A submission lists at most as many distinct performance years as a determination may cover (5, from \
            the year table).
            """,
        rationale: """
            A determination lasts for the remaining length of the arrangement, up to 5 years; a request for more \
            cannot be granted as asked.
            """,
        help: "list at most 5 performance years and submit again for later years",
        passing: [RuleExample("samples/approved/other-payer-multi-payer-model-aligned-multi-year.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/INP005-six-performance-years.xml", year: 2024)])

    public func check(_ context: RuleContext) -> [Violation] {
        let years = context.submission.performanceYears
        let distinct = Set(years.map(\.value)).count
        let maximum = context.parameters.maximumYearsCovered.value
        guard distinct > maximum, let first = years.first else { return [] }
        return [Violation("covers \(distinct) performance years, more than \(maximum)", at: first.location)]
    }
}
