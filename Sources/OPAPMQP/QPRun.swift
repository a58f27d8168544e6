import Foundation
import OPAPMEngine
import OPAPMModel
import OPAPMXML

/// `opapm qp` as one workflow: read the approved list and the QP data, refuse impossible figures,
/// and score each participant by the year's law.
public enum QPRun {
    /// Why nothing was scored: a usage problem (exit 2), with the message to show.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public enum Outcome: Sendable {
        /// The file is not valid QP data: each line says where (`file:line:col: error: [XSD001] …`).
        case invalid([String])
        /// Figures no participant can have (QP001–QP005): each line names the finding.
        case impossible([String])
        case scored([QPResult])
    }

    public static func run(file: String, approved: String, year: Int, limits: ReadingLimits) throws(Failure) -> Outcome {
        let list: ApprovedList
        do {
            list = try ApprovedList.load(path: approved)
        } catch {
            throw Failure(description: "\(DisplayText.safe(approved)): cannot read approved list: \(error.description)")
        }
        // A list of another year would silently drop every other payer arrangement from the numerators.
        guard list.performanceYear == year else {
            throw Failure(description:
                "\(DisplayText.safe(approved)) is the approved list for \(list.performanceYear), not --year \(year): give the list for \(year)")
        }
        let reader = try loader(limits)
        let loaded: (file: QPDataFile?, diagnostics: [XMLDiagnostic])
        do throws(XMLReadError) {
            loaded = try reader.loadFile(path: file)
        } catch {
            throw Failure(description: error.description)
        }
        return try score(loaded, file: file, list: list, year: year)
    }

    /// QP data sent as bytes, scored against `list` (the workbench's `POST /api/qp`).
    public static func run(bytes: [UInt8], name: String, list: ApprovedList, year: Int, limits: ReadingLimits) throws(Failure) -> Outcome {
        try score(try loader(limits).load(bytes: bytes, name: name), file: name, list: list, year: year)
    }

    static func loader(_ limits: ReadingLimits) throws(Failure) -> QPDataLoader {
        do {
            return try QPDataLoader(limits: limits)
        } catch {
            throw Failure(description: "internal error: \(error)")
        }
    }

    static func score(_ loaded: (file: QPDataFile?, diagnostics: [XMLDiagnostic]), file: String, list: ApprovedList, year: Int)
        throws(Failure) -> Outcome
    {
        if !loaded.diagnostics.isEmpty {
            return .invalid(loaded.diagnostics.map { diagnostic in
                let location = DisplayText.location(file, line: diagnostic.line, column: diagnostic.column)
                return "\(location): error: [\(diagnostic.code.rawValue)] \(DisplayText.safe(diagnostic.message))"
            })
        }
        let data = loaded.file ?? QPDataFile(participants: [])
        let impossible = QPDataChecks.problems(data.participants)
        if !impossible.isEmpty {
            return .impossible(impossible.map { "\(DisplayText.safe(file)): error: [\($0.id)] \(DisplayText.safe($0.message))" })
        }
        let calculator = QPCalculator(approved: list)
        let facts = QPSubmissionFacts(data)
        var results: [QPResult] = []
        for participant in data.participants {
            do {
                results.append(try calculator.determine(participant, year: year, facts: facts))
            } catch {
                throw Failure(description: "\(error)")
            }
        }
        return .scored(results)
    }
}
