import Foundation
import OPAPMCore
import Testing
import Yams

@testable import OPAPMReporting

/// One shared set of findings for every reporter: an XML parse error, rule findings of each
/// severity, a clean file, and text that needs escaping in every format (<, &, ", %, comma, colon, newline).
let sharedReport = fixedRoot(LintReport(
    toolVersion: "0.1.0",
    files: ["subs/a.xml", "subs/b & c.xml", "subs/clean.xml"],
    findings: [
        Finding(
            rule: "XML001", severity: .error, message: "Opening and ending tag mismatch: arrangement line 31 and arrangment",
            help: "fix the XML syntax at the position shown", file: "subs/a.xml", line: 86, column: 16,
            path: "/submission/arrangement"),
        Finding(
            rule: "FR004", severity: .error, message: "average marginal risk 27.6%, needs 30% (window 4%–10.4%)",
            help: "raise the sharing rate", citation: "42 CFR 414.1420(d)(3)(ii)(A), (d)(5)", file: "subs/b & c.xml",
            line: 69, column: 19, path: "/submission/arrangement/financialRisk"),
        Finding(
            rule: "SUB004", severity: .warning, message: "submitted 2023-06-15, after the deadline 2023-06-01 (other payer: 1 June)",
            help: "check the submission date", citation: "42 CFR 414.1445(b), (c)", file: "subs/b & c.xml", line: 17,
            column: 18, path: "/submission/submissionDate"),
        Finding(
            rule: "QM002", severity: .error, message: "measure \"<99&9>\" is not in the 2024 MIPS catalogue\nsee: list, please",
            help: "correct the measure id", citation: "42 CFR 414.1420(c)(2); 414.1330", file: "subs/b & c.xml", line: 50,
            column: 7, path: "/submission/arrangement/qualityMeasures/measure[2]"),
        Finding(
            rule: "SUB005", severity: .note, message: "arrangement GLHIC-TCOC-2024 is already on the approved list for 2024",
            citation: "42 CFR 414.1445(c)", file: "subs/b & c.xml", line: 31, column: 4, path: "/submission/arrangement"),
    ].sorted { ($0.file, $0.line) < ($1.file, $1.line) }))

/// The golden SARIF names its source root; a fixed one keeps it the same wherever the tests run.
func fixedRoot(_ report: LintReport) -> LintReport {
    var report = report
    report.sourceRoot = "/home/ci/payer-submissions"
    return report
}

@Suite struct LintReporterTests {
    @Test(arguments: LintFormat.allCases)
    func reporterMatchesItsGoldenFile(format: LintFormat) throws {
        let extensions: [LintFormat: String] = [
            .text: "txt", .json: "json", .sarif: "sarif", .junit: "junit.xml", .github: "github.txt",
            .checkstyle: "checkstyle.xml",
        ]
        let rendered = try format.reporter.render(sharedReport)
        try expectGolden(rendered, file: "Tests/OPAPMReportingTests/Fixtures/lint/golden.\(extensions[format] ?? "out")")
    }

    @Test func githubSummaryMatchesItsGoldenFile() throws {
        try expectGolden(GitHubLintReporter().summary(sharedReport), file: "Tests/OPAPMReportingTests/Fixtures/lint/summary.md")
    }

    @Test func sarifHasEveryRequiredField() throws {
        let sarif = try SARIFLintReporter().render(sharedReport)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "opapm")
        #expect(driver["version"] as? String == "0.1.0")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        for rule in RuleRegistry.all.map(\.description.id) + ["XML001", "XSD001"] {
            #expect(ids.contains(rule), "\(rule)")
        }
        for rule in rules {
            #expect((rule["shortDescription"] as? [String: Any])?["text"] is String)
            #expect((rule["fullDescription"] as? [String: Any])?["text"] is String)
            #expect((rule["helpUri"] as? String)?.hasPrefix(LintReport.defaultDocsBaseURL + "docs/") == true)
            #expect((rule["defaultConfiguration"] as? [String: Any])?["level"] is String)
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == sharedReport.findings.count)
        for result in results {
            #expect(result["ruleId"] is String)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            #expect((result["message"] as? [String: Any])?["text"] is String)
            let location = try #require((result["locations"] as? [[String: Any]])?.first)
            let physical = try #require(location["physicalLocation"] as? [String: Any])
            let artifact = try #require(physical["artifactLocation"] as? [String: Any])
            #expect((artifact["uri"] as? String)?.hasPrefix("subs/") == true)
            let region = try #require(physical["region"] as? [String: Any])
            #expect(region["startLine"] is Int && region["startColumn"] is Int)
            let logical = try #require((location["logicalLocations"] as? [[String: Any]])?.first)
            #expect((logical["fullyQualifiedName"] as? String)?.hasPrefix("/submission") == true)
            #expect(((result["partialFingerprints"] as? [String: String])?["opapm/v1"])?.count == 16)
        }
    }

    @Test func fingerprintsIgnoreLineMoves() {
        var moved = sharedReport.findings[1]
        moved.line += 10
        #expect(Fingerprint.of(moved) == Fingerprint.of(sharedReport.findings[1]))
        #expect(Fingerprint.of(sharedReport.findings[1]) != Fingerprint.of(sharedReport.findings[2]))
    }

    @Test func junitHasOnePassingCaseForACleanFile() throws {
        let junit = try JUnitLintReporter().render(sharedReport)
        #expect(junit.contains("<testcase classname=\"subs/clean.xml\" name=\"opapm\"/>"))
        #expect(junit.contains("&lt;99&amp;9&gt;"))
    }

    @Test func maxFindingsKeepsTheMostSevere() {
        let result = FileDetermination(
            path: "subs/b & c.xml", findings: sharedReport.findings.filter { $0.file == "subs/b & c.xml" },
            arrangements: [], submission: nil, unreadable: false)
        let report = LintReport.from([result], toolVersion: "x", maxFindings: 2, failing: .error)
        #expect(report.findings.count == 2)
        #expect(report.findings.allSatisfy { $0.severity == .error })
        #expect(report.omitted == 2)
        #expect(report.allFailing == 2)
    }
}

