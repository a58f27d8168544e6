import Foundation
import Testing

@Suite(.serialized) struct FaultToleranceTests {
    @Test func oneThreadAndAllCoresGiveTheSameOutput() throws {
        let single = try opapm(["check", "samples", "--format", "json", "--jobs", "1"])
        let all = try opapm(["check", "samples", "--format", "json"])
        #expect(single.status == all.status)
        #expect(single.stdout == all.stdout)
        let root = try temporaryDirectory("jobs")
        defer { try? FileManager.default.removeItem(at: root) }
        let one = root.appendingPathComponent("one")
        let many = root.appendingPathComponent("many")
        #expect(try opapm(["publish", "samples", "--year", "2024", "--out", one.path, "--jobs", "1"]).status == 0)
        #expect(try opapm(["publish", "samples", "--year", "2024", "--out", many.path, "--jobs", "4"]).status == 0)
        #expect(try contents(one) == contents(many))
        #expect(try opapm(["check", "samples", "--jobs", "0"]).status == 2)
    }

    @Test func unwritableDirectoryLeavesThePreviousListAndSaysWhy() throws {
        guard getuid() != 0 else {
            // root writes anywhere; a read-only bind is not available in every sandbox, so use /proc instead.
            let failed = try opapm(["publish", "samples/approved", "--year", "2024", "--out", "/proc/opapm-list"])
            #expect(failed.status == 2)
            #expect(failed.stderr.contains("cannot write /proc/opapm-list"))
            return
        }
        let root = try temporaryDirectory("readonly")
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
            try? FileManager.default.removeItem(at: root)
        }
        let out = root.appendingPathComponent("list")
        #expect(try opapm(["publish", "samples/approved", "--year", "2024", "--out", out.path]).status == 0)
        let before = try contents(out)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: root.path)
        let failed = try opapm(["publish", "samples", "--year", "2024", "--out", out.path])
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("cannot write"))
        #expect(try contents(out) == before)
    }

    @Test func fullDeviceIsReportedNotIgnored() throws {
        let failed = try opapm(["check", "samples/approved", "--format", "json", "--output", "/dev/full/report.json"])
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("cannot write"))
        // Writing a report to a full device: the write fails and the command says so.
        let full = try opapm(["lint", "samples/approved", "--format", "sarif", "--output", "/dev/full"])
        #expect(full.status == 2)
        #expect(full.stderr.contains("cannot write /dev/full"))
    }

    @Test func killedPublishLeavesThePreviousListIntact() throws {
        let root = try temporaryDirectory("kill")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("list")
        #expect(try opapm(["publish", "samples/approved", "--year", "2024", "--out", out.path]).status == 0)
        let before = try contents(out)
        // A batch large enough that the run is still going when it is killed.
        let batch = root.appendingPathComponent("batch")
        #expect(try opapm(["generate", "--out", batch.path, "--count", "3000"]).status == 0)
        for delay in [0.05, 0.2, 0.5] {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["publish", batch.path, "--year", "2024", "--out", out.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = try contents(out)
            // Either the old list or, if the run had finished, a complete new one: never a mixture.
            let generated = after.keys.sorted() == before.keys.sorted() && after != before
            #expect(after == before || generated, "delay \(delay)")
            if generated {
                let json = after["approved-arrangements-2024.json"].map { String(decoding: $0, as: UTF8.self) } ?? ""
                #expect(json.hasSuffix("}\n"))
            }
        }
    }
}
