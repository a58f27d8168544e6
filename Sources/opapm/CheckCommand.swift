import ArgumentParser
import Foundation
import OPAPMCore
import OPAPMReporting

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Decide each arrangement against every Other Payer Advanced APM criterion.",
        discussion: """
            Exit status: 0 every arrangement approved, 1 otherwise (not approved, incomplete or invalid), \
            2 usage error or unreadable input.
            """)

    enum Format: String, CaseInsensitiveArgument, CaseIterable {
        case text, json, html
    }

    @Argument(help: "Submission files or directories (searched for *.xml).")
    var paths: [String]

    @Option(help: "Decide for this performance year only (default: every year each submission covers).")
    var year: Int?

    @Option(help: "Report format: text, json or html (one self-contained page).")
    var format: Format = .text

    @Option(help: "Write the report to this file (atomically) instead of standard output; for html, a directory (a path ending in / or an existing directory) gets an index and one page per file.")
    var output: String?

    @Option(help: "A CMS measures-data.json to use as the MIPS catalogue for --year.")
    var measures: String?

    @Option(help: "An approved-arrangement list (JSON) to note clinician-initiated requests already on it.")
    var approved: String?

    @Flag(help: "Text format: print only the arrangements that are not approved, the files that could not be decided, and the summary.")
    var quiet = false

    @OptionGroup var limits: LimitOptions

    @OptionGroup var lawOption: LawOption

    func validate() throws {
        if let year { try CommandSupport.checkYear(year) }
        if measures != nil && year == nil { throw ValidationError("--measures needs --year") }
        if quiet && format != .text { throw ValidationError("--quiet is for the text format") }
    }

    func run() throws {
        let files = try CommandSupport.files(paths, jobs: limits.jobs)
        let directory = format == .html && output.map(Self.namesADirectory) == true
        if let output, directory {
            do {
                try OutputSafety.checkListDirectory(output, inputs: paths + [measures, approved].compactMap { $0 })
            } catch {
                throw CommandSupport.fail("\(error.description.replacingOccurrences(of: "--out ", with: "--output ")); nothing written")
            }
            do {
                try ListDirectory.checkReplaceable(output)
            } catch {
                throw CommandSupport.fail(error.description.replacingOccurrences(of: "--out ", with: "--output "))
            }
        } else if let output {
            try CommandSupport.checkReportPath(output, inputs: files.files + paths + [measures, approved].compactMap { $0 })
        }
        if format == .html, !directory, files.files.count > HTMLCheckReport.singlePageLimit {
            throw CommandSupport.fail(
                "\(files.files.count) files make one HTML page too large to open (over \(HTMLCheckReport.singlePageLimit)): "
                    + "give --output DIR/ for an index and one page per file")
        }
        let loader = try CommandSupport.loader(limits)
        var run = CheckRun(years: year.map { [$0] }, measuresFile: measures, approvedFile: approved)
        run.drawsLiabilityCurve = format != .text
        run.jobs = limits.jobs
        let results: [FileDetermination]
        do {
            results = try run.run(files, loader: loader, progress: Progress.forTerminal(total: files.files.count))
        } catch {
            throw CommandSupport.fail(error.description)
        }
        let report: String
        switch format {
        case .text: report = CheckTextReport.render(results, jobs: limits.jobs, quiet: quiet)
        case .json: report = try JSONOutput.encode(CheckReport(files: results))
        case .html where directory:
            try Self.writeDirectory(results, to: output ?? "", jobs: limits.jobs)
            report = ""
        case .html:
            // Written as it is made: the page of a large batch is hundreds of megabytes.
            try CommandSupport.writeStreamed(to: output) { sink in HTMLCheckReport.write(results, jobs: limits.jobs, to: sink) }
            report = ""
        }
        if format == .html {
            // written above
        } else if let output {
            try CommandSupport.writeReport(report, to: output)
        } else {
            print(report, terminator: "")
        }
        // Written to a file, the report is announced as publish announces the list: what, where, the totals.
        if let output {
            print("\(format.rawValue) report of \(results.count) file(s) written to \(DisplayText.safe(output)): "
                + CheckTextReport.summary(results), terminator: "")
        }
        // Through the buffer: binding each file copied, and retained, all of it on this one thread.
        let (anyUnreadable, approvedAll) = results.withUnsafeBufferPointer { files in
            (files.contains { $0.unreadable },
             files.allSatisfy { $0.loaded && $0.arrangements.allSatisfy { $0.determination == .approved } })
        }
        CommandSupport.exitWithoutTeardown(anyUnreadable ? 2 : approvedAll ? 0 : 1)
    }

    /// A path ending in `/`, or an existing directory.
    static func namesADirectory(_ path: String) -> Bool {
        if path.hasSuffix("/") { return true }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The directory report (`HTMLCheckReport.replaceDirectory`).
    static func writeDirectory(_ results: [FileDetermination], to output: String, jobs: Int?) throws {
        do {
            if let warning = try HTMLCheckReport.replaceDirectory(results, at: output, jobs: jobs) { CommandSupport.warn(warning) }
        } catch {
            throw CommandSupport.fail(error.description)
        }
    }
}
