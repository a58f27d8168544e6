import OPAPMCore

/// GitHub Actions workflow commands, one per finding, and a Markdown summary for
/// `$GITHUB_STEP_SUMMARY` (GitHub shows only a few annotations per step).
public struct GitHubLintReporter: LintReporter {
    public static let name = "github"
    public init() {}

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "notice"
        }
    }

    /// Escaping from GitHub's toolkit: messages escape %, CR, LF; properties also ':' and ','.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    public func render(_ report: LintReport) throws -> String {
        let report = report.forDisplay
        var out = ""
        for finding in report.findings {
            var properties = ["file=\(Self.escapeProperty(finding.file))"]
            if finding.line > 0 { properties.append("line=\(finding.line)") }
            if finding.column > 0 { properties.append("col=\(finding.column)") }
            properties.append("title=\(Self.escapeProperty(finding.rule))")
            out += "::\(Self.command(finding.severity)) \(properties.joined(separator: ","))::\(Self.escapeData(finding.message))\n"
        }
        return out
    }

    /// A table cell of the step summary (GitHub-flavoured Markdown that GitHub renders with HTML allowed):
    /// HTML, pipes, line breaks and link syntax escaped, so a file name cannot break the table or add markup.
    static func cell(_ text: String) -> String {
        ListMarkdown.cell(text)
    }

    /// The step summary: counts and a table of findings.
    public func summary(_ report: LintReport) -> String {
        let report = report.forDisplay
        var out = "## opapm lint\n\n"
        let count = { (severity: Severity) in report.findings.filter { $0.severity == severity }.count }
        out += "\(report.files.count) file(s): \(count(.error)) error(s), \(count(.warning)) warning(s), \(count(.note)) note(s)\n\n"
        guard !report.findings.isEmpty else { return out + "No findings.\n" }
        out += "| file | line | severity | rule | message |\n|---|---|---|---|---|\n"
        for finding in report.findings {
            let line = finding.line > 0 ? String(finding.line) : ""
            let base = report.docsBaseURL.hasSuffix("/") ? report.docsBaseURL : report.docsBaseURL + "/"
            let page = LintRule(id: finding.rule, title: "", summary: "", severity: .error, citation: "").helpPath
            let rule = "[\(Self.cell(finding.rule))](\(SARIFLintReporter.percentEncoded(base + page).replacingOccurrences(of: "%3A", with: ":")))"
            out += "| \(Self.cell(finding.file)) | \(line) | \(finding.severity.rawValue) | \(rule) | \(Self.cell(finding.message)) |\n"
        }
        if report.omitted > 0 { out += "\n\(report.omitted) more finding(s) not shown.\n" }
        return out
    }
}
