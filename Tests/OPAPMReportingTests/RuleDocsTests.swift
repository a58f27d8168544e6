import Foundation
import OPAPMCore
import Testing

@testable import OPAPMReporting

let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func repositoryPath(_ relative: String) -> String {
    repositoryRoot.appendingPathComponent(relative).path
}

/// Compares generated text with a committed file; `OPAPM_RECORD=1 swift test` rewrites the file and fails.
func expectGolden(_ text: String, file relative: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let path = repositoryPath(relative)
    if ProcessInfo.processInfo.environment["OPAPM_RECORD"] == "1" {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        // A recording never passes: the next run without OPAPM_RECORD checks what was written.
        Issue.record("recorded \(relative): run again without OPAPM_RECORD", sourceLocation: sourceLocation)
        return
    }
    let committed = try? String(contentsOfFile: path, encoding: .utf8)
    #expect(committed == text, "\(relative) is stale: run OPAPM_RECORD=1 swift test", sourceLocation: sourceLocation)
}

@Suite struct RuleDocsTests {
    @Test(arguments: RuleRegistry.all.map(\.description.id))
    func rulePageIsGeneratedFromTheDescription(id: String) throws {
        let rule = try #require(RuleRegistry.rule(id: id))
        try expectGolden(RuleDocumentation.page(rule.description), file: "docs/rules/\(id).md")
    }

    @Test(arguments: FindingCatalogue.all.filter { $0.rule == nil }.map(\.id))
    func everyOtherFindingHasAGeneratedPage(id: String) throws {
        let entry = try #require(FindingCatalogue.entry(id))
        try expectGolden(RuleDocumentation.page(entry), file: "docs/rules/\(id).md")
    }

    @Test func ruleIndexIsCurrent() throws {
        try expectGolden(RuleDocumentation.index(), file: "docs/rules/README.md")
    }

    @Test func noPageForARuleThatDoesNotExist() throws {
        let pages = try FileManager.default.contentsOfDirectory(atPath: repositoryPath("docs/rules"))
        let ids = Set(FindingCatalogue.all.map { "\($0.id).md" } + ["README.md"])
        #expect(Set(pages).subtracting(ids).isEmpty)
    }
}

@Suite struct ReportTests {
    func results() throws -> [FileDetermination] {
        let loader = try SubmissionLoader()
        let files = try InputFiles.collect([repositoryPath("samples")]).files
        return files.parallelMap { DeterminationEngine().determine(path: $0, loader: loader, year: nil) }
    }

    @Test func jsonHasTheDocumentedShapeWithSortedKeys() throws {
        let json = try JSONOutput.encode(CheckReport(files: try results()))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let files = try #require(object?["files"] as? [[String: Any]])
        let withArrangement = try #require(files.first { ($0["arrangements"] as? [Any])?.isEmpty == false })
        #expect(withArrangement["path"] is String)
        #expect(withArrangement["findings"] is [Any])
        let arrangement = try #require((withArrangement["arrangements"] as? [[String: Any]])?.first)
        for key in ["id", "performanceYear", "determination", "figures", "findings"] {
            #expect(arrangement[key] != nil, "\(key)")
        }
        let failing = files.flatMap { ($0["arrangements"] as? [[String: Any]]) ?? [] }
            .flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }
        let finding = try #require(failing.first)
        for key in ["rule", "severity", "message", "line", "path", "citation"] {
            #expect(finding[key] != nil, "\(key)")
        }
        #expect(json.range(of: "\"arrangements\"")!.lowerBound < json.range(of: "\"findings\"")!.lowerBound)
    }

    @Test func reportsAreByteIdenticalAcrossRuns() throws {
        let first = try JSONOutput.encode(CheckReport(files: try results()))
        let second = try JSONOutput.encode(CheckReport(files: try results()))
        #expect(first == second)
        #expect(CheckTextReport.render(try results()) == CheckTextReport.render(try results()))
    }

    @Test func textReportShowsTheWorkedExampleFigures() throws {
        let loader = try SubmissionLoader()
        let result = DeterminationEngine().determine(
            path: repositoryPath("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml"),
            loader: loader, year: 2019)
        let text = CheckTextReport.render([result])
        #expect(text.contains("average 34.375%, lowest 25%; lowest rate applies"))
        #expect(text.contains("[FR004] lowest marginal risk 25%, needs 30%"))
        // PY2019's own paragraphs, from the law file: (d)(3)(ii)(A) is gone from the PY2020 text.
        #expect(text.contains("cite: 42 CFR 414.1420(d)(3)(ii)(A), 81 FR 77537; 42 CFR 414.1420(d)(5)(i), 81 FR 77537"))
    }
}
