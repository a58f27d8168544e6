import ArgumentParser
import Foundation
import OPAPMCore
import OPAPMReporting

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write the list of arrangements approved for a performance year.",
        discussion: """
            Runs every check, keeps the latest submission of each arrangement, and writes the approved ones in
            each format to --out, all or nothing. Exit status: 0 written, 2 usage error, unreadable or unparsable
            input (unless --skip-invalid), or two submissions of one arrangement with the same date.
            """)

    @Argument(help: "Submission files or directories (searched for *.xml).")
    var paths: [String]

    @Option(help: "The performance year.")
    var year: Int

    @Option(help: "Output directory; replaced as a whole.")
    var out: String

    @Option(help: "Comma-separated formats: csv, json, xml, html, md (default: all).")
    var format: String = ListFormat.allCases.map(\.rawValue).joined(separator: ",")

    @Flag(help: "Leave out files that cannot be read or parsed, naming each in the list and on standard error.")
    var skipInvalid = false

    @Option(help: "Date the list is as of (YYYY-MM-DD); without it the list carries no date.")
    var asOf: String?

    @Option(help: "An earlier JSON list: print what was added, removed and changed, and add it to the Markdown.")
    var previous: String?

    @OptionGroup var limits: LimitOptions

    var formatNames: [String] {
        format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
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
        let files = try CommandSupport.files(paths, jobs: limits.jobs)
        let loader = try CommandSupport.loader(limits)
        var engine = DeterminationEngine()
        engine.drawsLiabilityCurve = false  // the list shows decisions, not curves
        let results = engine.determine(paths: files, loader: loader, years: nil, jobs: limits.jobs, keepingSubmissions: false)

        var skipped: [SkippedFile] = []
        var fatal = false
        for index in results.indices where !results[index].loaded {
            let result = results[index]
            let unparsable = result.unreadable || result.findings.contains { $0.rule != "XSD001" }
            let reason = (unparsable ? "cannot be read or parsed: " : "invalid against the submission schema: ")
                + (result.findings.first.map { "[\($0.rule)] line \($0.line): \($0.message)" } ?? "unknown")
            if unparsable && !skipInvalid {
                CommandSupport.warn("\(result.path): \(reason)")
                fatal = true
            } else {
                CommandSupport.warn("\(result.path): skipped, \(reason)")
                skipped.append(SkippedFile(file: result.path, reason: reason))
            }
        }
        if fatal {
            throw CommandSupport.fail("nothing written to \(out); fix the files above or use --skip-invalid")
        }
        for index in results.indices where !results[index].arrangements.isEmpty {
            for finding in results[index].arrangements[0].findings where finding.rule == DuplicateArrangements.ruleId {
                CommandSupport.warn("\(results[index].path): not listed: [\(finding.rule)] \(finding.message)")
            }
        }
        let list = ApprovedListBuilder.build(results, year: year, asOf: asOf, skipped: skipped, jobs: limits.jobs)
        var changes: ListChanges?
        if let previous {
            do {
                changes = ListChanges(from: try PublishedList.load(path: previous), to: list)
            } catch {
                throw CommandSupport.fail("\(previous): cannot read the previous list: \(error)")
            }
        }
        // The formats are independent: each is rendered and written on its own thread, so files are
        // written while the costliest format is still being rendered.
        let changed = changes
        let replacement = try CommandSupport.DirectoryReplacement(out)
        let outcomes = ListFormat.costliestFirst(formats).parallelMap(jobs: limits.jobs) { chosen -> (String, String?) in
            let name = chosen.fileName(year: year)
            do {
                return (name, replacement.write(try chosen.render(list, changes: changed), named: name))
            } catch {
                return (name, "\(error)")
            }
        }
        if let failure = outcomes.lazy.compactMap({ $0.1 }).first {
            replacement.discard()
            throw CommandSupport.fail("cannot write \(out): \(failure); nothing changed")
        }
        try replacement.swapIn()
        if let changes { print(ListMarkdown.changeLines(changes), terminator: "") }
        print("\(list.arrangements.count) approved arrangement(s) for \(year) written to \(out): \(outcomes.map(\.0).sorted().joined(separator: ", "))")
        CommandSupport.exitWithoutTeardown(0)
    }
}
