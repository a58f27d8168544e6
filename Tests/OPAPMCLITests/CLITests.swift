import Foundation
import Testing

let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The opapm executable built next to this test binary.
let executable: URL = {
    let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var directory = testBinary.deletingLastPathComponent()
    while directory.path != "/" {
        let candidate = directory.appendingPathComponent("opapm")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return candidate
        }
        directory = directory.deletingLastPathComponent()
    }
    return repositoryRoot.appendingPathComponent(".build/debug/opapm")
}()

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs opapm from the repository root with `arguments`.
func opapm(_ arguments: [String], environment: [String: String]? = nil, standardInput: FileHandle? = nil) throws -> Run {
    try run(executable.path, arguments, environment: environment, standardInput: standardInput)
}

@Suite struct ExitCodeTests {
    @Test func validateExitCodes() throws {
        #expect(try opapm(["validate", "samples/approved"]).status == 0)
        let invalid = try opapm(["validate", "samples/invalid"])
        #expect(invalid.status == 1)
        #expect(invalid.stdout.contains("[XSD001]"))
        let hostile = try opapm(["validate", "Tests/Fixtures/hostile"])
        #expect(hostile.status == 1)
        #expect(hostile.stdout.contains("Tests/Fixtures/hostile/doctype-external-entity.xml:3: error: [XML002]"))
        #expect(hostile.stdout.contains("not-well-formed.xml:86:16: error: [XML001]"))
        #expect(!invalid.stdout.contains("root:"))
        #expect(try opapm(["validate", "no/such/file.xml"]).status == 2)
        #expect(try opapm(["validate"]).status == 2)
    }

    @Test func unreadableFileIsExitTwo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-cli-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("locked.xml")
        try "<x/>".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: file.path)
        let run = try opapm(["check", file.path])
        // root can read anything; then the file is simply invalid.
        #expect(run.status == (getuid() == 0 ? 1 : 2))
    }

    @Test func checkExitCodes() throws {
        #expect(try opapm(["check", "samples/approved"]).status == 0)
        #expect(try opapm(["check", "samples/not-approved"]).status == 1)
        #expect(try opapm(["check", "samples"]).status == 1)
        let badYear = try opapm(["check", "samples/approved", "--year", "2035"])
        #expect(badYear.status == 2)
        #expect(badYear.stderr.contains("supported: 2017–2027"))
        #expect(try opapm(["check", "samples/approved", "--format", "yaml"]).status == 2)
        #expect(try opapm(["explain", "NOPE001"]).status == 2)
    }

    @Test func checkJSONIsDeterministicAndParses() throws {
        let first = try opapm(["check", "samples", "--format", "json"])
        let second = try opapm(["check", "samples", "--format", "json"])
        #expect(first.stdout == second.stdout)
        let object = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        let samples = FileManager.default.enumerator(atPath: repositoryRoot.appendingPathComponent("samples").path)?.allObjects
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".xml") && !$0.hasSuffix(".qp.xml") } ?? []
        #expect((object?["files"] as? [Any])?.count == samples.count)
    }

    @Test func worksOutsideTheRepository() throws {
        let sample = repositoryRoot.appendingPathComponent("samples/approved/pace-payment-rate-reduction.xml").path
        let process = Process()
        process.executableURL = executable
        process.arguments = ["check", sample]
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func rulesListsEveryRule() throws {
        let run = try opapm(["rules"])
        #expect(run.status == 0)
        for id in ["CEHRT001", "QM003", "FR004", "CAP001", "MMH005", "SUB006"] {
            #expect(run.stdout.contains(id))
        }
    }
}

/// Every `$ opapm …` line in README.md and docs/ is run; a trailing `# exit N` is its expected status.
@Suite struct DocumentedCommandTests {
    struct Command: CustomStringConvertible, Sendable {
        var file: String
        var arguments: [String]
        var expected: Int32?
        var description: String { "\(file): opapm \(arguments.joined(separator: " "))" }
    }

