import Foundation
import Testing

func temporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs a program from the repository root and collects its output.
func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, standardInput: FileHandle? = nil,
    in directory: URL = repositoryRoot) throws -> Run
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let standardInput { process.standardInput = standardInput }
    process.currentDirectoryURL = directory
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

func contents(_ directory: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
        files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
    }
    return files
}

@Suite(.serialized) struct PublishTests {
    @Test func writesEveryFormatValidAgainstItsSchemas() throws {
        let root = try temporaryDirectory("publish")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("list")
        let result = try opapm(["publish", "samples", "--year", "2024", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == [".opapm-manifest"] + ["csv", "html", "json", "md", "xml"].map { "approved-arrangements-2024.\($0)" })

        let json = out.appendingPathComponent("approved-arrangements-2024.json").path
        let check = """
            import csv, json, sys, jsonschema
            schema = json.load(open("schemas/approved-list.schema.json"))
            data = json.load(open(sys.argv[1]))
            jsonschema.validate(data, schema)
            rows = list(csv.reader(open(sys.argv[2], newline="")))
            assert len(rows) == len(data["arrangements"]) + 1, (len(rows), len(data["arrangements"]))
            assert all(len(r) == 11 for r in rows), rows[0]
            print(len(data["arrangements"]))
            """
        let python = try run("/usr/bin/env", ["python3", "-c", check, json, out.appendingPathComponent("approved-arrangements-2024.csv").path])
        #expect(python.status == 0, "\(python.stderr)")
        #expect(Int(python.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 10)

        let xmllint = try run("/usr/bin/env", [
            "xmllint", "--noout", "--nonet", "--schema", "schemas/approved-list.xsd",
            out.appendingPathComponent("approved-arrangements-2024.xml").path,
        ])
        #expect(xmllint.status == 0, "\(xmllint.stderr)")

        let list = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        let rows = list?["arrangements"] as? [[String: Any]] ?? []
        let groups = rows.compactMap { $0["group"] as? String }
        let order = ["medicaid", "medicare-health-plans", "cms-multi-payer-models", "other-payers"]
        #expect(groups == groups.sorted { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! })
        #expect(Set(groups) == Set(order))
        #expect(list?["asOf"] == nil)
        let skipped = list?["skipped"] as? [[String: Any]] ?? []
        #expect(skipped.count == 3)
    }

    @Test func sameInputsGiveByteIdenticalFiles() throws {
        let root = try temporaryDirectory("determinism")
        defer { try? FileManager.default.removeItem(at: root) }
        let first = root.appendingPathComponent("a")
        let second = root.appendingPathComponent("b")
        #expect(try opapm(["publish", "samples", "--year", "2024", "--out", first.path]).status == 0)
        #expect(try opapm(["publish", "samples", "--year", "2024", "--out", second.path]).status == 0)
        #expect(try contents(first) == contents(second))
        let dated = root.appendingPathComponent("c")
        #expect(try opapm(["publish", "samples/approved", "--year", "2024", "--out", dated.path, "--as-of", "2024-01-15", "--format", "json"]).status == 0)
        let text = try String(contentsOf: dated.appendingPathComponent("approved-arrangements-2024.json"), encoding: .utf8)
        #expect(text.contains("\"asOf\" : \"2024-01-15\""))
    }

    @Test func unparsableInputChangesNothing() throws {
        let root = try temporaryDirectory("atomic")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("list")
        #expect(try opapm(["publish", "samples/approved", "--year", "2024", "--out", out.path]).status == 0)
        let before = try contents(out)
        let failed = try opapm(["publish", "samples/approved", "Tests/Fixtures/hostile", "--year", "2024", "--out", out.path])
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("Tests/Fixtures/hostile/not-well-formed.xml"))
        #expect(try contents(out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["list"])

        let skipping = try opapm([
            "publish", "samples/approved", "Tests/Fixtures/hostile", "--year", "2024", "--out", out.path, "--skip-invalid",
        ])
        #expect(skipping.status == 0)
        #expect(skipping.stderr.contains("doctype-external-entity.xml: skipped"))
        let json = try String(contentsOf: out.appendingPathComponent("approved-arrangements-2024.json"), encoding: .utf8)
        #expect(json.contains("Tests/Fixtures/hostile/not-well-formed.xml"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["list"])
    }

    @Test func multiYearArrangementAppearsInEachYear() throws {
        let root = try temporaryDirectory("years")
        defer { try? FileManager.default.removeItem(at: root) }
        for year in [2024, 2025, 2026] {
            let out = root.appendingPathComponent("\(year)")
            #expect(try opapm(["publish", "samples/approved", "--year", "\(year)", "--out", out.path, "--format", "json"]).status == 0)
            let json = try String(contentsOf: out.appendingPathComponent("approved-arrangements-\(year).json"), encoding: .utf8)
            #expect(json.contains("KEHC-PCF-2024"), "PY\(year)")
        }
        let later = root.appendingPathComponent("2025")
        let json = try String(contentsOf: later.appendingPathComponent("approved-arrangements-2025.json"), encoding: .utf8)
        #expect(!json.contains("PRAIRIE-EP-2024"))
    }

