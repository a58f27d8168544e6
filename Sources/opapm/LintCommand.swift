import ArgumentParser
import Foundation
import OPAPMCore
import OPAPMReporting

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check submissions in CI: findings in text, JSON, SARIF, JUnit, GitHub or checkstyle form.",
        discussion: """
            Exit status: 0 no finding at or above the failing severity (error; warning with --strict), \
            1 findings, 2 usage, configuration or unreadable input. --exit-zero reports without failing. \
            Pair formats with outputs: --format sarif --output opapm.sarif --format junit --output opapm.xml.
            """)

    @Argument(help: "Submission files or directories (searched for *.xml).")
    var paths: [String] = []

    @Option(help: "Report format (repeatable): \(LintFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: [LintFormat] = []

    @Option(help: "Write the matching --format here (repeatable); a format without one goes to standard output.")
    var output: [String] = []

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Flag(help: "Report only: exit 0 whatever is found (2 still means the run itself failed).")
    var exitZero = false

    @Option(help: "Decide for this performance year (overrides the configuration's years).")
    var year: Int?

    @Option(help: "Configuration file (default: the nearest .opapm.yml upwards from the current directory).")
    var config: String?

    @Option(help: "Report at most N findings (the most severe first); the exit status still counts all.")
    var maxFindings: Int?

    @Option(help: "Where the documentation is published; SARIF links each rule to its page under it.")
    var docsUrl: String = LintReport.defaultDocsBaseURL

    @Flag(help: "Print the effective configuration and exit.")
    var printConfig = false

    @OptionGroup var limits: LimitOptions

    @OptionGroup var lawOption: LawOption

    func validate() throws {
        if let year { try CommandSupport.checkYear(year) }
        if output.count > max(format.count, 1) {
            throw ValidationError("more --output than --format options")
        }
        if max(format.count, 1) - output.count > 1 {
            throw ValidationError("only one --format may go to standard output; give the others an --output")
        }
        if let maxFindings, maxFindings < 0 { throw ValidationError("--max-findings must not be negative") }
        guard let docs = URLComponents(string: docsUrl), docs.scheme != nil, docs.host != nil || docs.scheme == "file" else {
            throw ValidationError("--docs-url takes an absolute URL, such as \(LintReport.defaultDocsBaseURL)")
        }
        if paths.isEmpty && !printConfig { throw ValidationError("give at least one path") }
    }

    func run() throws {
        let configuration = try loadConfiguration()
        if printConfig {
            print(configuration.rendered(), terminator: "")
            return
        }
        var files = try CommandSupport.files(paths, jobs: limits.jobs)
        let ignored = files.files.filter(configuration.ignores)
        if !ignored.isEmpty {
            files.files.removeAll(where: configuration.ignores)
            CommandSupport.warn(
                "\(ignored.count) file(s) ignored by \(DisplayText.safe(configuration.file ?? "the configuration")) (ignore:)")
            if files.isEmpty {
                throw CommandSupport.fail("every file given is ignored by \(DisplayText.safe(configuration.file ?? "the configuration")); nothing linted")
            }
        }
        let sideInputs = [configuration.file, configuration.measures.map { resolve($0, configuration) }].compactMap { $0 }
        for path in output { try CommandSupport.checkReportPath(path, inputs: files.files + paths + sideInputs) }
        let loader = try CommandSupport.loader(limits)
        let years = year.map { [$0] } ?? configuration.years
        var run = CheckRun(years: years, measuresFile: configuration.measures.map { resolve($0, configuration) })
        run.severityOverrides = configuration.severityOverrides
        // Lint lists findings: the changes that would pass are check's, and no lint format draws curves.
        run.findsRemedies = false
        run.drawsLiabilityCurve = false
        run.jobs = limits.jobs
        let results: [FileDetermination]
        do {
            results = try run.run(files, loader: loader, progress: Progress.forTerminal(total: files.files.count))
        } catch {
            throw CommandSupport.fail(error.description)
        }
        var report = LintReport.from(
            results, toolVersion: OPAPM.configuration.version, maxFindings: maxFindings,
            failing: strict ? .warning : .error)
        report.docsBaseURL = docsUrl
        let formats = format.isEmpty ? [LintFormat.text] : format
        for (index, chosen) in formats.enumerated() {
            let text = try chosen.reporter.render(report)
            if index < output.count {
                try CommandSupport.writeReport(text, to: output[index])
            } else {
                print(text, terminator: "")
            }
            if chosen == .github, let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
                try CommandSupport.append(GitHubLintReporter().summary(report), to: summary)
            }
        }
        if results.contains(where: \.unreadable) { throw ExitCode(2) }
        if !exitZero && report.allFailing > 0 { throw ExitCode(1) }
    }

    private func loadConfiguration() throws -> LintConfiguration {
        guard let path = config ?? LintConfiguration.find(from: FileManager.default.currentDirectoryPath) else {
            return LintConfiguration()
        }
        do {
            return try LintConfiguration.load(path: path)
        } catch {
            throw CommandSupport.fail(error.description)
        }
    }

    /// A path in the configuration is relative to the configuration file's directory.
    private func resolve(_ path: String, _ configuration: LintConfiguration) -> String {
        guard !path.hasPrefix("/"), let file = configuration.file else { return path }
        return URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path).path
    }
}

extension LintFormat: ExpressibleByArgument {
    /// Case-insensitive, as `CaseInsensitiveArgument`: the type is public, so its conformance says so itself.
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