    static func documentedCommands() -> [Command] {
        var files = ["README.md"]
        let docs = repositoryRoot.appendingPathComponent("docs")
        if let enumerator = FileManager.default.enumerator(atPath: docs.path) {
            while let relative = enumerator.nextObject() as? String {
                if relative.hasSuffix(".md") { files.append("docs/" + relative) }
            }
        }
        var commands: [Command] = []
        for file in files.sorted() {
            let text = (try? String(contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") where line.hasPrefix("$ opapm ") {
                var body = String(line.dropFirst("$ opapm ".count))
                var expected: Int32?
                if let marker = body.range(of: "# exit ") {
                    expected = Int32(body[marker.upperBound...].trimmingCharacters(in: .whitespaces))
                    body = String(body[..<marker.lowerBound])
                }
                commands.append(Command(
                    file: file, arguments: body.split(separator: " ").map(String.init), expected: expected))
            }
        }
        return commands
    }

    @Test func docsShowCommands() {
        #expect(Self.documentedCommands().count >= 30)
    }

    @Test(arguments: documentedCommands())
    func documentedCommandRuns(command: Command) throws {
        // `opapm serve` runs until stopped: started as documented (on any free port), it must serve its page.
        if command.arguments.first == "serve" {
            let server = try Served(arguments: command.arguments, directory: command.arguments.dropFirst().first ?? ".")
            let page = try server.request("GET", "/")
            #expect(page.status == 200 && page.text.contains("Review queue"), "\(command)")
            return
        }
        // `< FILE` feeds FILE to standard input, as the shell would.
        var arguments = command.arguments
        var input: FileHandle?
        if let redirect = arguments.firstIndex(of: "<"), redirect + 1 < arguments.count {
            input = FileHandle(forReadingAtPath: repositoryRoot.appendingPathComponent(arguments[redirect + 1]).path)
            #expect(input != nil, "\(command): no such input")
            arguments.removeSubrange(redirect...(redirect + 1))
        }
        let run = try opapm(arguments, standardInput: input)
        if let expected = command.expected {
            #expect(run.status == expected, "\(command): \(run.stderr)")
        } else {
            #expect(run.status == 0 || run.status == 1, "\(command): \(run.stderr)")
        }
        if let flag = command.arguments.firstIndex(of: "--output"), flag + 1 < command.arguments.count {
            // A report directory (a path ending in /) is written with its index.
            let target = command.arguments[flag + 1]
            let written = try? Data(contentsOf: URL(fileURLWithPath: target.hasSuffix("/") ? target + "index.html" : target))
            #expect((written?.count ?? 0) > 0, "\(command) wrote nothing")
        } else {
            #expect(!run.stdout.isEmpty)
        }
        // A rule page's example shows that rule's finding.
        if command.file.hasPrefix("docs/rules/"), let id = command.file.split(separator: "/").last?.split(separator: ".").first {
            #expect(run.stdout.contains("[\(id)]"), "\(command)")
        }
    }

    @Test func readmeShowsTheTwoCommands() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("swift run opapm check samples"))
        #expect(readme.contains("swift test"))
        // `swift run opapm check samples` is `opapm check samples`: it decides every sample, exit 1.
        let run = try opapm(["check", "samples"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("approved"))
    }
}

/// A small run of scripts/bench proves it works; timings are for notes, never asserted.
@Suite struct BenchSmokeTests {
    /// Runs a script from scripts/ on this build of opapm (`OPAPM_BIN`); its exit status and standard output.
    func script(_ name: String, _ arguments: [String]) throws -> (status: Int32, stdout: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["OPAPM_BIN"] = executable.path
        let process = Process()
        process.executableURL = repositoryRoot.appendingPathComponent("scripts/\(name)")
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func benchRunsEveryScenario() throws {
        let (status, text) = try script("bench", ["smoke"])
        #expect(status == 0)
        for scenario in [
            "roster-validate", "roster-check", "batch-check", "batch-check-1-thread", "batch-publish", "one-file-check", "start-up",
            "growth-", "check seconds per MB", "release binary at most 25 MB",
        ] {
            #expect(text.contains(scenario), "\(scenario) missing from:\n\(text)")
        }
    }

    /// True in a build with AddressSanitizer or ThreadSanitizer (scripts/sanitize): valgrind cannot
    /// run such a binary.
    static let sanitized: Bool = {
        let program = dlopen(nil, RTLD_NOW)
        return dlsym(program, "__asan_init") != nil || dlsym(program, "__tsan_init") != nil
    }()

    /// scripts/profile on this build (debug, so its figures mean nothing; docs/performance.md quotes release).
    @Test(.disabled(if: sanitized, "valgrind cannot run a sanitizer build"))
    func profileRunsAndNamesEveryStage() throws {
        let (status, text) = try script("profile", ["3", "200"])
        #expect(status == 0, "needs valgrind (bash .ci/run installs it):\n\(text)")
        for stage in ["check 3 files:", "check 200-clinician roster:", "libxml2: parse and schema",
            "SAX events and element tree", "model (SubmissionReader)", "rules and figures", "report (text)",
            "once per run"]
        {
            #expect(text.contains(stage), "\(stage) missing from:\n\(text)")
        }
    }

    @Test func generatorIsDeterministicAndValid() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let a = root.appendingPathComponent("a").path
        let b = root.appendingPathComponent("b").path
        // 40: from PY2023 an APM Entity of 50 or more clinicians takes the general standards, not the
        // medical-home ones, and a generated medical home would then state no expenditure risk.
        #expect(try opapm(["generate", "--out", a, "--count", "9", "--roster", "40", "--seed", "7"]).status == 0)
        #expect(try opapm(["generate", "--out", b, "--count", "9", "--roster", "40", "--seed", "7"]).status == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: a) {
            let left = try Data(contentsOf: URL(fileURLWithPath: a).appendingPathComponent(name))
            let right = try Data(contentsOf: URL(fileURLWithPath: b).appendingPathComponent(name))
            #expect(left == right, "\(name)")
        }
        // A second run into the same directory writes nothing over what is there.
        let again = try opapm(["generate", "--out", a, "--count", "9"])
        #expect(again.status == 2 && again.stderr.contains("generate writes only new files"))
        let check = try opapm(["check", a])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("9 approved"))
    }
}
