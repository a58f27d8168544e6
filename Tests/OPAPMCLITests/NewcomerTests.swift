import Foundation
import Testing

/// Issue 22 item 9: `check --quiet` prints only what needs attention; `check --output` says what it wrote.
@Suite struct QuietAndOutputTests {
    @Test func quietPrintsOnlyWhatIsNotApproved() throws {
        let full = try opapm(["check", "samples"])
        let quiet = try opapm(["check", "samples", "--quiet"])
        #expect(quiet.status == full.status)
        #expect(!quiet.stdout.contains(": APPROVED\n"))
        #expect(quiet.stdout.contains(": NOT-APPROVED\n") && quiet.stdout.contains("[XSD001]"))
        // The same summary line closes both.
        #expect(full.stdout.split(separator: "\n").last == quiet.stdout.split(separator: "\n").last)
        let approvedOnly = try opapm(["check", "samples/approved", "--quiet"])
        #expect(approvedOnly.status == 0)
        #expect(approvedOnly.stdout == "14 approved, 0 not approved, 0 incomplete\n", "\(approvedOnly.stdout)")
        #expect(try opapm(["check", "samples", "--quiet", "--format", "json"]).status == 2)
    }

    @Test func aReportWrittenToAFileIsAnnounced() throws {
        let root = try temporaryDirectory("announce")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("report.json")
        let run = try opapm(["check", "samples/approved", "--format", "json", "--output", out.path])
        #expect(run.status == 0)
        #expect(run.stdout == "json report of 12 file(s) written to \(out.path): 14 approved, 0 not approved, 0 incomplete\n")
        #expect(FileManager.default.fileExists(atPath: out.path))
    }
}

