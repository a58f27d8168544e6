import OPAPMLaw
import OPAPMModel

/// INP005: one submission covers no more performance years than a determination can.
public struct PerformanceYearCount: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "INP005",
        title: "No more performance years than a determination covers",
        severity: .error,
        citation: "42 CFR 414.1445 (multi-year determinations, 83 FR 60090)",
        summary: """
            A determination covers at most as many performance years as the law file's maximumYearsCovered \
            (5, from CMS's forms: secondary). Each year is decided on its own: the years past the cap fail, the \
            first five do not.
            """,
        rationale: """
            A determination lasts for the remaining length of the arrangement, up to 5 years; a request for more \
            cannot be granted as asked.
            """,
        help: "list at most 5 performance years and submit again for later years",
        passing: [RuleExample("samples/approved/other-payer-multi-payer-model-aligned-multi-year.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/INP005-six-performance-years.xml", year: 2027, at: "/submission/performanceYears/year[6]")],
        law: [.multiYearDeterminations, .maximumYearsCovered])

    public func check(_ context: RuleContext) -> [Violation] {
        let years = context.submission.performanceYears
        var distinct: [Int] = []
        for year in years.map(\.value).sorted() where distinct.last != year { distinct.append(year) }
        let maximum = context.parameters.maximumYearsCovered.value
        // The years within the cap are decided; the ones past it fail.
        guard distinct.count > maximum, let position = distinct.firstIndex(of: context.year), position >= maximum else { return [] }
        let location = years.first { $0.value == context.year }?.location ?? context.submission.location
        return [Violation(
            "covers \(distinct.count) performance years, more than \(maximum); PY\(context.year) is past PY\(distinct[maximum - 1]) "
                + "(\(context.parameters.maximumYearsCovered.source))", at: location)]
    }
}
