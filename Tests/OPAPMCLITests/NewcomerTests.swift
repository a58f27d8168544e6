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
