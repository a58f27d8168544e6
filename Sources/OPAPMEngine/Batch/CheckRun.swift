import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules

/// `opapm check` and `opapm lint` as one workflow: an engine set up from the run's side files (a CMS
/// measure catalogue for one year, an approved list), then every file decided.
public struct CheckRun {
    /// The years decided; nil: every year each submission requests.
    public var years: [Int]?
    /// A CMS `measures-data.json` standing in for the built-in catalogue of the first of `years`.
    public var measuresFile: String?
    /// An approved list whose arrangements are already determined (SUB003).
    public var approvedFile: String?
    /// Severities the lint configuration sets, by finding id (nil: the finding is turned off).
    public var severityOverrides: [String: Severity?] = [:]
    public var drawsLiabilityCurve = true
    public var findsRemedies = true
    public var jobs: Int?

    public init(years: [Int]? = nil, measuresFile: String? = nil, approvedFile: String? = nil) {
        self.years = years
        self.measuresFile = measuresFile
        self.approvedFile = approvedFile
    }

    /// Why nothing was decided: a side file could not be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The engine the run decides with, its side files read.
    public func engine() throws(Failure) -> DeterminationEngine {
        var engine = DeterminationEngine(severityOverrides: severityOverrides)
        engine.drawsLiabilityCurve = drawsLiabilityCurve
        engine.findsRemedies = findsRemedies
        if let measuresFile, let year = years?.first {
            do {
                engine.measuresOverride = try MeasureCatalogue.load(cmsFile: measuresFile, year: year)
            } catch {
                throw Failure(description: error.description)
            }
        }
        if let approvedFile {
            do {
                engine.approvedArrangements = try ApprovedListReader.arrangementIds(path: approvedFile)
            } catch {
                throw Failure(description: "\(DisplayText.safe(approvedFile)): \(error.description)")
            }
        }
        return engine
    }

    /// Every file decided, in the order given, each submission let go once decided.
    public func run(_ files: InputFiles.Found, loader: SubmissionLoader, progress: Progress?) throws(Failure) -> [FileDetermination] {
        let results = try engine().determine(
            files, loader: loader, years: years, jobs: jobs, keepingSubmissions: false, progress: progress)
        progress?.finish()
        return results
    }
}
