import Foundation
import OPAPMCore

/// Everything a lint reporter needs: the files read, their findings in a stable order, and the rules.
public struct LintReport: Sendable {
    public var toolVersion: String
    public var files: [String]
    /// Sorted by file, line, column, rule, message; duplicates across performance years merged.
    public var findings: [Finding]
    /// How many findings `--max-findings` left out.
    public var omitted: Int
    /// Findings at or above this severity fail the run.
    public var failing: Severity
    /// Failing findings before `--max-findings` cut the list (decides the exit status).
    public var allFailing: Int = 0
    /// Where the documentation is published: SARIF's `helpUri` and `informationUri` are absolute URLs
    /// under it (`--docs-url`).
    public var docsBaseURL: String = LintReport.defaultDocsBaseURL
    /// The absolute directory relative file names are relative to: SARIF's `%SRCROOT%`.
    public var sourceRoot: String = FileManager.default.currentDirectoryPath

    /// The project's published documentation, where `docs/…` pages are found.
    public static let defaultDocsBaseURL = "https://github.com/opapm/opapm/blob/main/"

    public init(toolVersion: String, files: [String], findings: [Finding], omitted: Int = 0, failing: Severity = .error) {
        self.toolVersion = toolVersion
        self.files = files
        self.findings = findings
        self.omitted = omitted
        self.failing = failing
        self.allFailing = findings.filter { $0.severity >= failing }.count
    }

    /// Every id a finding may name, from the one catalogue.
    public static var ruleCatalog: [LintRule] {
        FindingCatalogue.all.map {
            LintRule(id: $0.id, title: $0.title, summary: $0.summary, severity: $0.severity, citation: $0.citation)
        }
    }

    public func findings(in file: String) -> [Finding] {
        findings.filter { $0.file == file }
    }

    /// The report with file names and finding texts made safe to show (`Finding.forDisplay`), for the
    /// formats people read; JSON and SARIF render the exact values.
    public var forDisplay: LintReport {
        var copy = self
        copy.files = files.map(DisplayText.safe)
        copy.findings = findings.map(\.forDisplay)
        return copy
    }

}

/// A rule as reporters describe it.
public struct LintRule: Sendable, Hashable {
    public var id: String
    public var title: String
    public var summary: String
    public var severity: Severity
    public var citation: String

    /// The rule's documentation page, relative to the repository root.
    public var helpPath: String {
        FindingCatalogue.entry(id) != nil ? "docs/rules/\(id).md" : "docs/bad-input.md"
    }
}

/// One output format. Each format lives in its own file.
public protocol LintReporter {
    static var name: String { get }
    func render(_ report: LintReport) throws -> String
}

public enum LintFormat: String, CaseIterable, Sendable {
    case text, json, sarif, junit, github, checkstyle

    public var reporter: any LintReporter {
        switch self {
        case .text: return TextLintReporter()
        case .json: return JSONLintReporter()
        case .sarif: return SARIFLintReporter()
        case .junit: return JUnitLintReporter()
        case .github: return GitHubLintReporter()
        case .checkstyle: return CheckstyleLintReporter()
        }
    }
}

extension LintReport {
    /// Builds the report from check results: file findings and arrangement findings, merged and sorted.
    public static func from(
        _ results: [FileDetermination], toolVersion: String, maxFindings: Int?, failing: Severity
    ) -> LintReport {
        var seen = Set<String>()
        var all: [Finding] = []
        for result in results {
            for finding in result.findings + result.arrangements.flatMap(\.findings) {
                let key = "\(finding.file)\u{0}\(finding.rule)\u{0}\(finding.line)\u{0}\(finding.column)\u{0}\(finding.message)"
                if seen.insert(key).inserted { all.append(finding) }
            }
        }
        all.sort { a, b in
            (a.file, a.line, a.column, a.rule, a.message) < (b.file, b.line, b.column, b.rule, b.message)
        }
        var kept = all
        var omitted = 0
        if let maxFindings, all.count > maxFindings {
            // Keep the most severe first when cutting.
            let ranked = all.enumerated().sorted { l, r in
                l.element.severity != r.element.severity ? l.element.severity > r.element.severity : l.offset < r.offset
            }
            let keep = Set(ranked.prefix(maxFindings).map(\.offset))
            kept = all.enumerated().filter { keep.contains($0.offset) }.map(\.element)
            omitted = all.count - maxFindings
        }
        var report = LintReport(
            toolVersion: toolVersion, files: results.map(\.path), findings: kept, omitted: omitted, failing: failing)
        report.allFailing = all.filter { $0.severity >= failing }.count
        return report
    }
}