/// Issue 22 item 14: the published list reads as people read it, and names its sources only when asked.
@Suite struct PublishedListReadingTests {
    func publish(_ extra: [String] = [], inputs: [String] = ["samples/approved", "samples/not-approved/SUB001-medicaid-submitted-by-health-plan.xml"])
        throws -> (root: URL, out: URL)
    {
        let root = try temporaryDirectory("list-reading")
        let out = root.appendingPathComponent("list")
        let run = try opapm(["publish"] + inputs + ["--year", "2024", "--out", out.path] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return (root, out)
    }

    func text(_ out: URL, _ format: String) throws -> String {
        try String(contentsOf: out.appendingPathComponent("approved-arrangements-2024.\(format)"), encoding: .utf8)
    }

    @Test func labelsForPeopleCodesForTools() throws {
        let (root, out) = try publish()
        defer { try? FileManager.default.removeItem(at: root) }
        let markdown = try text(out, "md")
        let html = try text(out, "html")
        for shown in ["Medicaid fee-for-service", "Medicare Advantage", "Full capitation", "Eligible clinician initiated"] {
            #expect(markdown.contains(shown) && html.contains(shown), "\(shown)")
        }
        #expect(!markdown.contains("| medicaid-ffs |"))
        let csv = try text(out, "csv")
        #expect(csv.hasPrefix("group,payerName,payerType,"))
        #expect(csv.contains("\r\nmedicaid,") && !csv.contains("Medicaid fee-for-service"))
        // No source file in a public list unless asked for.
        let json = try text(out, "json")
        #expect(!csv.contains("sourceFile") && !json.contains("sourceFile") && !html.contains("Source file"))
        let (withRoot, withOut) = try publish(["--with-source"])
        defer { try? FileManager.default.removeItem(at: withRoot) }
        let withCSV = try text(withOut, "csv")
        let withJSON = try text(withOut, "json")
        #expect(withCSV.contains(",sourceFile\r\n"))
        #expect(withJSON.contains("\"sourceFile\" : \"samples/approved/"))
    }

    @Test func idsSortNaturallyAndTheHTMLNamesSkippedFiles() throws {
        let root = try temporaryDirectory("list-natural")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let sample = try String(contentsOf: repositoryRoot.appendingPathComponent(
            "samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml"), encoding: .utf8)
        for number in [10, 2, 1] {
            try sample.replacingOccurrences(of: "GLHIC-TCOC-2024", with: "GEN-\(number)")
                .write(to: inputs.appendingPathComponent("gen-\(number).xml"), atomically: true, encoding: .utf8)
        }
        try "<broken".write(to: inputs.appendingPathComponent("broken.xml"), atomically: true, encoding: .utf8)
        let out = root.appendingPathComponent("list")
        let run = try opapm(["publish", inputs.path, "--year", "2024", "--out", out.path, "--skip-invalid"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try text(out, "json")
        let ids = ["GEN-1", "GEN-2", "GEN-10"].compactMap { json.range(of: "\"\($0)\"")?.lowerBound }
        #expect(ids.count == 3 && ids == ids.sorted(), "GEN-1, GEN-2, GEN-10 in that order")
        let html = try text(out, "html")
        #expect(html.contains("<h2>Files not listed</h2>") && html.contains("broken.xml</code>"))
    }
}

/// Issue 22 items 3–5: the HTML report opens with an overview, puts what failed first, explains its
/// rules inside the page, and its chart labels never overlap (measured in Chromium).
@Suite struct HTMLReportReadingTests {
    @Test func overviewFailuresFirstAndLabelsApartInChromium() throws {
        let root = try temporaryDirectory("html-reading")
        defer { try? FileManager.default.removeItem(at: root) }
        let report = root.appendingPathComponent("report.html")
        let run = try opapm(["check", "samples", "--format", "html", "--output", report.path])
        #expect(run.status == 1)
        let html = try String(contentsOf: report, encoding: .utf8)
        let json = try opapm(["check", "samples", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let files = object?["files"] as? [[String: Any]] ?? []
        let arrangements = files.flatMap { $0["arrangements"] as? [[String: Any]] ?? [] }.count
        let invalid = files.filter { ($0["arrangements"] as? [Any])?.isEmpty ?? true }.count
        #expect(html.components(separatedBy: "<tr data-determination-row=").count - 1 == arrangements + invalid)
        #expect(html.contains("invalid file(s)"), "the header counts invalid files")
        // A failing arrangement's failed criterion comes before the folded passes.
        let fr004 = try #require(html.range(of: "FR004-lowest-rate-in-2019.xml</h2>"))
        let after = html[fr004.upperBound...]
        let fail = try #require(after.range(of: "class=\"criterion fail\""))
        let folded = try #require(after.range(of: "criteria passed or not applicable</summary>"))
        #expect(fail.lowerBound < folded.lowerBound)
        #expect(html.contains("id=\"rule-XSD001\"") && !html.contains("href=\"docs/rules/"))
        #expect(html.contains("$420,000") || html.contains("$250,000"), "money with thousands separators")
        let labels = try runPython(["Tests/Tools/check-labels.py", report.path])
        #expect(labels.status == 0, "\(labels.stdout)\(labels.stderr)")
        #expect(labels.stdout.contains("no overlap"))
    }
}

/// Issue 22 item 11: no Swift internals in any message: which file, which field, what was expected.
@Suite struct PlainMessageTests {
    @Test func badSideFilesAreExplainedInPlainWords() throws {
        let root = try temporaryDirectory("plain-messages")
        defer { try? FileManager.default.removeItem(at: root) }
        func file(_ name: String, _ text: String) throws -> String {
            let url = root.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let sample = "samples/approved/pace-payment-rate-reduction.xml"
        let runs = [
            try opapm(["check", sample, "--approved", try file("missing.json", "{\"performanceYear\": 2024}")]),
            try opapm(["check", sample, "--approved", try file("type.json", "{\"performanceYear\": \"x\", \"arrangements\": []}")]),
            try opapm(["qp", "samples/qp/all-payer-2024.qp.xml", "--year", "2024", "--approved", try file("broken.json", "{")]),
            try opapm(["check", sample, "--law", try file("law.json", "{\"format\": 1}")]),
            try opapm(["lint", sample, "--config", try file("bad.yml", "rules: [\n")]),
            try opapm(["lint", sample, "--config", try file("twice.yml", "rules:\n  FR004: error\n  FR004: warning\n")]),
        ]
        for run in runs {
            #expect(run.status == 2, "\(run.stderr)")
            for word in ["DecodingError", "CodingKeys", "The operation could not be completed", "<U+000A>", "Swift."] {
                #expect(!run.stderr.contains(word), "\(word) in: \(run.stderr)")
            }
            #expect(run.stderr.hasPrefix("opapm: error: \(root.path)") || run.stderr.contains(root.path), "names the file: \(run.stderr)")
        }
    }
}

/// Issue 22 item 12: help wraps at word boundaries within the terminal's width, and a usage error does
/// not reprint a usage line of every option.
@Suite struct HelpTextTests {
    static let commands = ["validate", "check", "publish", "lint", "qp", "law", "rules", "explain"]

    @Test(arguments: commands)
    func helpFitsEightyColumns(command: String) throws {
        let run = try opapm([command, "--help"], environment: ["COLUMNS": "80", "PATH": "/usr/bin:/bin"])
        #expect(run.status == 0)
        for line in run.stdout.split(separator: "\n") {
            // A line may pass 80 only when it is one unbreakable word.
            #expect(line.count <= 80 || !line.trimmingCharacters(in: .whitespaces).contains(" "), "\(command): \(line)")
        }
        // Paragraphs of the discussion are not cut by hard line breaks of the source.
        #expect(!run.stdout.contains("invalid),\n2 usage"))
    }

    @Test func usageErrorsStayShort() throws {
        for command in Self.commands where command != "rules" && command != "law" {
            let run = try opapm([command])
            #expect(run.status != 0)
            let usage = run.stderr.split(separator: "\n").first { $0.hasPrefix("Usage:") } ?? ""
            #expect(usage.count <= 100, "\(command): \(usage)")
        }
    }
}

/// Issue 22 item 6: a large batch's HTML report is a directory (index and one page per file), each page
/// opening in Chromium in seconds; one page past the limit is refused with the way out.
@Suite struct HTMLReportScaleTests {
    @Test func aLargeBatchIsADirectoryOfPages() throws {
        let root = try temporaryDirectory("html-scale")
        defer { try? FileManager.default.removeItem(at: root) }
        let batch = root.appendingPathComponent("batch")
        #expect(try opapm(["generate", "--out", batch.path, "--count", "300", "--seed", "5"]).status == 0)
        let out = root.appendingPathComponent("report")
        let run = try opapm(["check", batch.path, "--format", "html", "--output", out.path + "/"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("html report of 300 file(s) written to"))
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names.count == 303 && names.contains("index.html") && names.contains("rules.html") && names.contains("file-00300.html"))
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.components(separatedBy: "<tr data-determination-row=").count - 1 == 300)
        #expect(index.contains("href=\"file-00001.html#a0-0\""))
        let page = try String(contentsOf: out.appendingPathComponent("file-00002.html"), encoding: .utf8)
        #expect(page.contains("href=\"index.html\"") && page.contains("href=\"rules.html#rule-"))
        let pages = ["index.html", "rules.html", "file-00001.html", "file-00150.html", "file-00300.html"].map { out.appendingPathComponent($0).path }
        let opened = try runPython(["Tests/Tools/check-pages-open.py", "--within", "30"] + pages)
        #expect(opened.status == 0, "\(opened.stdout)\(opened.stderr)")
        // Run again: the directory is opapm's, and is replaced whole.
        #expect(try opapm(["check", batch.path, "--format", "html", "--output", out.path]).status == 0)
        // A file someone added makes it no longer opapm's alone: refused, nothing touched.
        let added = out.appendingPathComponent("notes.txt")
        try "mine".write(to: added, atomically: true, encoding: .utf8)
        let refused = try opapm(["check", batch.path, "--format", "html", "--output", out.path + "/"])
        #expect(refused.status == 2 && refused.stderr.contains("holds notes.txt, which opapm did not write"), "\(refused.stderr)")
        #expect(try String(contentsOf: added, encoding: .utf8) == "mine")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        // An input directory, or one holding an input, is never a report directory.
        let intoInput = try opapm(["check", batch.path, "--format", "html", "--output", batch.path + "/"])
        #expect(intoInput.status == 2 && intoInput.stderr.contains("--output"), "\(intoInput.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: batch.path).count == 300)
    }

    @Test func onePageOfMoreFilesThanTheLimitIsRefused() throws {
        let root = try temporaryDirectory("html-limit")
        defer { try? FileManager.default.removeItem(at: root) }
        let batch = root.appendingPathComponent("batch")
        #expect(try opapm(["generate", "--out", batch.path, "--count", "5001", "--seed", "6"]).status == 0)
        let page = root.appendingPathComponent("report.html")
        let run = try opapm(["check", batch.path, "--format", "html", "--output", page.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("5001 files make one HTML page too large to open (over 5000): give --output DIR/"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: page.path))
    }
}

/// Issue 22 item 15: the PY2019 worked example fails only the rule it shows, and the report screenshot
/// in docs/images is current (the HTML it was taken from is what opapm writes today).
@Suite struct WorkedExampleTests {
    static let example = "samples/not-approved/FR004-lowest-rate-in-2019.xml"

    @Test func thePY2019ExampleFailsOnlyFR004() throws {
        let run = try opapm(["check", Self.example, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let arrangement = ((object?["files"] as? [[String: Any]])?.first?["arrangements"] as? [[String: Any]])?.first
        let errors = (arrangement?["findings"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "error" }
        #expect(errors.map { $0["rule"] as? String } == ["FR004"])
        #expect(arrangement?["performanceYear"] as? Int == 2019)
    }

    @Test func theScreenshotIsCurrent() throws {
        let root = try temporaryDirectory("screenshot")
        defer { try? FileManager.default.removeItem(at: root) }
        let page = root.appendingPathComponent("report.html")
        _ = try opapm(["check", Self.example, "--format", "html", "--output", page.path])
        let hash = try run("/usr/bin/sha256sum", [page.path]).stdout.split(separator: " ").first.map(String.init) ?? ""
        let recorded = try String(contentsOf: repositoryRoot.appendingPathComponent(
            "docs/images/report-worked-example-2019.source-sha256"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(hash == recorded, "the report changed: run scripts/screenshots")
    }

    /// docs/workbench.md's screenshots were taken of the page the current script draws.
    @Test func theWorkbenchScreenshotsAreCurrent() throws {
        let hash = try run("/usr/bin/sha256sum", ["Sources/OPAPMWorkbench/Assets/workbench.js"]).stdout
            .split(separator: " ").first.map(String.init) ?? ""
        let recorded = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/images/workbench.source-sha256"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(hash == recorded, "the workbench's page changed: run scripts/screenshots")
        for name in ["workbench-review-queue", "workbench-authoring", "workbench-approved-list"] {
            let image = try Data(contentsOf: repositoryRoot.appendingPathComponent("docs/images/\(name).png"))
            #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]) && image.count > 10_000, "\(name)")
        }
    }
}

/// Issue 22 item 15: docs/commands.md lists every option and format of every command, generated from the
/// commands' own help; `OPAPM_RECORD=1 swift test --filter CommandReferenceTests` rewrites it (and fails).
@Suite struct CommandReferenceTests {
    static let commands = ["validate", "check", "lint", "publish", "qp", "law", "rules", "explain", "convert", "serve"]

    /// Every command `opapm --help` lists has its section.
    @Test func theReferenceHasEveryCommand() throws {
        let help = try opapm(["--help"], environment: ["COLUMNS": "100", "PATH": "/usr/bin:/bin"]).stdout
        let listed = help.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n")
            .compactMap { line -> String? in
                guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first else { return nil }
                return String(word)
            } ?? []
        // Subcommand names are lower case; the help's closing "See 'opapm help <subcommand>'…" line is not one.
        #expect(Set(listed.filter { $0 != "help" && $0.first?.isLowercase == true }) == Set(Self.commands), "\(listed)")
    }

    @Test func theCommandReferenceIsGeneratedFromTheCommands() throws {
        var page = """
            # Command reference

            Generated from each command's `--help` (a test fails when this page and the commands drift apart;
            `OPAPM_RECORD=1 swift test --filter CommandReferenceTests` rewrites it). The user guide explains
            what the commands do; this page lists every argument, option and format.

            """
        for command in Self.commands {
            let run = try opapm([command, "--help"], environment: ["COLUMNS": "100", "PATH": "/usr/bin:/bin"])
            #expect(run.status == 0)
            page += "\n## `opapm \(command)`\n\n```text\n" + run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + "\n```\n"
        }
        let url = repositoryRoot.appendingPathComponent("docs/commands.md")
        if ProcessInfo.processInfo.environment["OPAPM_RECORD"] == "1" {
            try page.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded docs/commands.md: run again without OPAPM_RECORD")
            return
        }
        #expect((try? String(contentsOf: url, encoding: .utf8)) == page, "docs/commands.md is stale")
    }
}

/// Issue 22 item 9: a progress line on standard error when it is a terminal (here a pseudo-terminal
/// from util-linux's `script`), cleared at the end; none in a pipe.
@Suite struct ProgressLineTests {
    @Test func aTerminalSeesProgressAPipeDoesNot() throws {
        let root = try temporaryDirectory("progress")
        defer { try? FileManager.default.removeItem(at: root) }
        let batch = root.appendingPathComponent("batch")
        #expect(try opapm(["generate", "--out", batch.path, "--count", "1000", "--seed", "4"]).status == 0)
        let command = "\(executable.path) check \(batch.path) --quiet --jobs 1"
        var environment = ProcessInfo.processInfo.environment
        environment["OPAPM_PROGRESS_AFTER"] = "0"
        let terminal = try run("/usr/bin/script", ["-qec", command, "/dev/null"], environment: environment)
        #expect(terminal.stdout.contains("\ropapm: 0 of 1000 files"), "\(terminal.stdout.debugDescription)")
        #expect(terminal.stdout.contains("\r\u{1B}[K1000 approved, 0 not approved, 0 incomplete"))
        let piped = try opapm(["check", batch.path, "--quiet", "--jobs", "1"], environment: environment)
        #expect(piped.stderr.isEmpty && piped.stdout == "1000 approved, 0 not approved, 0 incomplete\n")
    }
}
