import ArgumentParser
import OPAPMCore
import OPAPMReporting

struct LawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "law",
        abstract: "Print the law a determination uses: each value with its years, citation and provenance.",
        discussion: "Without --year, every year's values as Markdown (the source of docs/law.md). Exit status: 0, or 2 for a bad --law file or year.")

    enum Format: String, CaseInsensitiveArgument, CaseIterable {
        case text, json, markdown
    }

    @Option(help: "The performance year (default: every year, as --format markdown).")
    var year: Int?

    @Option(help: "text (one year), json (the law file itself, as used) or markdown (every year).")
    var format: Format?

    @OptionGroup var lawOption: LawOption

    func validate() throws {
        if let year { try CommandSupport.checkYear(year) }
        if format == .text && year == nil { throw ValidationError("--format text needs --year") }
    }

    func run() throws {
        let law = ActiveLaw.current
        switch (format, year) {
        case (.json, _): print(try JSONOutput.encode(law.document), terminator: "")
        case (.markdown, _), (nil, nil): print(LawTable.markdown(law), terminator: "")
        case (_, let year?): print(LawTable.text(law, year: year), terminator: "")
        case (.text, nil): throw ValidationError("--format text needs --year")
        }
    }
}
