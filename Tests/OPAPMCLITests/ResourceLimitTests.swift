import Foundation
import Testing

/// Peak resident memory of one run of opapm, in KiB, as GNU time measures it (installed by .ci/run).
func peakMemory(_ arguments: [String]) throws -> (run: Run, kilobytes: Int) {
    let report = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-time-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: report) }
    let run = try run("/usr/bin/time", ["-f", "%M", "-o", report.path, executable.path] + arguments)
    let text = try String(contentsOf: report, encoding: .utf8)
    let figure = text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? Int.max
    return (run, figure)
}

/// Writes `head`, `count` copies of `unit`, then `tail`, in large pieces.
func writeRepeated(_ url: URL, head: String, unit: String, count: Int, tail: String) throws {
    FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    handle.write(Data(head.utf8))
    let block = Data(String(repeating: unit, count: 100_000).utf8)
    var written = 0
    while written + 100_000 <= count {
        handle.write(block)
        written += 100_000
    }
    handle.write(Data(String(repeating: unit, count: count - written).utf8))
    handle.write(Data(tail.utf8))
}

let submissionOpen = #"<?xml version="1.0"?><submission xmlns="urn:opapm:submission:1" version="1.0">"#

/// Issue 18, "Crashes and unbounded resources".
@Suite(.serialized) struct ResourceLimitTests {
    /// libxml2 read freed memory when the roster limit stopped a parse with 64 KiB or more of the chunk left.
    @Test func theRosterLimitStopsAParseWithMuchLeftWithoutACrash() throws {
        let root = try temporaryDirectory("roster-stop")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try opapm(["generate", "--out", root.path, "--roster", "20000"]).status == 0)
        for command in ["check", "lint", "validate"] {
            let run = try opapm([command, root.path, "--max-roster", "5"])
            #expect(run.status == (command == "validate" ? 0 : 1), "\(command): \(run.stderr)")
            if command != "validate" { #expect(run.stdout.contains("XML007"), "\(command)") }
        }
        // publish stops on a file it cannot read whole: exit 2, the limit named, no crash.
        let list = try temporaryDirectory("roster-stop-list")
        defer { try? FileManager.default.removeItem(at: list) }
        let publish = try opapm(["publish", root.path, "--year", "2024", "--out", list.appendingPathComponent("list").path, "--max-roster", "5"])
        #expect(publish.status == 2, "\(publish.stderr)")
        #expect(publish.stderr.contains("[XML007]"))
    }

    @Test func elementLimitAtAndOver() throws {
        let root = try temporaryDirectory("elements")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("many.xml")
        try writeRepeated(file, head: submissionOpen, unit: "<a/>", count: 99, tail: "</submission>")
        // 100 elements with the root: at the limit the file is read (and found invalid), one over it stops.
        let at = try opapm(["check", file.path, "--max-elements", "100"])
        #expect(at.status == 1)
        #expect(!at.stdout.contains("XML008"))
        let over = try opapm(["check", file.path, "--max-elements", "99"])
        #expect(over.status == 1)
        #expect(over.stdout.contains("[XML008] more than 99 elements"))
    }

    @Test func textLimitAtAndOver() throws {
        let root = try temporaryDirectory("text")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("long.xml")
        try writeRepeated(file, head: submissionOpen + "<id>", unit: "x", count: 5000, tail: "</id></submission>")
        let at = try opapm(["check", file.path, "--max-text-size", "5000"])
        #expect(!at.stdout.contains("XML009"))
        let over = try opapm(["check", file.path, "--max-text-size", "4999"])
        #expect(over.status == 1)
        #expect(over.stdout.contains("[XML009] text of one element is longer than 4999 bytes"))
        let validate = try opapm(["validate", file.path, "--max-text-size", "4999"])
        #expect(validate.stdout.contains("[XML009]"))
    }

    @Test func standardInputIsReadWithDashAndBoundedInSize() throws {
        let sample = repositoryRoot.appendingPathComponent("samples/approved/pace-payment-rate-reduction.xml")
        let size = try FileManager.default.attributesOfItem(atPath: sample.path)[.size] as? Int ?? 0
        let at = try run("/bin/sh", ["-c", "\(executable.path) check - --year 2024 --max-stream-size \(size) < \(sample.path)"])
        #expect(at.status == 0, "\(at.stderr)")
        #expect(at.stdout.contains("<stdin>: arrangement BAYPACE-RR-2024"))
        let over = try run("/bin/sh", ["-c", "\(executable.path) check - --max-stream-size \(size - 1) < \(sample.path)"])
        #expect(over.status == 1)
        #expect(over.stdout.contains("[XML004] standard input passed the limit of \(size - 1) bytes"))
        // An endless stream ends at the default limit instead of never.
        let endless = try run("/bin/sh", ["-c", "(echo '\(submissionOpen)'; yes '<a/>') | \(executable.path) validate - --max-stream-size 500000"])
        #expect(endless.status == 1)
        #expect(endless.stdout.contains("XML004"))
        let twice = try opapm(["check", "-", "-"])
        #expect(twice.status == 2)
    }

