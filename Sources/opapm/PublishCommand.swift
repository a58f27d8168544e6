import ArgumentParser
import Foundation
import OPAPMCore
import OPAPMReporting

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write the list of arrangements approved for a performance year.",
        discussion: """
            Runs every check, keeps the latest submission of each arrangement, and writes the approved ones in \
            each format to --out, all or nothing. Exit status: 0 written, 2 usage error, unreadable or unparsable \
            input (unless --skip-invalid), or two submissions of one arrangement with the same date.
            """)

    @Argument(help: "Submission files or directories (searched for *.xml).")
    var paths: [String]

    @Option(help: "The performance year.")
    var year: Int

    @Option(help: "Output directory: created, or replaced as a whole if opapm wrote it (never an input or a directory holding other files).")
    var out: String

    @Option(help: "Comma-separated formats: csv, json, xml, html, md (default: all).")
    var format: String = ListFormat.allCases.map(\.rawValue).joined(separator: ",")

    @Flag(help: "Leave out files that cannot be read or parsed, naming each in the list and on standard error.")
    var skipInvalid = false

    @Option(help: "Date the list is as of (YYYY-MM-DD); without it the list carries no date.")
    var asOf: String?

    @Option(help: "An earlier JSON list: print what was added, removed and changed, and add it to the Markdown.")
    var previous: String?

    @Flag(help: "Name each arrangement's source file in the list (left out of a public list by default).")
    var withSource = false

    @OptionGroup var limits: LimitOptions

    @OptionGroup var lawOption: LawOption

    var formatNames: [String] {
        format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    var formats: [ListFormat] { formatNames.compactMap(ListFormat.init(rawValue:)) }

    func validate() throws {
        try CommandSupport.checkYear(year)
        let names = formatNames
        for name in names where ListFormat(rawValue: name) == nil {
            throw ValidationError("unknown format '\(name)' (csv, json, xml, html, md)")
        }
        if names.isEmpty { throw ValidationError("give at least one format") }
        if let asOf, CalendarDate(iso: asOf) == nil || asOf.count != 10 {
            throw ValidationError("--as-of takes a date YYYY-MM-DD")
        }
    }

    func run() throws {
        do {
            try OutputSafety.checkListDirectory(out, inputs: paths, readBeforeWriting: [previous].compactMap { $0 })
        } catch {
            throw CommandSupport.fail("\(error.description); nothing written")
        }
        do {
            try ListDirectory.checkReplaceable(out)
        } catch {
            throw CommandSupport.fail(error.description)
        }
        let files = try CommandSupport.files(paths, jobs: limits.jobs)
        let loader = try CommandSupport.loader(limits)
        var engine = DeterminationEngine()
        // The list needs decisions only, not the changes that would pass.
        engine.findsRemedies = false
        engine.drawsLiabilityCurve = false  // the list shows decisions, not curves
        let progress = Progress.forTerminal(total: files.files.count)
        let results = engine.determine(files, loader: loader, years: nil, jobs: limits.jobs, keepingSubmissions: false,
            progress: progress)
        progress?.finish()

        var skipped: [SkippedFile] = []
        var fatal = false
        for index in results.indices where !results[index].loaded {
            let result = results[index]
            let unparsable = result.unreadable || result.findings.contains { $0.rule != "XSD001" }
            let reason = (unparsable ? "cannot be read or parsed: " : "invalid against the submission schema: ")
                + (result.findings.first.map { "[\($0.rule)] " + ($0.line > 0 ? "line \($0.line): " : "") + $0.message } ?? "unknown")
            if unparsable && !skipInvalid {
                CommandSupport.warn("\(DisplayText.safe(result.path)): \(DisplayText.safe(reason))")
                fatal = true
            } else {
                CommandSupport.warn("\(DisplayText.safe(result.path)): skipped, \(DisplayText.safe(reason))")
                skipped.append(SkippedFile(file: result.path, reason: reason))
            }
        }
        if fatal {
            throw CommandSupport.fail("nothing written to \(DisplayText.safe(out)); fix the files above or use --skip-invalid")
        }
        for index in results.indices where !results[index].arrangements.isEmpty {
            for finding in results[index].arrangements[0].findings where finding.rule == DuplicateArrangements.ruleId {
                CommandSupport.warn("\(DisplayText.safe(results[index].path)): not listed: [\(finding.rule)] \(DisplayText.safe(finding.message))")
            }
        }
        let list = ApprovedListBuilder.build(
            results, year: year, asOf: asOf, skipped: skipped, jobs: limits.jobs, withSource: withSource)
        var changes: ListChanges?
        if let previous {
            do {
                changes = ListChanges(from: try PublishedList.load(path: previous), to: list)
            } catch {
                throw CommandSupport.fail("\(DisplayText.safe(previous)): cannot read the previous list: \(error.description)")
            }
        }
        // The formats are independent: each is rendered and written on its own thread, so files are
        // written while the costliest format is still being rendered.
        let changed = changes
        let chosen = ListFormat.costliestFirst(formats)
        let replacement: ListDirectory
        do {
            replacement = try ListDirectory(out, files: chosen.map { $0.fileName(year: year) })
        } catch {
            throw CommandSupport.fail(error.description)
        }
        let outcomes = chosen.parallelMap(jobs: limits.jobs) { format -> (String, String?) in
            let name = format.fileName(year: year)
            do {
                return (name, replacement.write(try format.render(list, changes: changed), named: name))
            } catch {
                return (name, "\(error)")
            }
        }
        if let failure = outcomes.lazy.compactMap({ $0.1 }).first {
            replacement.discard()
            throw CommandSupport.fail("cannot write \(DisplayText.safe(out)): \(failure); nothing changed")
        }
        do {
            if let warning = try replacement.commit() { CommandSupport.warn(warning) }
        } catch {
            throw CommandSupport.fail(error.description)
        }
        if let changes { print(ListMarkdown.changeLines(changes), terminator: "") }
        print("\(list.arrangements.count) approved arrangement(s) for \(year) written to \(DisplayText.safe(out)): \(outcomes.map(\.0).sorted().joined(separator: ", "))")
        CommandSupport.exitWithoutTeardown(0)
    }
}