    @Test func laterSubmissionSupersedesAndSameDateListsNeither() throws {
        let root = try temporaryDirectory("supersede")
        defer { try? FileManager.default.removeItem(at: root) }
        let original = try String(
            contentsOf: repositoryRoot.appendingPathComponent("samples/approved/pace-payment-rate-reduction.xml"), encoding: .utf8)
        let inputs = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try original.write(to: inputs.appendingPathComponent("a.xml"), atomically: true, encoding: .utf8)
        let renamed = original.replacingOccurrences(of: "Bay Area PACE Rate Adjustment", with: "Bay Area PACE Rate Adjustment (amended)")
            .replacingOccurrences(of: "<submissionDate>2023-05-30", with: "<submissionDate>2023-05-31")
        try renamed.write(to: inputs.appendingPathComponent("b.xml"), atomically: true, encoding: .utf8)
        let out = root.appendingPathComponent("list")
        #expect(try opapm(["publish", inputs.path, "--year", "2024", "--out", out.path, "--format", "csv"]).status == 0)
        let csv = try String(contentsOf: out.appendingPathComponent("approved-arrangements-2024.csv"), encoding: .utf8)
        #expect(csv.contains("(amended)"))
        #expect(csv.components(separatedBy: "BAYPACE-RR-2024").count == 2)

        try original.write(to: inputs.appendingPathComponent("b.xml"), atomically: true, encoding: .utf8)
        // Two of one date: neither stands (INP006), and the list is still written without them.
        let conflict = try opapm(["publish", inputs.path, "--year", "2024", "--out", out.path, "--format", "csv"])
        #expect(conflict.status == 0)
        #expect(conflict.stderr.contains("a.xml") && conflict.stderr.contains("b.xml"))
        #expect(conflict.stderr.contains("[INP006]") && conflict.stderr.contains("BAYPACE-RR-2024"))
        let without = try String(contentsOf: out.appendingPathComponent("approved-arrangements-2024.csv"), encoding: .utf8)
        #expect(!without.contains("BAYPACE-RR-2024"))
    }

    @Test func previousListChangesAreReported() throws {
        let root = try temporaryDirectory("previous")
        defer { try? FileManager.default.removeItem(at: root) }
        let before = root.appendingPathComponent("before")
        #expect(try opapm(["publish", "samples", "--year", "2024", "--out", before.path]).status == 0)
        let after = root.appendingPathComponent("after")
        let result = try opapm([
            "publish", "samples/approved", "--year", "2024", "--out", after.path, "--previous",
            before.appendingPathComponent("approved-arrangements-2024.json").path,
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("removed: PRAIRIE-FR005"))
        #expect(result.stdout.contains("changed: GLHIC-TCOC-2024"))
        let markdown = try String(contentsOf: after.appendingPathComponent("approved-arrangements-2024.md"), encoding: .utf8)
        #expect(markdown.contains("## Changes since the previous list"))
        #expect(markdown.contains("- removed: PRAIRIE-FR005"))
    }

    @Test func htmlRowsAreThereAndSortingWorksInChromium() throws {
        let root = try temporaryDirectory("html-list")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("list")
        #expect(try opapm(["publish", "samples", "--year", "2024", "--out", out.path]).status == 0)
        let page = out.appendingPathComponent("approved-arrangements-2024.html")
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("approved-arrangements-2024.json"))) as? [String: Any]
        let rows = (json?["arrangements"] as? [[String: Any]]) ?? []

        func ids(_ dom: String, group: String) -> [String] {
            guard let start = dom.range(of: "data-group=\"\(group)\"") else { return [] }
            let section = dom[start.upperBound...].prefix { _ in true }
            let end = section.range(of: "</section>")?.lowerBound ?? section.endIndex
            let body = section[..<end]
            return body.components(separatedBy: "data-id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }

        let plain = try chromium(["--dump-dom", page.absoluteString]).stdout
        #expect(plain.components(separatedBy: "class=\"row\"").count - 1 == rows.count)
        for row in rows {
            #expect(plain.contains("data-id=\"\(row["arrangementId"] as? String ?? "?")\""))
        }
        let descending = try chromium(["--dump-dom", page.absoluteString + "#sort=arrangementId&dir=desc"]).stdout
        let ascending = try chromium(["--dump-dom", page.absoluteString + "#sort=arrangementId&dir=asc"]).stdout
        for group in ["medicaid", "medicare-health-plans", "other-payers"] {
            let down = ids(descending, group: group)
            let up = ids(ascending, group: group)
            #expect(down.count >= 2, "\(group)")
            #expect(down == up.reversed(), "\(group)")
            #expect(up == up.sorted { $0.localizedStandardCompare($1) == .orderedAscending }, "\(group): \(up)")
        }
        #expect(descending.contains("aria-sort=\"descending\""))
        let filtered = try chromium(["--dump-dom", page.absoluteString + "#filter=Oregon"]).stdout
        #expect(filtered.contains("<span id=\"count\">1</span>"))
        #expect(!plain.contains("src=\"http") && !plain.contains("href=\"http"))
    }
}
