import OPAPMCore
import OPAPMXML

/// JUnit XML for CI test tabs: a test suite per file, a test case per rule that fired (failures hold
/// the messages), and one passing case for a clean file.
public struct JUnitLintReporter: LintReporter {
    public static let name = "junit"
    public init() {}

    /// A file that could not be read is an error of the run, not a failed check.
    static func isError(_ rule: String) -> Bool { rule == "IO001" }

    public func render(_ report: LintReport) throws -> String {
        let report = report.forDisplay
        let xml = try XMLDocumentWriter()
        let rulesByFile = report.files.map { file in Set(report.findings(in: file).map(\.rule)) }
        let cases = rulesByFile.map { max(1, $0.count) }.reduce(0, +)
        let failing = zip(report.files, rulesByFile).map { file, rules in
            rules.filter { rule in report.findings(in: file).contains { $0.rule == rule && $0.severity >= report.failing } }
        }
        let errors = failing.map { $0.filter(Self.isError).count }.reduce(0, +)
        let failed = failing.map(\.count).reduce(0, +) - errors
        xml.start("testsuites", ["name": "opapm", "tests": "\(cases)", "failures": "\(failed)", "errors": "\(errors)"])
        for file in report.files {
            let findings = report.findings(in: file)
            let rules = Array(Set(findings.map(\.rule))).sorted()
            let failures = rules.filter { rule in findings.contains { $0.rule == rule && $0.severity >= report.failing } }
            let fileErrors = failures.filter(Self.isError).count
            xml.start("testsuite", [
                "name": file, "tests": "\(max(1, rules.count))", "failures": "\(failures.count - fileErrors)",
                "errors": "\(fileErrors)", "skipped": "0",
            ])
            if rules.isEmpty {
                xml.start("testcase", ["classname": file, "name": "opapm"])
                xml.end()
            }
            for rule in rules {
                let ruleFindings = findings.filter { $0.rule == rule }
                xml.start("testcase", ["classname": file, "name": rule])
                let lines = ruleFindings.map {
                    "\(DisplayText.location(file, line: $0.line, column: $0.column)): \($0.severity.rawValue): \($0.message)"
                }
                if failures.contains(rule) {
                    xml.start(Self.isError(rule) ? "error" : "failure", ["message": ruleFindings[0].message, "type": rule])
                    xml.text(lines.joined(separator: "\n"))
                    xml.end()
                } else {
                    xml.element("system-out", lines.joined(separator: "\n"))
                }
                xml.end()
            }
            xml.end()
        }
        xml.end()
        return try xml.finish()
    }
}
