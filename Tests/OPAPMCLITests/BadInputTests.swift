import Foundation
import Testing

/// One row of docs/bad-input.md: the class, its id and the command that shows it.
struct BadInputRow: CustomStringConvertible, Sendable {
    var inputClass: String
    var id: String
    var arguments: [String]
    var description: String { "\(id): \(inputClass)" }
}

@Suite struct BadInputTests {
    /// The rows of every table in docs/bad-input.md whose third column is an `opapm` command.
    static func rows() -> [BadInputRow] {
        let url = repositoryRoot.appendingPathComponent("docs/bad-input.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line -> BadInputRow? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, cells[3].hasPrefix("`opapm ") else { return nil }
            let command = cells[3].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            return BadInputRow(
                inputClass: cells[1], id: cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`")),
                arguments: command.split(separator: " ").dropFirst().map(String.init))
        }
    }

    @Test func tableCoversEveryClassTheIssueNames() {
        let ids = Set(Self.rows().map(\.id))
        for id in ["XML001", "XML002", "XML003", "XML004", "XML005", "XML006", "XML007", "XSD001",
            "INP001", "INP002", "INP003", "INP004", "INP005", "INP006", "INP007", "FR006", "SUB006", "SUB007", "CEHRT003"]
        {
            #expect(ids.contains(id), "docs/bad-input.md has no row for \(id)")
        }
    }

    /// Each row: its finding appears, the exit status is 1, and nothing is approved.
    @Test(arguments: rows())
    func badInputTableRowsBehaveAsDocumented(row: BadInputRow) throws {
        let run = try opapm(row.arguments)
        #expect(run.status == 1, "\(row): \(run.stderr)")
        #expect(run.stdout.contains("[\(row.id)]"), "\(row): \(run.stdout)")
        let summary = run.stdout.split(separator: "\n").last ?? ""
        #expect(summary.hasPrefix("0 approved,"), "\(row): \(summary)")
        let json = try opapm(row.arguments + ["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let arrangements = (object?["files"] as? [[String: Any]] ?? []).flatMap { $0["arrangements"] as? [[String: Any]] ?? [] }
        #expect(!arrangements.contains { $0["determination"] as? String == "approved" }, "\(row)")
    }

    @Test func publishListsNeitherOfTwoSameDateSubmissions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-dup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try opapm([
            "publish", "Tests/Fixtures/bad-input/duplicate-arrangement", "--year", "2024", "--out", directory.path,
            "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("not listed: [INP006]"))
        let list = try String(contentsOf: directory.appendingPathComponent("approved-arrangements-2024.json"), encoding: .utf8)
        #expect(!list.contains("GLHIC-TCOC-2024"))
    }
}

/// Each limit: a run exactly at it passes, one unit under it gives its finding.
@Suite struct LimitTests {
    static let sample = "samples/not-approved/CEHRT002-roster-share-below-75-percent.xml"

    func findings(_ arguments: [String]) throws -> String {
        try opapm(["check", Self.sample] + arguments).stdout
    }

    @Test func rosterLimit() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(Self.sample), encoding: .utf8)
        let entries = text.components(separatedBy: "<clinician ").count - 1
        #expect(entries > 1)
        #expect(!(try findings(["--max-roster", "\(entries)"])).contains("[XML007]"))
        #expect(try findings(["--max-roster", "\(entries - 1)"]).contains("[XML007]"))
    }

    @Test func fileSizeLimit() throws {
        let size = try FileManager.default.attributesOfItem(atPath: repositoryRoot.appendingPathComponent(Self.sample).path)[.size] as? Int ?? 0
        #expect(!(try findings(["--max-file-size", "\(size)"])).contains("[XML004]"))
        #expect(try findings(["--max-file-size", "\(size - 1)"]).contains("[XML004]"))
    }

    @Test func depthLimit() throws {
        // The smallest depth the sample passes is its depth; one less must stop it.
        let depth = try (1...20).first { !(try findings(["--max-depth", "\($0)"])).contains("[XML003]") }
        let found = try #require(depth)
        #expect(found >= 5)
        #expect(try findings(["--max-depth", "\(found - 1)"]).contains("[XML003]"))
    }

    @Test func diagnosticsLimit() throws {
        let file = "Tests/Fixtures/bad-input/several-schema-errors.xml"
        let all = try opapm(["check", file]).stdout.components(separatedBy: "[XSD001]").count - 1
        #expect(all >= 2)
        let atLimit = try opapm(["check", file, "--max-diagnostics", "\(all)"]).stdout
        #expect(!atLimit.contains("[XML006]"))
        let over = try opapm(["check", file, "--max-diagnostics", "\(all - 1)"]).stdout
        #expect(over.contains("[XML006]") && over.components(separatedBy: "[XSD001]").count - 1 == all - 1)
    }

    /// Elements: the smallest limit the sample passes is its element count (roster entries aside).
    @Test func elementLimit() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(Self.sample), encoding: .utf8)
        let opened = text.components(separatedBy: "<").count - 1 - text.components(separatedBy: "</").count + 1
            - text.components(separatedBy: "<?").count + 1 - text.components(separatedBy: "<!--").count + 1
        let elements = opened - (text.components(separatedBy: "<clinician ").count - 1)
        #expect(!(try findings(["--max-elements", "\(elements)"])).contains("[XML008]"))
        #expect(try findings(["--max-elements", "\(elements - 1)"]).contains("[XML008]"))
    }

    @Test func limitsMustBePositive() throws {
        for option in ["--max-roster", "--max-depth", "--max-file-size", "--max-diagnostics", "--max-elements", "--max-text-size",
            "--max-stream-size", "--jobs"]
        {
            #expect(try opapm(["check", Self.sample, option, "0"]).status == 2, "\(option)")
        }
    }
}
