import Foundation

/// Builds the approved list for a performance year from decided submissions: the latest submission of
/// each arrangement (by submission date) supersedes earlier ones. Two of the same date are both marked not
/// approved by `DuplicateArrangements` (INP006), so neither is listed.
public enum ApprovedListBuilder {
    public static func build(_ results: [FileDetermination], year: Int, asOf: String?, skipped: [SkippedFile])
        -> PublishedList
    {
        // Positions, and fields read in place: binding a file, or its summary, copied (and retained)
        // all of it, on one thread, for every file of the batch.
        var latest: [String: Int] = [:]
        latest.reserveCapacity(results.count)
        for index in results.indices {
            guard results[index].summary?.performanceYears.contains(year) == true,
                let id = results[index].summary?.arrangementId, let date = results[index].summary?.submissionDate
            else { continue }
            guard let currentIndex = latest[id], let held = results[currentIndex].summary?.submissionDate else {
                latest[id] = index
                continue
            }
            // Of two with one date (both not approved after INP006), keep one by path, so the run is deterministic.
            if date > held || (date == held && results[index].path < results[currentIndex].path) {
                latest[id] = index
            }
        }
        var rows: [PublishedRow] = []
        rows.reserveCapacity(latest.count)
        for index in latest.values {
            guard let decision = results[index].arrangements.firstIndex(where: { $0.performanceYear == year }),
                results[index].arrangements[decision].determination == .approved,
                let summary = results[index].summary
            else { continue }
            var approvedYears: [Int] = []
            for arrangement in results[index].arrangements.indices
            where results[index].arrangements[arrangement].determination == .approved {
                approvedYears.append(results[index].arrangements[arrangement].performanceYear)
            }
            rows.append(PublishedRow(
                group: summary.group,
                payerName: summary.payerName,
                payerType: summary.payerType,
                arrangementId: summary.arrangementId,
                arrangementName: summary.arrangementName,
                states: summary.states,
                performanceYears: approvedYears.sorted(),
                basis: basis(results[index].arrangements[decision].figures.route),
                process: summary.process,
                submissionDate: summary.submissionDate.description,
                sourceFile: results[index].path))
        }
        // Positions are sorted, not the rows: moving whole rows about was most of the cost of a large list.
        // The keys are compared in place: copying two key tuples per comparison retained and released
        // their strings some hundred thousand times for a list of ten thousand rows.
        let keys = rows.map { (group: $0.group, payer: $0.payerName, id: $0.arrangementId) }
        let order = keys.withUnsafeBufferPointer { keys in
            rows.indices.sorted { left, right in
                if keys[left].group != keys[right].group { return keys[left].group < keys[right].group }
                if keys[left].payer != keys[right].payer { return keys[left].payer < keys[right].payer }
                if keys[left].id != keys[right].id { return keys[left].id < keys[right].id }
                return left < right
            }
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
