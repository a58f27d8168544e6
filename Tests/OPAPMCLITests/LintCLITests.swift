import Foundation
import Testing
import Yams

@Suite struct LintExitCodeTests {
    @Test func clean() throws {
        #expect(try opapm(["lint", "samples/approved"]).status == 0)
    }

    @Test func warningOnlyPassesUnlessStrict() throws {
        let sample = "samples/findings/FR005-episode-priced-on-benchmark.xml"
        let plain = try opapm(["lint", sample])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("warning: [FR005]"))
        #expect(try opapm(["lint", sample, "--strict"]).status == 1)
        #expect(try opapm(["lint", sample, "--strict", "--exit-zero"]).status == 0)
    }

    @Test func failing() throws {
        let run = try opapm(["lint", "samples/not-approved/FR004-average-marginal-risk-below-30-percent.xml"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("error: [FR004]"))
        #expect(try opapm(["lint", "Tests/Fixtures/hostile/not-well-formed.xml"]).status == 1)
    }

    @Test func unreadableAndUsage() throws {
        #expect(try opapm(["lint", "no/such/dir"]).status == 2)
        #expect(try opapm(["lint"]).status == 2)
        #expect(try opapm(["lint", "samples", "--format", "sarif", "--format", "junit"]).status == 2)
        #expect(try opapm(["lint", "samples", "--format", "yaml"]).status == 2)
    }

    @Test func severalFormatsInOneRunAreWrittenAtomically() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sarif = directory.appendingPathComponent("out.sarif").path
        let junit = directory.appendingPathComponent("out.xml").path
        let run = try opapm([
            "lint", "samples/not-approved", "--format", "sarif", "--output", sarif, "--format", "junit", "--output", junit,
            "--format", "text",
        ])
        #expect(run.status == 1)
        #expect(run.stdout.contains("[CAP001]"))
        let sarifText = try String(contentsOfFile: sarif, encoding: .utf8)
        #expect(sarifText.contains("\"version\" : \"2.1.0\""))
        #expect(try String(contentsOfFile: junit, encoding: .utf8).contains("<testsuites"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func githubSummaryGoesToTheStepSummaryFile() throws {
        let summary = FileManager.default.temporaryDirectory.appendingPathComponent("summary-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: summary) }
        var environment = ProcessInfo.processInfo.environment
        environment["GITHUB_STEP_SUMMARY"] = summary.path
        let run = try opapm(["lint", "samples/findings", "--format", "github"], environment: environment)
        #expect(run.status == 0)
        #expect(run.stdout.contains("::warning file=samples/findings/FR005-episode-priced-on-benchmark.xml,line=70"))
        #expect(try String(contentsOf: summary, encoding: .utf8).contains("## opapm lint"))
    }

    @Test func configurationIsHonouredAndItsErrorsLocated() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.yml").path
        try """
            rules:
              SUB004: {severity: error, reason: "late requests are not reviewed"}
            ignore: ["*invalid*"]
            """.write(toFile: good, atomically: true, encoding: .utf8)
        let late = "samples/not-approved/SUB004-late-payer-submission.xml"
        let escalated = try opapm(["lint", late, "--config", good])
        #expect(escalated.status == 1)
        #expect(escalated.stdout.contains("error: [SUB004]"))
        #expect(try opapm(["lint", "samples/invalid", "samples/approved", "--config", good]).status == 0)
        let printed = try opapm(["lint", "--print-config", "--config", good])
        #expect(printed.stdout.contains("reason: \"late requests are not reviewed\""))

        let off = directory.appendingPathComponent("off.yml").path
        try "rules:\n  SUB004: {severity: off, reason: tracked elsewhere}\n".write(toFile: off, atomically: true, encoding: .utf8)
        let silenced = try opapm(["lint", late, "--config", off, "--strict"])
        #expect(silenced.status == 0)
        #expect(!silenced.stdout.contains("SUB004"))

        let bad = directory.appendingPathComponent("bad.yml").path
        try "years: [2024]\nignroe: []\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let broken = try opapm(["lint", "samples/approved", "--config", bad])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("\(bad):2:1: error: unknown key 'ignroe'"))
    }

    @Test func configurationIsFoundFromTheWorkingDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-find-\(UUID().uuidString)")
        let nested = directory.appendingPathComponent("nested")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".git"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "rules:\n  SUB004: {severity: off, reason: r}\n".write(
            to: directory.appendingPathComponent(".opapm.yml"), atomically: true, encoding: .utf8)
        let sample = repositoryRoot.appendingPathComponent("samples/not-approved/SUB004-late-payer-submission.xml").path
        let process = Process()
        process.executableURL = executable
        process.arguments = ["lint", sample, "--strict"]
        process.currentDirectoryURL = nested
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

/// The CI examples in docs/ci parse as YAML and use only real `opapm lint` options.
@Suite struct CIExampleTests {
    static let files = ["docs/ci/github-workflow.yml", "docs/ci/gitlab-ci.yml", "docs/ci/pre-commit-config.yaml"]

    func strings(_ value: Any) -> [String] {
        if let text = value as? String { return [text] }
        if let list = value as? [Any] { return list.flatMap(strings) }
        if let map = value as? [AnyHashable: Any] { return map.values.flatMap(strings) }
        return []
    }

    @Test(arguments: files)
    func exampleParsesAndNamesRealOptions(file: String) throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text))
        let commands = strings(document).filter { $0.contains("opapm lint") }
        #expect(!commands.isEmpty, "\(file) runs no opapm lint")
        let help = try opapm(["lint", "--help"]).stdout
        for command in commands {
            let options = command.split(separator: " ").filter { $0.hasPrefix("--") }.map(String.init)
            for option in options {
                #expect(help.contains(option), "\(file): \(option) is not an opapm lint option")
            }
        }
    }
}
