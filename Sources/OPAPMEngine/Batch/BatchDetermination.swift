import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules

extension DeterminationEngine {
    /// Loads and decides many files on `jobs` threads (nil: all cores), in the order given, then applies
    /// the checks that look across files. The result does not depend on the number of threads. Without
    /// `keepingSubmissions` each submission is let go on its worker thread once decided: a batch then
    /// holds only the determinations, and the freeing is spread over the threads.
    public func determine(paths: [String], loader: SubmissionLoader, years: [Int]?, jobs: Int?,
        keepingSubmissions: Bool = true, progress: Progress? = nil) -> [FileDetermination]
    {
        DuplicateArrangements.mark(paths.parallelMap(jobs: jobs) { path in
            var result = determine(path: path, loader: loader, years: years)
            if !keepingSubmissions { result.submission = nil }
            progress?.tick()
            return result
        })
    }

    /// The same for what `InputFiles.collect` found: the files, then each path that was found but
    /// cannot be read, as an unreadable file with its reason (`IO001`).
    public func determine(_ found: InputFiles.Found, loader: SubmissionLoader, years: [Int]?, jobs: Int?,
        keepingSubmissions: Bool = true, progress: Progress? = nil) -> [FileDetermination]
    {
        determine(paths: found.files, loader: loader, years: years, jobs: jobs, keepingSubmissions: keepingSubmissions,
            progress: progress)
            + found.unread.map { FileDetermination.unreadable(path: $0.path, reason: $0.reason) }
    }
}
