import OPAPMLaw
import OPAPMModel

/// SUB006: opapm has a year table for every performance year the submission covers.
/// The engine applies it before any other rule, since no other rule can run without the year's values.
public struct PerformanceYearKnown: Rule {
    public init() {}

    public static let about = RuleDescription(
        id: "SUB006",
        title: "Performance year is one opapm knows",
        severity: .error,
        citation: "42 CFR 414.1420 (criteria by QP Performance Period)",
        summary: """
            Each performance year covered must be in opapm's performance-year table (2017–2027); for any other \
            year the determination is incomplete.
            """,
        rationale: """
            Thresholds change by year; deciding a year without its values would be a guess.
            """,
        help: "check the year; a newer opapm may know it",
        passing: [RuleExample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml", year: 2024)],
        failing: [RuleExample("samples/not-approved/SUB006-performance-year-2031.xml", year: 2031, at: "/submission/performanceYears/year")])

    /// Checks happen in the engine; a known year has nothing to report.
    public func check(_ context: RuleContext) -> [Violation] { [] }

    public func violation(year: Int, submission: Submission) -> Violation {
        let location = submission.performanceYears.first { $0.value == year }?.location ?? submission.location
        let range = PerformanceYearTable.supportedYears
        return Violation(
            "performance year \(year) is not in the year table (\(range.lowerBound)–\(range.upperBound))",
            at: location, incomplete: true)
    }
}
