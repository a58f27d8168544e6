import ArgumentParser
import Foundation
import OPAPMCore
import OPAPMReporting

struct QPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qp",
        abstract: "QP and Partial QP determinations: Medicare Option, then the All-Payer Combination Option.",
        discussion: "Exit status: 0 when the data was read and scored, 1 when the file is invalid or its other-payer data late or uncertified (QP001–QP007), 2 usage error.")

    enum Format: String, CaseInsensitiveArgument, CaseIterable {
        case text, json, csv
    }

    @Argument(help: "A QP data file (schemas/qp-data.xsd).")
    var file: String

    @Option(help: "The performance year.")
    var year: Int

    @Option(help: "The approved-arrangement list (JSON) for the year.")
    var approved: String

    @Option(help: "Report format: text, json or csv.")
    var format: Format = .text

    @OptionGroup var limits: LimitOptions

    @OptionGroup var lawOption: LawOption

    func validate() throws {
        try CommandSupport.checkYear(year)
    }

    func run() throws {
        let outcome: QPRun.Outcome
        do {
            outcome = try QPRun.run(file: file, approved: approved, year: year, limits: limits.limits)
        } catch {
            throw CommandSupport.fail(error.description)
        }
        switch outcome {
        case .invalid(let lines), .impossible(let lines):
            for line in lines { print(line) }
            throw ExitCode(1)
        case .scored(let results):
            switch format {
            case .text: print(QPReport.text(results), terminator: "")
            case .json: print(try JSONOutput.encode(QPReportDocument(results: results)), terminator: "")
            case .csv: print(QPReport.csv(results), terminator: "")
            }
            // Late or uncertified other-payer data is an error in the data, as impossible figures are.
            if results.contains(where: { $0.findings.contains { $0.severity == .error } }) { throw ExitCode(1) }
        }
    }
}
