import Foundation

/// Builds the approved list for a performance year from decided submissions: the latest submission of
/// each arrangement (by submission date) supersedes earlier ones; two of the same date are a conflict.
public enum ApprovedListBuilder {
    public struct Conflict: Error, Sendable, CustomStringConvertible {
        public var arrangementId: String
        public var files: [String]
        public var date: String
        public var description: String {
            "arrangement \(arrangementId) is submitted twice with the same date \(date): \(files.joined(separator: " and "))"
        }
    }

    public static func build(_ results: [FileDetermination], year: Int, asOf: String?, skipped: [SkippedFile])
        throws(Conflict) -> PublishedList
    {
        var latest: [String: FileDetermination] = [:]
        for result in results {
            guard let submission = result.submission, submission.performanceYears.contains(where: { $0.value == year })
            else { continue }
            let id = submission.arrangement.id
            guard let current = latest[id], let held = current.submission else {
                latest[id] = result
                continue
            }
            if submission.submissionDate.value > held.submissionDate.value {
                latest[id] = result
            } else if submission.submissionDate.value == held.submissionDate.value {
                throw Conflict(arrangementId: id, files: [current.path, result.path].sorted(),
                    date: submission.submissionDate.value.description)
            }
        }
        var rows: [PublishedRow] = []
        for result in latest.values {
            guard let submission = result.submission,
                let decision = result.arrangements.first(where: { $0.performanceYear == year }),
                decision.determination == .approved
            else { continue }
            let approvedYears = result.arrangements.filter { $0.determination == .approved }.map(\.performanceYear).sorted()
            rows.append(PublishedRow(
                group: PayerGroup.of(submission),
                payerName: submission.payer.name,
                payerType: submission.payer.type.rawValue,
                arrangementId: submission.arrangement.id,
                arrangementName: submission.arrangement.name,
                states: submission.payer.states,
                performanceYears: approvedYears,
                basis: basis(decision.figures.route),
                process: submission.process.rawValue,
                submissionDate: submission.submissionDate.value.description,
                sourceFile: result.path))
        }
        rows.sort { a, b in
            (a.group, a.payerName, a.arrangementId) < (b.group, b.payerName, b.arrangementId)
        }
        return PublishedList(performanceYear: year, asOf: asOf, arrangements: rows, skipped: skipped)
    }

    static func basis(_ route: RiskRoute?) -> String {
        switch route {
        case .medicalHome: return "medical-home"
        case .capitation: return "capitation"
        default: return "financial-risk"
        }
    }
}
