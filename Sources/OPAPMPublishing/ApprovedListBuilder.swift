import Foundation
import OPAPMEngine
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules

/// Builds the approved list for a performance year from decided submissions: the latest submission of
/// each arrangement (by submission date) supersedes earlier ones. Two of the same date are both marked not
/// approved by `DuplicateArrangements` (INP006), so neither is listed.
public enum ApprovedListBuilder {
    public static func build(
        _ results: [FileDetermination], year: Int, asOf: String?, skipped: [SkippedFile], jobs: Int? = nil,
        withSource: Bool = false
    ) -> PublishedList {
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
        // The approved ones, as positions; sorted before any row is made, so that each row is made
        // once, in its place. The keys are compared in place: copying two key tuples per comparison
        // retained and released their strings some hundred thousand times for a list of ten thousand.
        let listed: [(file: Int, decision: Int)] = latest.values.compactMap { index in
            guard let decision = results[index].arrangements.firstIndex(where: { $0.performanceYear == year }),
                results[index].arrangements[decision].determination == .approved
            else { return nil }
            return (index, decision)
        }
        let keys = listed.map { entry in
            (group: results[entry.file].summary!.group, payer: results[entry.file].summary!.payerName,
             id: results[entry.file].summary!.arrangementId, file: entry.file)
        }
        let order = keys.withUnsafeBufferPointer { keys in
            keys.indices.sorted { left, right in
                if keys[left].group != keys[right].group { return keys[left].group < keys[right].group }
                if keys[left].payer != keys[right].payer { return keys[left].payer < keys[right].payer }
                // Ids in natural order: GEN-2 before GEN-10.
                if keys[left].id != keys[right].id { return NaturalOrder.precedes(keys[left].id, keys[right].id) }
                return keys[left].file < keys[right].file
            }
        }
        // Made on every thread: reading ten thousand determinations made on other cores waits on
        // memory more than it computes.
        let rows = order.parallelMap(jobs: jobs) { position in
            results.withUnsafeBufferPointer { files in
                row(of: files.baseAddress! + listed[position].file, decision: listed[position].decision, withSource: withSource)
            }
        }
        return PublishedList(performanceYear: year, asOf: asOf, arrangements: rows, skipped: skipped)
    }

    /// The row for a file's approved arrangement; `decision` is the list year's determination.
    /// The file is lent by address: passed as a value, the whole determination was copied for each row.
    private static func row(of file: UnsafePointer<FileDetermination>, decision: Int, withSource: Bool) -> PublishedRow {
        var approvedYears: [Int] = []
        for arrangement in file.pointee.arrangements.indices
        where file.pointee.arrangements[arrangement].determination == .approved {
            approvedYears.append(file.pointee.arrangements[arrangement].performanceYear)
        }
        return PublishedRow(
            group: file.pointee.summary!.group,
            payerName: file.pointee.summary!.payerName,
            payerType: file.pointee.summary!.payerType,
            arrangementId: file.pointee.summary!.arrangementId,
            arrangementName: file.pointee.summary!.arrangementName,
            states: file.pointee.summary!.states,
            counties: file.pointee.summary!.counties,
            performanceYears: approvedYears.sorted(),
            basis: basis(file.pointee.arrangements[decision].figures.route),
            process: file.pointee.summary!.process,
            submissionDate: file.pointee.summary!.submissionDate.description,
            sourceFile: withSource ? file.pointee.path : nil)
    }

    static func basis(_ route: RiskRoute?) -> String {
        switch route {
        case .medicalHome: return "medical-home"
        case .capitation: return "capitation"
        default: return "financial-risk"
        }
    }
}
