import Foundation

/// What the cross-file duplicate check needs of a loaded submission, small enough to keep for every
/// file of a batch after the submission itself is let go.
public struct SubmissionIdentity: Sendable, Hashable {
    public var arrangementId: String
    public var submissionDate: String
    public var location: SourceLocation

    init(_ submission: Submission) {
        arrangementId = submission.arrangement.id
        submissionDate = submission.submissionDate.value.description
        // Written now: a path still to be written would hold the file's whole element table.
        let place = submission.arrangement.location
        location = SourceLocation(line: place.line, column: place.column, path: place.path)
    }
}

/// INP006: two files in one run submit the same arrangement with the same submission date.
///
/// A later submission of an arrangement supersedes an earlier one (that is how payers correct a request),
/// but two of the same date leave no way to tell which one stands. Neither is approved, each file's
/// findings name the other, and the list built from the run carries neither.
public enum DuplicateArrangements {
    public static let ruleId = "INP006"
    public static let title = "An arrangement is submitted twice with the same submission date"
    public static let citation = "42 CFR 414.1445 (information sufficient to assess each criterion)"

    /// Marks every file that shares its arrangement id and submission date with another file.
    public static func mark(_ files: [FileDetermination]) -> [FileDetermination] {
        var groups: [String: [Int]] = [:]
        for (index, file) in files.enumerated() {
            guard let identity = file.identity else { continue }
            groups["\(identity.arrangementId)\u{0}\(identity.submissionDate)", default: []].append(index)
        }
        var marked = files
        for indices in groups.values where indices.count > 1 {
            for index in indices {
                guard let identity = files[index].identity else { continue }
                let others = indices.filter { $0 != index }.map { files[$0].path }.sorted()
                let finding = Finding(
                    rule: ruleId, severity: .error,
                    message: "arrangement \(identity.arrangementId) is also submitted with the same date "
                        + "\(identity.submissionDate) in \(others.joined(separator: ", "))",
                    help: "withdraw one of the files, or date the corrected one later so that it supersedes",
                    citation: citation, file: files[index].path, line: identity.location.line,
                    path: identity.location.path)
                for year in marked[index].arrangements.indices {
                    marked[index].arrangements[year].findings.append(finding)
                    marked[index].arrangements[year].determination = .notApproved
                }
            }
        }
        return marked
    }
}

extension DeterminationEngine {
    /// Loads and decides many files on `jobs` threads (nil: all cores), in the order given, then applies
    /// the checks that look across files. The result does not depend on the number of threads. Without
    /// `keepingSubmissions` each submission is let go on its worker thread once decided: a batch then
    /// holds only the determinations, and the freeing is spread over the threads.
    public func determine(paths: [String], loader: SubmissionLoader, years: [Int]?, jobs: Int?,
        keepingSubmissions: Bool = true) -> [FileDetermination]
    {
        DuplicateArrangements.mark(paths.parallelMap(jobs: jobs) { path in
            var result = determine(path: path, loader: loader, years: years)
            if !keepingSubmissions { result.submission = nil }
            return result
        })
    }
}
