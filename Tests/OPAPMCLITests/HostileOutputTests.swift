import Foundation
import Testing

/// A directory of submissions whose names and file names carry what an attacker would put there:
/// spreadsheet formulas, raw HTML and script links, a terminal escape (in a file name: XML cannot hold
/// one), a bidirectional override, a
/// zero-width space, pipes and backticks, and one unbroken 300-character name.
struct HostileBatch {
    let root: URL
    let inputs: URL
    static let formula = "=HYPERLINK(\"http://evil.example/\",\"Click\")"
    static let html = "<svg onload=alert(1)> [click](javascript:alert(2)) ![i](x)"
    static let bidi = "Invoice\u{202E}gpj.exe\u{200B}"
    static let long = String(repeating: "W", count: 300)

    init(_ label: String) throws {
        root = try temporaryDirectory(label)
        inputs = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let names: [(file: String, payer: String, arrangement: String)] = [
            ("formula.xml", Self.formula, "+cmd|' /C calc'!A0"),
            ("markup.xml", Self.html, "@SUM(1+1)*cmd|' /C calc'!A0"),
            // XML cannot hold a control character, so it comes in through a file name.
            ("escape \u{1B}[2J|`tick`.xml", "Escape Health Plan", "-2+3+cmd|' /C calc'!A0"),
            ("bidi\u{202E}lmx.xml", Self.bidi, Self.long),
        ]
        for (index, entry) in names.enumerated() {
            var text = try sampleNamed(payer: entry.payer, arrangement: entry.arrangement)
            text = text.replacingOccurrences(of: "BAYPACE-RR-2024", with: "HOSTILE-\(index)")
            try text.write(to: inputs.appendingPathComponent(entry.file), atomically: true, encoding: .utf8)
        }
        // One file that is not well-formed, so that findings name a hostile file name too.
        try "<submission>\u{1B}]0;owned\u{07}".write(
            to: inputs.appendingPathComponent("broken \u{1B}[31m<b>|x|<i>`\u{202E}.xml"), atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// Bytes that act on a terminal or disguise text.
func hasActiveCharacters(_ text: String) -> Bool {
    text.unicodeScalars.contains {
        ($0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t") || $0.value == 0x7F || (0x80...0x9F).contains($0.value)
            || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) || $0.value == 0x200B
    }
}

/// Issue 18, "Output that attacks its reader" and "Conformance of CI formats".
@Suite(.serialized) struct HostileOutputTests {
    @Test func theListNeutralisesFormulasMarkupControlsAndBidi() throws {
        let batch = try HostileBatch("hostile-list")
        defer { batch.remove() }
        let out = batch.root.appendingPathComponent("list")
        let publish = try opapm(["publish", batch.inputs.path, "--year", "2024", "--out", out.path, "--skip-invalid", "--with-source"])
        #expect(publish.status == 0, "\(publish.stderr)")
        #expect(!hasActiveCharacters(publish.stderr) && !hasActiveCharacters(publish.stdout))
        let read = { (format: String) in try String(contentsOf: out.appendingPathComponent("approved-arrangements-2024.\(format)"), encoding: .utf8) }

        // CSV (OWASP): a cell that starts like a formula starts with a quote, inside a quoted field.
        let csv = try read("csv")
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Click\"\")\""))
        #expect(csv.contains("\"'+cmd|' /C calc'!A0\""))
        #expect(csv.contains("\"'@SUM(1+1)*cmd|' /C calc'!A0\""))
        #expect(csv.contains("\"'-2+3+cmd|' /C calc'!A0\""))
        for line in csv.components(separatedBy: "\r\n").dropFirst() {
            for field in line.split(separator: ",") where field.first.map({ "=+-@".contains($0) }) == true {
                Issue.record("unneutralised CSV field \(field)")
            }
        }

        // Markdown: no raw HTML, no link or image syntax, a code span that holds the backticks.
        let markdown = try read("md")
        #expect(!markdown.contains("<svg"))
        #expect(markdown.contains("&lt;svg onload=alert\\(1\\)&gt; \\[click\\]\\(javascript:alert\\(2\\)\\) \\!\\[i\\]\\(x\\)"))
        #expect(!markdown.contains("](javascript:"))
        // The skipped file's name holds a backtick: its code span is fenced with two.
        let skipped = markdown.split(separator: "\n").first { $0.contains("broken <U+001B>") } ?? ""
        #expect(skipped.hasPrefix("- ``") && skipped.contains("<b>|x|<i>`<U+202E>.xml``: "), "\(skipped)")

        // Every format: controls and bidirectional overrides are shown as codes, never as themselves.
        // Each format then escapes the code's own `<` and `>` as it escapes any text.
        let shown: [(format: String, escape: String, bidi: String)] = [
            ("csv", "escape <U+001B>[2J", "Invoice<U+202E>gpj.exe<U+200B>"),
            ("md", "escape &lt;U+001B&gt;\\[2J", "Invoice&lt;U+202E&gt;gpj.exe&lt;U+200B&gt;"),
            ("html", "escape &lt;U+001B&gt;[2J", "Invoice&lt;U+202E&gt;gpj.exe&lt;U+200B&gt;"),
            ("xml", "escape &lt;U+001B&gt;[2J", "Invoice&lt;U+202E&gt;gpj.exe&lt;U+200B&gt;"),
        ]
        for (format, escape, bidi) in shown {
            let text = try read(format)
            #expect(!hasActiveCharacters(text), "\(format)")
            #expect(text.contains(escape), "\(format)")
            #expect(text.contains(bidi), "\(format)")
        }
        // The JSON list keeps the exact values, escaped by JSON itself.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("approved-arrangements-2024.json"))) as? [String: Any]
        let payers = ((json?["arrangements"] as? [[String: Any]]) ?? []).compactMap { $0["payerName"] as? String }
        #expect(payers.contains(HostileBatch.bidi))
        let sources = ((json?["arrangements"] as? [[String: Any]]) ?? []).compactMap { $0["sourceFile"] as? String }
        #expect(sources.contains { $0.hasSuffix("escape \u{1B}[2J|`tick`.xml") })
        // The XML list is well-formed and valid.
        let xmllint = try run("/usr/bin/xmllint", ["--noout", "--schema", "schemas/approved-list.xsd", out.appendingPathComponent("approved-arrangements-2024.xml").path])
        #expect(xmllint.status == 0, "\(xmllint.stderr)")
    }

    @Test func everyLintFormatIsSafeAndTheXMLOnesWellFormed() throws {
        let batch = try HostileBatch("hostile-lint")
        defer { batch.remove() }
        for format in ["text", "github", "junit", "checkstyle", "sarif", "json"] {
            let run = try opapm(["lint", batch.inputs.path, "--format", format, "--year", "2024"])
            #expect(run.status == 1, "\(format)")  // the broken file is a finding (XML001), not an error of the run
            if format != "json" && format != "sarif" {
                #expect(!hasActiveCharacters(run.stdout), "\(format) writes active characters")
            }
            if format == "junit" || format == "checkstyle" {
                let file = batch.root.appendingPathComponent("out.\(format).xml")
                try run.stdout.write(to: file, atomically: true, encoding: .utf8)
                let wellFormed = try opapm_xmllint(["--noout", file.path])
                #expect(wellFormed.status == 0, "\(format): \(wellFormed.stderr)")
            }
        }
        let check = try opapm(["check", batch.inputs.path, "--year", "2024"])
        #expect(!hasActiveCharacters(check.stdout) && !hasActiveCharacters(check.stderr))
        let validate = try opapm(["validate", batch.inputs.path])
        #expect(!hasActiveCharacters(validate.stdout))
        #expect(validate.stdout.contains("broken <U+001B>[31m<b>|x|<i>`<U+202E>.xml"))
    }

    @Test func theGitHubStepSummaryEscapesPipesLinesAndHTML() throws {
        let batch = try HostileBatch("hostile-summary")
        defer { batch.remove() }
        let summary = batch.root.appendingPathComponent("summary.md")
        _ = try opapm(
            ["lint", batch.inputs.path, "--format", "github", "--year", "2024"],
            environment: ["GITHUB_STEP_SUMMARY": summary.path, "PATH": "/usr/bin:/bin"])
        let text = try String(contentsOf: summary, encoding: .utf8)
        #expect(!hasActiveCharacters(text))
        #expect(!text.contains("<b>"))
        #expect(text.contains("&lt;b&gt;\\|x\\|&lt;i&gt;"))
        // Every table row has exactly the table's six pipes outside escapes.
        for row in text.split(separator: "\n") where row.hasPrefix("| ") {
            let unescaped = row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect(unescaped == 6, "\(row)")
        }
    }

    @Test func sarifIsValidAgainstTheOASISSchema() throws {
        let batch = try HostileBatch("hostile-sarif")
        defer { batch.remove() }
        let odd = batch.inputs.appendingPathComponent("a b%#é\nline.xml")
        try "<submission/>".write(to: odd, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Tests/Fixtures/bad-input/duplicate-arrangement"),
            to: batch.inputs.appendingPathComponent("duplicate-arrangement"))
        let sarif = batch.root.appendingPathComponent("opapm.sarif")
        let run = try opapm(["lint", batch.inputs.path, "samples/findings", "--format", "sarif", "--output", sarif.path])
        #expect(run.status == 1, "\(run.stderr)")
        let validation = try runPython(["Tests/Tools/validate-sarif.py", sarif.path])
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        let text = try String(contentsOf: sarif, encoding: .utf8)
        #expect(text.contains("a%20b%25%23%C3%A9%0Aline.xml"))
        #expect(text.contains("\"ruleId\" : \"INP006\""))
    }

    @Test func junitMeetsTheJenkinsSchemasRequiredAttributes() throws {
        let batch = try HostileBatch("hostile-junit")
        defer { batch.remove() }
        for paths in [[batch.inputs.path], ["samples/approved"], ["samples"]] {
            let junit = batch.root.appendingPathComponent("junit.xml")
            _ = try opapm(["lint"] + paths + ["--format", "junit", "--output", junit.path])
            let validation = try opapm_xmllint(["--noout", "--schema", "Tests/Fixtures/schemas/junit.xsd", junit.path])
            #expect(validation.status == 0, "\(paths): \(validation.stderr)")
        }
    }

    /// Long unbroken names wrap on a desktop and on a phone: the page never scrolls sideways.
    @Test func longNamesWrapInTheHTMLPagesInChromium() throws {
        let batch = try HostileBatch("hostile-wrap")
        defer { batch.remove() }
        let out = batch.root.appendingPathComponent("list")
        #expect(try opapm(["publish", batch.inputs.path, "--year", "2024", "--out", out.path, "--skip-invalid", "--format", "html"]).status == 0)
        let report = batch.root.appendingPathComponent("report.html")
        _ = try opapm(["check", batch.inputs.path, "--year", "2024", "--format", "html", "--output", report.path])
        let pages = [out.appendingPathComponent("approved-arrangements-2024.html").path, report.path]
        let check = try runPython(["Tests/Tools/check-wrap.py"] + pages)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("4 page views fit"))
    }
}

func opapm_xmllint(_ arguments: [String]) throws -> Run {
    try run("/usr/bin/xmllint", arguments)
}

func runPython(_ arguments: [String]) throws -> Run {
    try run("/usr/bin/env", ["python3"] + arguments)
}
