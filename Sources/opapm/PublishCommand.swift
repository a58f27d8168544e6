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
        var publication = Publication(
            paths: paths, year: year, out: out, renditions: ListFormat.costliestFirst(formats))
        publication.skipInvalid = skipInvalid
        publication.asOf = asOf
        publication.previous = previous
        publication.withSource = withSource
        publication.jobs = limits.jobs
        do {
            try publication.checkOutput()
        } catch {
            throw CommandSupport.fail(error.description)
        }
        let files = try CommandSupport.files(paths, jobs: limits.jobs)
        let loader = try CommandSupport.loader(limits)
        let outcome: Publication.Outcome
        do {
            outcome = try publication.run(
                files, loader: loader, progress: Progress.forTerminal(total: files.files.count), warn: CommandSupport.warn)
        } catch {
            throw CommandSupport.fail(error.description)
        }
        if let changes = outcome.changes { print(ListMarkdown.changeLines(changes), terminator: "") }
        print("\(outcome.list.arrangements.count) approved arrangement(s) for \(year) written to \(DisplayText.safe(out)): \(outcome.written.joined(separator: ", "))")
        CommandSupport.exitWithoutTeardown(0)
    }
}
