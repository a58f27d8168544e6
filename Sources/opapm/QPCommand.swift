import ArgumentParser
import Foundation
import OPAPMCore
import OPAPMReporting
import OPAPMXML

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
        let list: ApprovedList
        do {
            list = try ApprovedList.load(path: approved)
        } catch {
            throw CommandSupport.fail("\(DisplayText.safe(approved)): cannot read approved list: \(error.description)")
        }
        // A list of another year would silently drop every other payer arrangement from the numerators.
        guard list.performanceYear == year else {
            throw CommandSupport.fail(
                "\(DisplayText.safe(approved)) is the approved list for \(list.performanceYear), not --year \(year): give the list for \(year)")
        }
        let loader: QPDataLoader
        do {
            loader = try QPDataLoader(limits: limits.limits)
        } catch {
            throw CommandSupport.fail("internal error: \(error)")
        }
        let loaded: (file: QPDataFile?, diagnostics: [XMLDiagnostic])
        do {
            loaded = try loader.loadFile(path: file)
        } catch {
            throw CommandSupport.fail(error.description)
        }
        if !loaded.diagnostics.isEmpty {
            for diagnostic in loaded.diagnostics {
                let location = DisplayText.location(file, line: diagnostic.line, column: diagnostic.column)
                print("\(location): error: [\(diagnostic.code.rawValue)] \(DisplayText.safe(diagnostic.message))")
            }
            throw ExitCode(1)
        }
        let data = loaded.file ?? QPDataFile(participants: [])
        let impossible = QPDataChecks.problems(data.participants)
        if !impossible.isEmpty {
            for problem in impossible {
                print("\(DisplayText.safe(file)): error: [\(problem.id)] \(DisplayText.safe(problem.message))")
            }
            throw ExitCode(1)
        }
        let calculator = QPCalculator(approved: list)
        var results: [QPResult] = []
        let facts = QPSubmissionFacts(data)
        for participant in data.participants {
            results.append(try calculator.determine(participant, year: year, facts: facts))
        }
        switch format {
        case .text: print(QPReport.text(results), terminator: "")
        case .json: print(try JSONOutput.encode(QPReportDocument(results: results)), terminator: "")
        case .csv: print(QPReport.csv(results), terminator: "")
        }
        // Late or uncertified other-payer data is an error in the data, as impossible figures are.
        if results.contains(where: { $0.findings.contains { $0.severity == .error } }) { throw ExitCode(1) }
    }
}
