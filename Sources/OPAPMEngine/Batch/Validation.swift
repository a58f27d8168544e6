import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules
import OPAPMXML

/// The result of validating one file: its diagnostics, or why it could not be read.
public struct ValidationOutcome: Sendable {
    public var path: String
    public var diagnostics: [XMLDiagnostic]
    public var readError: String?

    public var isValid: Bool { readError == nil && diagnostics.isEmpty }
}

extension SubmissionLoader {
    /// Validates every file on all cores with the one compiled schema; results in input order.
    public func validate(files: [String], jobs: Int? = nil) -> [ValidationOutcome] {
        files.parallelMap(jobs: jobs) { path in
            do {
                return ValidationOutcome(path: InputFiles.displayName(path), diagnostics: try validate(path: path), readError: nil)
            } catch {
                return ValidationOutcome(path: InputFiles.displayName(path), diagnostics: [], readError: (error as? XMLReadError)?.reason ?? "\(error)")
            }
        }
    }

    /// The same for what `InputFiles.collect` found, each path found but not readable with its reason.
    public func validate(_ found: InputFiles.Found, jobs: Int? = nil) -> [ValidationOutcome] {
        validate(files: found.files, jobs: jobs)
            + found.unread.map { ValidationOutcome(path: $0.path, diagnostics: [], readError: $0.reason) }
    }
}
