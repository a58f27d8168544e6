import OPAPMCore

/// `{"findings": [...], "summary": {...}}` with sorted keys.
public struct JSONLintReporter: LintReporter {
    public static let name = "json"
    public init() {}

    struct Document: Encodable {
        struct Summary: Encodable {
            var files: Int
            var errors: Int
            var warnings: Int
            var notes: Int
            var omitted: Int
            var failing: Int
        }
        var tool: String
        var version: String
        var findings: [Finding]
        var summary: Summary
    }

    public func render(_ report: LintReport) throws -> String {
        let count = { (severity: Severity) in report.findings.filter { $0.severity == severity }.count }
        return try JSONOutput.encode(Document(
            tool: "opapm", version: report.toolVersion, findings: report.findings,
            summary: .init(
                files: report.files.count, errors: count(.error), warnings: count(.warning), notes: count(.note),
                omitted: report.omitted, failing: report.allFailing)))
    }
}
