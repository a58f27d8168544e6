import Foundation
import Testing

/// Issue 18, "Silent omissions and wrong answers": every file opapm was pointed at is read or named as
/// not read, with a non-zero exit; messages say what is wrong in words a person can act on.
@Suite(.serialized) struct OmissionTests {
    func batch(_ label: String) throws -> URL {
        let root = try temporaryDirectory(label)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("samples/approved/pace-payment-rate-reduction.xml"),
            to: root.appendingPathComponent("good.xml"))
        return root
    }

    @Test func aDanglingSymbolicLinkIsNamedNotSkipped() throws {
        let root = try batch("dangling")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("gone.xml").path, withDestinationPath: "nowhere.xml")
        for command in ["check", "validate", "lint"] {
            let run = try opapm([command, root.path])
            #expect(run.status == 2, "\(command)")
            #expect(run.stdout.contains("gone.xml") && run.stdout.contains("broken symbolic link"), "\(command): \(run.stdout)")
        }
        let lists = try temporaryDirectory("dangling-lists")
        defer { try? FileManager.default.removeItem(at: lists) }
        let out = lists.appendingPathComponent("list")
        let refused = try opapm(["publish", root.path, "--year", "2024", "--out", out.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("gone.xml: cannot be read or parsed"))
        let skipped = try opapm(["publish", root.path, "--year", "2024", "--out", out.path + "-x", "--skip-invalid", "--format", "json"])
        defer { try? FileManager.default.removeItem(atPath: out.path + "-x") }
        #expect(skipped.status == 0)
        let list = try String(contentsOfFile: out.path + "-x/approved-arrangements-2024.json", encoding: .utf8)
        #expect(list.contains("gone.xml"))
    }

    @Test func aFileNameThatIsNotUTF8IsNamedWithItsBytes() throws {
        let root = try batch("not-utf8")
        defer { try? FileManager.default.removeItem(at: root) }
        // "caf\xE9.xml": Latin-1, not UTF-8.
        var path = Array(root.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".xml".utf8) + [0]
        let descriptor = path.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        let run = try opapm(["check", root.path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("caf\\xE9.xml: error: [IO001] cannot read: the name is not valid UTF-8"), "\(run.stdout)")
    }

    @Test func aPathLongerThanTheSystemAllowsIsNamed() throws {
        let root = try batch("long-path")
        defer { _ = try? run("/bin/rm", ["-rf", root.path]) }
        // Nested until the path passes PATH_MAX (4096), made a step at a time relative to an open directory
        // (no chdir: the tests share the process).
        let segment = String(repeating: "d", count: 200)
        var directory = open(root.path, O_RDONLY | O_DIRECTORY)
        var length = root.path.utf8.count
        while length < 4300 {
            mkdirat(directory, segment, 0o755)
            let next = openat(directory, segment, O_RDONLY | O_DIRECTORY)
            close(directory)
            directory = next
            length += segment.count + 1
        }
        close(openat(directory, "deep.xml", O_WRONLY | O_CREAT, 0o644))
        close(directory)
        let run = try opapm(["check", root.path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("longer than the system allows"), "\(run.stdout.suffix(400))")
    }

    @Test func anUnreadableDirectoryIsNamed() throws {
        let root = try batch("unreadable")
        defer {
            chmod(root.appendingPathComponent("locked").path, 0o755)
            try? FileManager.default.removeItem(at: root)
        }
        let locked = root.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: locked.appendingPathComponent("hidden.xml").path, contents: Data("<x/>".utf8))
        chmod(locked.path, 0)
        chmod(root.path, 0o755)
        // Root reads any directory: run as nobody (setpriv, util-linux) when the suite runs as root.
        let arguments = ["check", root.path]
        let result: Run
        if getuid() == 0 {
            // The directories above must be passable for nobody.
            result = try run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", executable.path] + arguments)
        } else {
            result = try opapm(arguments)
        }
        #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("locked: error: [IO001] cannot read: cannot open directory: Permission denied"), "\(result.stdout)")
    }

    @Test func everyFileIgnoredIsAnErrorNotACleanRun() throws {
        let root = try batch("ignored")
        defer { try? FileManager.default.removeItem(at: root) }
        try "ignore: [\"*\"]\n".write(to: root.appendingPathComponent("all.yml"), atomically: true, encoding: .utf8)
        let run = try opapm(["lint", root.path, "--config", root.appendingPathComponent("all.yml").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("every file given is ignored"))
    }

    /// A configuration above the repository root is not someone else's to apply.
    @Test func aConfigurationAboveTheRepositoryRootIsNotUsed() throws {
        let outside = try temporaryDirectory("above-root")
        defer { try? FileManager.default.removeItem(at: outside) }
        try "ignore: [\"*\"]\n".write(to: outside.appendingPathComponent(".opapm.yml"), atomically: true, encoding: .utf8)
        let repository = outside.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let sample = repositoryRoot.appendingPathComponent("samples/not-approved/FR002-total-risk-below-3-percent.xml").path
        let run = try opapm(["lint", sample], in: repository)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("FR002"))
    }

    @Test func messagesSayWhatIsWrongInPlainWords() throws {
        let root = try temporaryDirectory("messages")
        defer { try? FileManager.default.removeItem(at: root) }
        let sample = try String(
            contentsOf: repositoryRoot.appendingPathComponent("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml"),
            encoding: .utf8)
        // A rate a hair over 100% shows as written, not rounded to "100%".
        let rate = root.appendingPathComponent("rate.xml")
        try sample.replacingOccurrences(of: "ratePercent=\"40\"", with: "ratePercent=\"100.000001\"")
            .write(to: rate, atomically: true, encoding: .utf8)
        let rated = try opapm(["check", rate.path, "--year", "2024"])
        #expect(rated.stdout.contains("is 100.000001%, outside 0% to 100%"), "\(rated.stdout)")
        // Zero, negative zero and negative expected expenditures are stated, and wrong: not "not stated".
        for value in ["0", "-0.00", "-5"] {
            let file = root.appendingPathComponent("expected\(value).xml")
            try sample.replacingOccurrences(
                of: #"<expectedExpenditures basis="benchmark">[0-9.]+</expectedExpenditures>"#,
                with: "<expectedExpenditures basis=\"benchmark\">\(value)</expectedExpenditures>",
                options: .regularExpression
            ).write(to: file, atomically: true, encoding: .utf8)
            let run = try opapm(["check", file.path, "--year", "2024"])
            #expect(!run.stdout.contains("not stated"), "\(value)")
            #expect(run.stdout.contains("not a positive amount"), "\(value): \(run.stdout)")
        }
        // JSON that is valid but has a number out of range is not "not valid JSON"; a missing field is named.
        let huge = root.appendingPathComponent("huge.json")
        try #"{"performanceYear": 99999999999999999999, "arrangements": []}"#.write(to: huge, atomically: true, encoding: .utf8)
        let missing = root.appendingPathComponent("missing.json")
        try #"{"arrangements": []}"#.write(to: missing, atomically: true, encoding: .utf8)
        let broken = root.appendingPathComponent("broken.json")
        try "{\n  \"performanceYear\": 2024,\n  oops\n}".write(to: broken, atomically: true, encoding: .utf8)
        let cases: [(URL, String)] = [
            (huge, "a number in it is out of range"), (missing, "field performanceYear is missing"),
            (broken, "syntax error at line 3"), (root.appendingPathComponent("absent.json"), "No such file or directory"),
        ]
        for (file, says) in cases {
            let run = try opapm(["check", "samples/approved", "--approved", file.path])
            #expect(run.status == 2)
            #expect(run.stderr.contains(says), "\(file.lastPathComponent): \(run.stderr)")
            for leak in ["DecodingError", "CodingKeys", "NSCocoaErrorDomain", "The operation could not be completed", "Debug description"] {
                #expect(!run.stderr.contains(leak), "\(file.lastPathComponent): \(run.stderr)")
            }
        }
        // CR-only line ends: each line is its own.
        let classic = root.appendingPathComponent("classic-mac.xml")
        try "<?xml version=\"1.0\"?>\r<submission xmlns=\"urn:opapm:submission:1\" version=\"1.0\">\r<id>x</id>\r<bogus/>\r</submission>\r"
            .write(to: classic, atomically: true, encoding: .utf8)
        let lines = try opapm(["validate", classic.path])
        #expect(lines.stdout.contains("classic-mac.xml:4: error: [XSD001]"), "\(lines.stdout)")
        // No column 0 where the column is unknown.
        let empty = try opapm(["check", "Tests/Fixtures/hostile/empty.xml"])
        #expect(empty.stdout.contains("Tests/Fixtures/hostile/empty.xml: error: [XML005] file is empty"), "\(empty.stdout)")
        #expect(!empty.stdout.contains(":0:"))
    }
}
