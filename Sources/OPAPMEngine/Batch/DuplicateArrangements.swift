import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules

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
        // The first file of each arrangement and date, then the rest of any that repeat: a batch has
        // tens of thousands of files and almost never a repeat, so no list is made per file.
        var first: [Key: Int] = [:]
        first.reserveCapacity(files.count)
        var groups: [Key: [Int]] = [:]
        for index in files.indices {
            // Two fields read in place: binding the file, or its summary, copied (and retained) all of it.
            guard let arrangementId = files[index].summary?.arrangementId,
                let submissionDate = files[index].summary?.submissionDate
            else { continue }
            let key = Key(arrangementId: arrangementId, submissionDate: submissionDate)
            if let earlier = first[key] {
                groups[key, default: [earlier]].append(index)
            } else {
                first[key] = index
            }
        }
        var marked = files
        for indices in groups.values {
            for index in indices {
                guard let summary = files[index].summary else { continue }
                let others = indices.filter { $0 != index }.map { files[$0].path }.sorted()
                let finding = Finding(
                    rule: ruleId, severity: .error,
                    message: "arrangement \(summary.arrangementId) is also submitted with the same date "
                        + "\(summary.submissionDate.description) in \(others.joined(separator: ", "))",
                    help: "withdraw one of the files, or date the corrected one later so that it supersedes",
                    citation: citation, file: files[index].path, line: summary.location.line,
                    path: summary.location.path)
                for year in marked[index].arrangements.indices {
                    marked[index].arrangements[year].findings.append(finding)
                    marked[index].arrangements[year].determination = .notApproved
                }
            }
        }
        return marked
    }
}

extension DuplicateArrangements {
    struct Key: Hashable {
        var arrangementId: String
        var submissionDate: CalendarDate
    }
}