    @Test func aFIFONamedOnTheCommandLineIsRefusedAtOnce() throws {
        let root = try temporaryDirectory("fifo")
        defer { try? FileManager.default.removeItem(at: root) }
        let fifo = root.appendingPathComponent("pipe.xml")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        for command in ["check", "validate", "lint"] {
            let run = try opapm([command, fifo.path])
            #expect(run.status == 2)
            #expect(run.stderr.contains("is not a regular file"), "\(command): \(run.stderr)")
            #expect(!run.stderr.contains("permission"))
        }
        // Found in a directory, it is named as not read, and the run fails: it never blocks.
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("samples/approved/pace-payment-rate-reduction.xml"),
            to: root.appendingPathComponent("good.xml"))
        let scanned = try opapm(["check", root.path])
        #expect(scanned.status == 2)
        #expect(scanned.stdout.contains("pipe.xml: error: [IO001] cannot read: is not a regular file"))
    }

    /// Under the default limits no input takes more than 256 MiB. (A sanitizer build's shadow memory and
    /// quarantine make its figures meaningless.)
    @Test(.disabled(if: BenchSmokeTests.sanitized, "a sanitizer build's memory is not opapm's"))
    func memoryStaysBoundedForHostileShapes() throws {
        let root = try temporaryDirectory("memory")
        defer { try? FileManager.default.removeItem(at: root) }
        let empties = root.appendingPathComponent("empty-elements.xml")
        try writeRepeated(empties, head: submissionOpen, unit: "<a/>", count: 12_500_000, tail: "</submission>")
        let text = root.appendingPathComponent("text-node.xml")
        try writeRepeated(text, head: submissionOpen + "<id>", unit: String(repeating: "x", count: 100), count: 2_000_000, tail: "</id></submission>")
        for (file, id) in [(empties, "XML008"), (text, "XML009")] {
            for command in ["check", "validate"] {
                let (run, kilobytes) = try peakMemory([command, file.path])
                #expect(run.status == 1, "\(command) \(file.lastPathComponent)")
                #expect(run.stdout.contains(id), "\(command) \(file.lastPathComponent)")
                #expect(kilobytes < 256 * 1024, "\(command) \(file.lastPathComponent): \(kilobytes) KiB")
            }
        }
    }

    @Test func aHugeConfigurationFileIsRefusedUnread() throws {
        let root = try temporaryDirectory("big-config")
        defer { try? FileManager.default.removeItem(at: root) }
        let config = root.appendingPathComponent("big.yml")
        try writeRepeated(config, head: "ignore:\n", unit: "  - \"x\"\n", count: 300_000, tail: "")
        let (run, kilobytes) = try peakMemory(["lint", "samples/approved", "--config", config.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("over the limit of 1048576 bytes"), "\(run.stderr)")
        if !BenchSmokeTests.sanitized { #expect(kilobytes < 256 * 1024) }
    }

    /// The HTML report of a large batch is written as it is made: memory stays within the bound.
    @Test func theHTMLReportOfALargeBatchStaysWithinTheMemoryBound() throws {
        let root = try temporaryDirectory("html-batch")
        defer { try? FileManager.default.removeItem(at: root) }
        let batch = root.appendingPathComponent("batch")
        #expect(try opapm(["generate", "--out", batch.path, "--count", "3000"]).status == 0)
        let report = root.appendingPathComponent("report.html")
        let (run, kilobytes) = try peakMemory(["check", batch.path, "--format", "html", "--output", report.path])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOf: report, encoding: .utf8)
        #expect(page.hasSuffix("</html>\n"))
        #expect(page.components(separatedBy: "<section class=\"file\" id=").count - 1 == 3000)
        // 3,000 files: the page is about 33 MB; held whole with the submissions it took several times that.
        if !BenchSmokeTests.sanitized { #expect(kilobytes < 128 * 1024, "\(kilobytes) KiB") }
    }
}
