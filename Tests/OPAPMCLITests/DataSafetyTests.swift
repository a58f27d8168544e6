import Foundation
import Testing

/// Runs opapm with `directory` as the working directory.
func opapm(_ arguments: [String], in directory: URL, environment: [String: String]? = nil) throws -> Run {
    try run(executable.path, arguments, environment: environment, in: directory)
}

/// Every regular file under `directory` with its bytes, by relative path.
func tree(_ directory: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: directory.path)
    while let relative = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let full = directory.appendingPathComponent(relative).path
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[relative] = FileManager.default.contents(atPath: full) ?? Data()
        }
    }
    return files
}

/// The approved PACE sample with its payer's and arrangement's names replaced: how hostile text gets in.
func sampleNamed(payer: String, arrangement: String) throws -> String {
    let sample = try String(contentsOf: repositoryRoot.appendingPathComponent("samples/approved/pace-payment-rate-reduction.xml"), encoding: .utf8)
    let escape = { (text: String) in
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
    return sample.replacingOccurrences(of: "<name>Bay Area PACE</name>\n    <type>", with: "<name>\(escape(payer))</name>\n    <type>")
        .replacingOccurrences(of: "<name>Bay Area PACE Rate Adjustment</name>", with: "<name>\(escape(arrangement))</name>")
}

/// Issue 18, "Data loss": publish replaces only a directory it wrote, atomically and one run at a time;
/// a report never lands on an input.
@Suite(.serialized) struct DataLossTests {
    @Test func publishRefusesEveryDirectoryItDidNotWrite() throws {
        let root = try temporaryDirectory("refuse")
        defer { try? FileManager.default.removeItem(at: root) }
        let work = root.appendingPathComponent("work/inner")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try "mine".write(to: work.appendingPathComponent("keep.txt"), atomically: true, encoding: .utf8)
        try "mine too".write(to: root.appendingPathComponent("work/keep.txt"), atomically: true, encoding: .utf8)
        let inputs = root.appendingPathComponent("inputs")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("samples/approved"), to: inputs)
        let unrelated = root.appendingPathComponent("unrelated")
        try FileManager.default.createDirectory(at: unrelated, withIntermediateDirectories: true)
        try "notes".write(to: unrelated.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let home = root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try "profile".write(to: home.appendingPathComponent(".profile"), atomically: true, encoding: .utf8)
        let before = try tree(root)
        let cases: [(out: String, says: String)] = [
            ("", "--out is empty"),
            (".", "current directory"),
            ("..", "current directory or one above it"),
            (inputs.path, "is or holds an input"),
            (root.path, "current directory or one above it"),
            (inputs.appendingPathComponent("list").path, "inside"),
            (unrelated.path, "opapm did not write"),
            (home.path, "home directory"),
            ("/", "root directory"),
        ]
        for (out, says) in cases {
            let run = try opapm(
                ["publish", inputs.path, "--year", "2024", "--out", out], in: work,
                environment: ["HOME": home.path, "PATH": "/usr/bin:/bin"])
            #expect(run.status == 2, "--out '\(out)'")
            #expect(run.stderr.contains(says), "--out '\(out)': \(run.stderr)")
        }
        // A directory that holds an input: the input is never replaced with it.
        let holds = try opapm(["publish", inputs.path, "--year", "2024", "--out", root.appendingPathComponent("inputs/..").path])
        #expect(holds.status == 2)
        #expect(holds.stderr.contains("is or holds an input"), "\(holds.stderr)")
        #expect(try tree(root) == before)
    }

    @Test func aListOpapmWroteIsReplacedAndAFileAddedToItIsNeverDeleted() throws {
        let root = try temporaryDirectory("owned")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("list")
        #expect(try opapm(["publish", "samples/approved", "--year", "2024", "--out", out.path]).status == 0)
        let manifest = try String(contentsOf: out.appendingPathComponent(".opapm-manifest"), encoding: .utf8)
        #expect(manifest.contains("approved-arrangements-2024.json"))
        // A second run replaces it, with other formats: the old files go with the old list.
        #expect(try opapm(["publish", "samples/approved", "--year", "2024", "--out", out.path, "--format", "json"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [".opapm-manifest", "approved-arrangements-2024.json"])
        // A file someone put there makes the next run refuse, and it survives.
        try "added by hand".write(to: out.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        let refused = try opapm(["publish", "samples/approved", "--year", "2024", "--out", out.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("README.txt, which opapm did not write"))
        #expect(try String(contentsOf: out.appendingPathComponent("README.txt"), encoding: .utf8) == "added by hand")
        // The previous list may be read from the directory being replaced: it is read first.
        try FileManager.default.removeItem(at: out.appendingPathComponent("README.txt"))
        let again = try opapm([
            "publish", "samples/approved", "--year", "2024", "--out", out.path, "--previous",
            out.appendingPathComponent("approved-arrangements-2024.json").path,
        ])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("no changes since the previous list"))
    }

    @Test func readersNeverSeeTheListMissingAndOverlappingRunsBothSucceed() throws {
        let root = try temporaryDirectory("swap")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("list")
        #expect(try opapm(["publish", "samples", "--year", "2024", "--out", out.path]).status == 0)
        let watched = out.appendingPathComponent("approved-arrangements-2024.json").path
        let stop = Atomic(false)
        let misses = Atomic(0)
        let polls = Atomic(0)
        let reader = Thread {
            while !stop.value {
                if access(watched, F_OK) != 0 { misses.mutate { $0 += 1 } }
                polls.mutate { $0 += 1 }
            }
        }
        reader.start()
        // Two runs at once, several times: each waits for the other's lock, and neither fails.
        for _ in 0..<3 {
            let first = try start(["publish", "samples", "--year", "2024", "--out", out.path])
            let second = try start(["publish", "samples", "--year", "2024", "--out", out.path])
            first.waitUntilExit()
            second.waitUntilExit()
            #expect(first.terminationStatus == 0)
            #expect(second.terminationStatus == 0)
        }
        stop.value = true
        while !reader.isFinished { usleep(1000) }
        #expect(polls.value > 100)
        #expect(misses.value == 0, "the list was missing \(misses.value) times in \(polls.value) looks")
        let left = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(left == ["list"], "left beside the list: \(left)")
    }

    @Test func aStagingDirectoryLeftByAKilledRunIsRemovedByTheNext() throws {
        let root = try temporaryDirectory("stale")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("list")
        let stale = root.appendingPathComponent(".list.opapm-staging-99999999")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try "# opapm published list: opapm replaces this directory only while it holds no file but those named below\napproved-arrangements-2024.csv\n"
            .write(to: stale.appendingPathComponent(".opapm-manifest"), atomically: true, encoding: .utf8)
        try "half".write(to: stale.appendingPathComponent("approved-arrangements-2024.csv"), atomically: true, encoding: .utf8)
        // One holding a file opapm did not write is left alone.
        let foreign = root.appendingPathComponent(".list.opapm-staging-99999998")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try "someone's".write(to: foreign.appendingPathComponent("data.txt"), atomically: true, encoding: .utf8)
        #expect(try opapm(["publish", "samples/approved", "--year", "2024", "--out", out.path]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("data.txt").path))
    }

    @Test func aReportIsNeverWrittenOverAnInput() throws {
        let root = try temporaryDirectory("over-input")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = root.appendingPathComponent("in")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("samples/approved"), to: inputs)
        let submission = inputs.appendingPathComponent("pace-payment-rate-reduction.xml")
        let link = root.appendingPathComponent("hard-link.xml")
        try FileManager.default.linkItem(at: submission, to: link)
        let before = try tree(root)
        let attempts: [[String]] = [
            ["check", submission.path, "--output", submission.path],
            ["check", inputs.path, "--output", submission.path],
            ["check", submission.path, "--output", inputs.path + "/../in/pace-payment-rate-reduction.xml"],
            ["check", submission.path, "--format", "json", "--output", link.path],
            ["check", inputs.path, "--output", inputs.appendingPathComponent("report.xml").path],
            ["lint", inputs.path, "--format", "junit", "--output", inputs.appendingPathComponent("sub/junit.xml").path],
            ["lint", submission.path, "--format", "sarif", "--output", link.path],
        ]
        for arguments in attempts {
            let run = try opapm(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains("nothing written"), "\(arguments): \(run.stderr)")
        }
        #expect(try tree(root) == before)
        // A report beside the inputs, not named like one, is fine.
        #expect(try opapm(["check", inputs.path, "--format", "json", "--output", inputs.appendingPathComponent("report.json").path]).status == 0)
    }
}

/// Starts opapm from the repository root without waiting.
func start(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// A value shared with a watching thread.
final class Atomic<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    func mutate(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}

/// Issue 19: `opapm law`, `--law FILE` and docs/law.md.
@Suite struct LawCommandTests {
    @Test func lawPagePrintsAYearWithProvenance() throws {
        let run = try opapm(["law", "--year", "2021"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("cehrtMinimumPercent: 75  [codified]"))
        #expect(run.stdout.contains("totalPotentialRiskPercent: does not apply  [codified]"))
        #expect(run.stdout.contains("nominalRevenuePercent: 8  [codified]"))
        #expect(try opapm(["law", "--year", "2024"]).stdout.contains("nominalRevenuePercent: 8  [unverified]"))
        #expect(try opapm(["law", "--year", "2016"]).status == 2)
    }

    @Test func docsLawIsGeneratedFromTheLawFile() throws {
        let page = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/law.md"), encoding: .utf8)
        #expect(try opapm(["law", "--format", "markdown"]).stdout == page, "docs/law.md is stale: opapm law --format markdown > docs/law.md")
    }

    @Test func theLawFileIsValidAgainstItsSchema() throws {
        let check = """
            import json, jsonschema
            schema = json.load(open("schemas/law.schema.json"))
            jsonschema.Draft202012Validator.check_schema(schema)
            jsonschema.Draft202012Validator(schema).validate(json.load(open("law/opapm-law.json")))
            """
        let run = try runPython(["-c", check])
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// A newer law file decides a year the built-in law does not know; a broken one is a usage error.
    @Test func aLawFileGivenWithLawReplacesTheBuiltInOne() throws {
        let root = try temporaryDirectory("law")
        defer { try? FileManager.default.removeItem(at: root) }
        var document = try JSONSerialization.jsonObject(
            with: Data(contentsOf: repositoryRoot.appendingPathComponent("law/opapm-law.json"))) as? [String: Any] ?? [:]
        document["lastYear"] = 2028
        let newer = root.appendingPathComponent("newer.json")
        try JSONSerialization.data(withJSONObject: document).write(to: newer)
        let sample = "samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml"
        #expect(try opapm(["check", sample, "--year", "2028"]).status == 2)
        let decided = try opapm(["check", sample, "--year", "2028", "--law", newer.path])
        #expect(decided.stdout.contains("PY2028"), "\(decided.stderr)")
        #expect(try opapm(["law", "--year", "2028", "--law", newer.path]).status == 0)
        document["entries"] = (document["entries"] as? [[String: Any]] ?? []).filter { $0["key"] as? String != "smallLossPercent" }
        let broken = root.appendingPathComponent("broken.json")
        try JSONSerialization.data(withJSONObject: document).write(to: broken)
        let refused = try opapm(["check", sample, "--law", broken.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("smallLossPercent has no value for 2017"), "\(refused.stderr)")
    }
}

/// Issue 20 case 5 and the QP001 error from the command line.
@Suite struct QPCommandTests {
    /// The county example of docs/qp.md, and the same data submitted a day late: QP006, exit 1, the
    /// Medicare Option still decided.
    @Test func theCountyExampleAndLateData() throws {
        let qp = ["qp", "--year", "2024", "--approved", "samples/qp/approved-2024.json"]
        let run = try opapm(qp + ["samples/qp/county-rule-2024.qp.xml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("dr-alvarez (Dr. Rosa Alvarez (NPI 1245319599), eligible-clinician), PY2024: QP"))
        #expect(run.stdout.contains("excluded: no Medicaid Other Payer Advanced APM on the approved list is available in county 08041 (CO)"))
        let root = try temporaryDirectory("qp-late")
        defer { try? FileManager.default.removeItem(at: root) }
        let sample = try String(contentsOf: repositoryRoot.appendingPathComponent("samples/qp/county-rule-2024.qp.xml"), encoding: .utf8)
        let late = root.appendingPathComponent("late.qp.xml")
        try sample.replacingOccurrences(of: "<submissionDate>2024-11-15</submissionDate>", with: "<submissionDate>2024-12-02</submissionDate>")
            .write(to: late, atomically: true, encoding: .utf8)
        let refused = try opapm(qp + [late.path])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("error: [QP006] submitted 2024-12-02, after the deadline 2024-12-01"), "\(refused.stdout)")
        #expect(refused.stdout.contains("Medicare Option for the APM Entity group FRPN-ACO"))
        let json = try opapm(qp + [late.path, "--format", "json"])
        #expect(json.stdout.contains("\"id\" : \"QP006\""))
    }

    @Test func anApprovedListOfAnotherYearIsAUsageError() throws {
        let run = try opapm(["qp", "samples/qp/all-payer-2024.qp.xml", "--year", "2024", "--approved", "samples/qp/approved-2025.json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is the approved list for 2025, not --year 2024"))
    }

    @Test func impossibleFiguresStopTheRunWithTheirIds() throws {
        let root = try temporaryDirectory("qp-impossible")
        defer { try? FileManager.default.removeItem(at: root) }
        let sample = try String(contentsOf: repositoryRoot.appendingPathComponent("samples/qp/all-payer-2024.qp.xml"), encoding: .utf8)
        let file = root.appendingPathComponent("impossible.qp.xml")
        try sample.replacingOccurrences(of: #"<medicareAdvancedAPM payments="600000.00""#, with: #"<medicareAdvancedAPM payments="9000000.00""#)
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try opapm(["qp", file.path, "--year", "2024", "--approved", "samples/qp/approved-2024.json"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("error: [QP001] participant dr-rivera, august-31: Medicare Advanced APM payments"), "\(run.stdout)")
        #expect(!run.stdout.contains("642"))
    }
}

/// Issue 22 item 13: a date that does not exist is refused, not published.
@Suite struct CalendarDateTests {
    @Test func asOfTakesOnlyRealDates() throws {
        let root = try temporaryDirectory("as-of")
        defer { try? FileManager.default.removeItem(at: root) }
        for bad in ["2024-02-30", "2023-02-29", "2024-04-31", "2024-13-01"] {
            let run = try opapm(["publish", "samples/approved", "--year", "2024", "--out", root.appendingPathComponent("x").path, "--as-of", bad])
            #expect(run.status == 2, "\(bad)")
        }
        #expect(try opapm([
            "publish", "samples/approved", "--year", "2024", "--out", root.appendingPathComponent("leap").path, "--as-of", "2024-02-29",
            "--format", "json",
        ]).status == 0)
    }
}

/// Issue 22 item 7: a misspelled subcommand names the one meant.
@Suite struct DidYouMeanTests {
    @Test func aMisspelledSubcommandNamesTheOneMeant() throws {
        for arguments in [["chek", "samples"], ["help", "chek"]] {
            let run = try opapm(arguments)
            #expect(run.status == 2)
            #expect(run.stderr.contains("unknown command 'chek'; did you mean 'check'?"), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("unexpected arguments"))
        }
        #expect(try opapm(["xyzzy"]).stderr.contains("unknown command 'xyzzy' (commands: validate, check"))
        #expect(try opapm(["help", "check"]).status == 0)
    }
}

/// Issue 22 item 7: format names are not case-sensitive.
@Suite struct FormatNameTests {
    @Test func formatValuesAreCaseInsensitive() throws {
        #expect(try opapm(["check", "samples/approved", "--format", "JSON"]).stdout.hasPrefix("{"))
        #expect(try opapm(["lint", "samples/approved", "--format", "SARIF"]).stdout.contains("\"version\" : \"2.1.0\""))
        #expect(try opapm(["law", "--year", "2021", "--format", "Text"]).status == 0)
        let root = try temporaryDirectory("format-case")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try opapm(["publish", "samples/approved", "--year", "2024", "--out", root.appendingPathComponent("l").path, "--format", "JSON,Csv"]).status == 0)
        #expect(try opapm(["check", "samples/approved", "--format", "yaml"]).status == 2)
    }
}
