import Foundation
import Testing

/// Compares an output with its committed golden file (Tests/Fixtures/golden). `OPAPM_RECORD=1 swift test`
/// rewrites the file and fails the test, so a recording is never mistaken for a pass.
func expectGoldenOutput(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = repositoryRoot.appendingPathComponent("Tests/Fixtures/golden/\(name)")
    if ProcessInfo.processInfo.environment["OPAPM_RECORD"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded Tests/Fixtures/golden/\(name): run again without OPAPM_RECORD", sourceLocation: sourceLocation)
        return
    }
    let committed = try? String(contentsOf: url, encoding: .utf8)
    #expect(committed == text, "Tests/Fixtures/golden/\(name) differs: review, then OPAPM_RECORD=1 swift test --filter GoldenOutputTests",
        sourceLocation: sourceLocation)
}

/// Issue 21 item 6: golden outputs for check (text, JSON, HTML), validate, each list format and qp.
@Suite struct GoldenOutputTests {
    static let checked = [
        "samples/approved/other-payer-aligned-medical-home.xml", "samples/not-approved/FR004-lowest-rate-in-2019.xml",
        "samples/not-approved/MMH006-multi-payer-model-not-a-medical-home.xml", "samples/invalid/missing-payer-type.xml",
    ]

    @Test(arguments: ["text", "json", "html"])
    func check(format: String) throws {
        let root = try temporaryDirectory("golden-check")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("report")
        let run = try opapm(["check", "--format", format, "--output", out.path] + Self.checked)
        #expect(run.status == 1, "\(run.stderr)")
        try expectGoldenOutput(try String(contentsOf: out, encoding: .utf8), "check.\(format == "text" ? "txt" : format)")
    }

    @Test func validate() throws {
        let run = try opapm(["validate", "samples/invalid", "samples/approved/pace-payment-rate-reduction.xml"])
        #expect(run.status == 1)
        try expectGoldenOutput(run.stdout, "validate.txt")
    }

    @Test func everyListFormat() throws {
        let root = try temporaryDirectory("golden-list")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("list")
        let run = try opapm(["publish", "samples/approved", "--year", "2024", "--out", out.path, "--as-of", "2024-12-31"])
        #expect(run.status == 0, "\(run.stderr)")
        for format in ["csv", "html", "json", "md", "xml"] {
            let text = try String(contentsOf: out.appendingPathComponent("approved-arrangements-2024.\(format)"), encoding: .utf8)
            try expectGoldenOutput(text, "list.\(format)")
        }
    }

    @Test(arguments: ["text", "json", "csv"])
    func qp(format: String) throws {
        let run = try opapm(["qp", "samples/qp/county-rule-2024.qp.xml", "--year", "2024", "--approved", "samples/qp/approved-2024.json",
            "--format", format])
        #expect(run.status == 0, "\(run.stderr)")
        try expectGoldenOutput(run.stdout, "qp.\(format == "text" ? "txt" : format)")
    }
}
