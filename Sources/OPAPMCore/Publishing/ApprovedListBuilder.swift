import Foundation

/// Builds the approved list for a performance year from decided submissions: the latest submission of
/// each arrangement (by submission date) supersedes earlier ones. Two of the same date are both marked not
/// approved by `DuplicateArrangements` (INP006), so neither is listed.
public enum ApprovedListBuilder {
    public static func build(_ results: [FileDetermination], year: Int, asOf: String?, skipped: [SkippedFile])
        -> PublishedList
    {
        // Positions, not copies: a determination carries its whole submission.
        var latest: [String: Int] = [:]
        // Fields are read in place: binding a whole determination or submission copies (and retains) it all.
        for index in results.indices {
            guard let covered = results[index].submission?.performanceYears, covered.contains(where: { $0.value == year }),
                let id = results[index].submission?.arrangement.id, let date = results[index].submission?.submissionDate.value
            else { continue }
            guard let currentIndex = latest[id], let heldDate = results[currentIndex].submission?.submissionDate.value else {
                latest[id] = index
                continue
            }
            // Of two with one date (both not approved after INP006), keep one by path, so the run is deterministic.
            if date > heldDate || (date == heldDate && results[index].path < results[currentIndex].path) {
                latest[id] = index
            }
        }
        var rows: [PublishedRow] = []
        rows.reserveCapacity(latest.count)
        for index in latest.values {
            let result = results[index]
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
        // Positions are sorted, not the rows: moving whole rows about was most of the cost of a large list.
        let keys = rows.map { ($0.group, $0.payerName, $0.arrangementId) }
        let order = rows.indices.sorted { left, right in
            let a = keys[left], b = keys[right]
            return (a.0, a.1, a.2, left) < (b.0, b.1, b.2, right)
        }
        rows = order.map { rows[$0] }
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
