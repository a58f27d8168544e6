import OPAPMCore

/// `file:line:col: severity: [ID] message`, then `help:` — the compiler shape editors parse.
public struct TextLintReporter: LintReporter {
    public static let name = "text"
    public init() {}

    public func render(_ report: LintReport) throws -> String {
        let report = report.forDisplay
        var out = ""
        for finding in report.findings {
            out += "\(DisplayText.location(finding.file, line: finding.line, column: finding.column)): \(finding.severity.rawValue): [\(finding.rule)] \(finding.message)\n"
            if !finding.path.isEmpty { out += "  at: \(finding.path)\n" }
            if let help = finding.help { out += "  help: \(help)\n" }
        }
        if report.omitted > 0 { out += "\(report.omitted) more finding(s) not shown (--max-findings)\n" }
        let counts = Severity.allCases.reversed().map { severity in
            "\(report.findings.filter { $0.severity == severity }.count) \(severity.rawValue)(s)"
        }
        out += "\(report.files.count) file(s) linted: \(counts.joined(separator: ", "))\n"
        return out
    }
}
