import Foundation

/// Builds the approved list for a performance year from decided submissions: the latest submission of
/// each arrangement (by submission date) supersedes earlier ones. Two of the same date are both marked not
/// approved by `DuplicateArrangements` (INP006), so neither is listed.
public enum ApprovedListBuilder {
    public static func build(_ results: [FileDetermination], year: Int, asOf: String?, skipped: [SkippedFile])
        -> PublishedList
    {
        // Positions, not copies.
        var latest: [String: Int] = [:]
        for index in results.indices {
            guard let summary = results[index].summary, summary.performanceYears.contains(year) else { continue }
            guard let currentIndex = latest[summary.arrangementId], let held = results[currentIndex].summary else {
                latest[summary.arrangementId] = index
                continue
            }
            // Of two with one date (both not approved after INP006), keep one by path, so the run is deterministic.
            if summary.submissionDate > held.submissionDate
                || (summary.submissionDate == held.submissionDate && results[index].path < results[currentIndex].path)
            {
                latest[summary.arrangementId] = index
            }
        }
        var rows: [PublishedRow] = []
        rows.reserveCapacity(latest.count)
        for index in latest.values {
            let result = results[index]
            guard let summary = result.summary,
                let decision = result.arrangements.first(where: { $0.performanceYear == year }),
                decision.determination == .approved
            else { continue }
            let approvedYears = result.arrangements.filter { $0.determination == .approved }.map(\.performanceYear).sorted()
            rows.append(PublishedRow(
                group: summary.group,
                payerName: summary.payerName,
                payerType: summary.payerType,
                arrangementId: summary.arrangementId,
                arrangementName: summary.arrangementName,
                states: summary.states,
                performanceYears: approvedYears,
                basis: basis(decision.figures.route),
                process: summary.process,
                submissionDate: summary.submissionDate.description,
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