@Suite struct LintConfigurationTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-\(UUID().uuidString).yml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func validConfigurationIsRead() throws {
        let path = try write("""
            years: [2024, 2025]
            ignore:
              - "samples/invalid/*"
            rules:
              SUB004: {severity: off, reason: "deadlines are tracked in the contract system"}
              cehrt003:
                severity: error
                reason: roster counts must agree before submission
            """)
        let configuration = try LintConfiguration.load(path: path)
        #expect(configuration.years == [2024, 2025])
        #expect(configuration.ignores("samples/invalid/missing-payer-type.xml"))
        #expect(!configuration.ignores("samples/approved/pace-payment-rate-reduction.xml"))
        #expect(configuration.severityOverrides["SUB004"] == .some(nil))
        #expect(configuration.severityOverrides["CEHRT003"] == .some(.error))
        #expect(configuration.rendered().contains("SUB004:\n    severity: off"))
    }

    @Test(arguments: [
        ("yeers: [2024]\n", 1, "unknown key 'yeers'"),
        ("years: [2024]\nrules:\n  NOPE001: {severity: off, reason: x}\n", 3, "unknown rule 'NOPE001'"),
        ("rules:\n  SUB004:\n    severity: off\n", 2, "a reason is required"),
        ("rules:\n  SUB004:\n    severity: loud\n    reason: r\n", 3, "is not off, note, warning or error"),
        ("years:\n  - 2024\n  - 2035\n", 3, "'2035' is not a performance year"),
        ("ignore: samples\n", 1, "expected a list"),
        ("measures: x.json\n", 1, "needs exactly one year"),
    ])
    func errorsNameTheFileAndLine(text: String, line: Int, message: String) throws {
        let path = try write(text)
        do {
            _ = try LintConfiguration.load(path: path)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.file == path)
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func documentedExampleLoads() throws {
        let guide = try String(contentsOfFile: repositoryPath("docs/ci.md"), encoding: .utf8)
        let start = try #require(guide.range(of: "```yaml\n"))
        let end = try #require(guide.range(of: "```", range: start.upperBound..<guide.endIndex))
        let configuration = try LintConfiguration.load(path: try write(String(guide[start.upperBound..<end.lowerBound])))
        #expect(configuration.years == [2025])
        #expect(configuration.measures == "data/measures-data.json")
        #expect(configuration.severityOverrides["SUB004"] == .some(nil))
        #expect(configuration.severityOverrides["CEHRT003"] == .some(.error))
    }

    @Test func configurationIsFoundWalkingUp() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-walk-\(UUID().uuidString)")
        let deep = root.appendingPathComponent("a/b/c")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(LintConfiguration.find(from: deep.path) == nil || !LintConfiguration.find(from: deep.path)!.hasPrefix(root.path))
        try "years: [2024]\n".write(to: root.appendingPathComponent(".opapm.yml"), atomically: true, encoding: .utf8)
        #expect(LintConfiguration.find(from: deep.path) == root.appendingPathComponent(".opapm.yml").standardizedFileURL.path)
    }

    /// A configuration above the repository root belongs to another tree (an `ignore: ["*"]` there once
    /// made lint pass on nothing); outside a repository only the working directory is searched.
    @Test func configurationSearchStopsAtTheRepositoryRoot() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-above-\(UUID().uuidString)")
        let repository = outside.appendingPathComponent("repo")
        let deep = repository.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try "ignore: [\"*\"]\n".write(to: outside.appendingPathComponent(".opapm.yml"), atomically: true, encoding: .utf8)
        #expect(LintConfiguration.find(from: deep.path) == nil)
        try FileManager.default.createDirectory(at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
        #expect(LintConfiguration.find(from: deep.path) == nil)
        #expect(LintConfiguration.find(from: outside.path) == outside.appendingPathComponent(".opapm.yml").standardizedFileURL.path)
    }
}
