import Foundation
import OPAPMCore

/// The `check` report for people: each arrangement and year with its determination, the figures
/// that decided it, then every finding as `file:line:col: severity: [ID] message` with `help:`.
public enum CheckTextReport {
    /// The whole report; each file's part is rendered on `jobs` threads (nil: all cores), and the
    /// parts are joined in input order, so the text does not depend on the number of threads.
    public static func render(_ files: [FileDetermination], jobs: Int? = nil) -> String {
        var out = files.parallelMap(jobs: jobs, render(file:)).joined()
        out += summary(files)
        return out
    }

    /// One file's part: its file-level findings, then each arrangement and year.
    public static func render(file: FileDetermination) -> String {
        var out = ""
        for finding in file.findings { out += line(finding) }
        for arrangement in file.arrangements {
            out += "\(file.path): arrangement \(arrangement.id) (\(arrangement.name)), PY\(arrangement.performanceYear): "
            out += arrangement.determination.rawValue.uppercased() + "\n"
            for figure in figureLines(arrangement.figures) { out += "  \(figure)\n" }
            for finding in arrangement.findings { out += line(finding) }
            let unconfirmed = arrangement.parameters.filter { !$0.confirmed }.map(\.name)
            if !unconfirmed.isEmpty {
                out += "  note: unconfirmed year-table values: \(unconfirmed.joined(separator: ", "))\n"
            }
        }
        return out
    }

    /// The closing line: how many arrangement-years were decided which way, and the files that were not.
    static func summary(_ files: [FileDetermination]) -> String {
        var counts: [Determination: Int] = [:]
        for arrangement in files.lazy.flatMap(\.arrangements) { counts[arrangement.determination, default: 0] += 1 }
        let unreadable = files.filter(\.unreadable).count
        let invalid = files.filter { !$0.unreadable && !$0.loaded }.count
        var summary = [
            "\(counts[.approved] ?? 0) approved", "\(counts[.notApproved] ?? 0) not approved",
            "\(counts[.incomplete] ?? 0) incomplete",
        ]
        if invalid > 0 { summary.append("\(invalid) invalid file(s)") }
        if unreadable > 0 { summary.append("\(unreadable) unreadable file(s)") }
        return summary.joined(separator: ", ") + "\n"
    }

    static func line(_ finding: Finding) -> String {
        var text = "\(finding.file):\(finding.line):\(finding.column): \(finding.severity.rawValue): [\(finding.rule)] \(finding.message)\n"
        if !finding.path.isEmpty { text += "  at: \(finding.path)\n" }
        if let citation = finding.citation { text += "  cite: \(citation)\n" }
        if let help = finding.help { text += "  help: \(help)\n" }
        return text
    }

    static func figureLines(_ figures: Figures) -> [String] {
        var lines: [String] = []
        if let route = figures.route { lines.append("financial risk route: \(route.rawValue)") }
        if let minimum = figures.cehrtMinimumPercent {
            let required = figures.cehrtRequiredPercent.map { $0.percentText } ?? "not stated"
            lines.append("CEHRT: required \(required), minimum \(minimum.percentText)")
        }
        if let shares = figures.cehrtShareByEntity {
            for tin in shares.keys.sorted() {
                if let share = shares[tin] { lines.append("CEHRT share, APM Entity \(tin): \(share.percentText)") }
            }
        }
        if let requirement = figures.totalRiskRequirementPercent {
            let total = figures.totalRiskUnbounded == true
                ? "unbounded" : "\(figures.totalRiskPercent?.percentText ?? "?") (\(figures.totalRiskDollars?.dollarText ?? "?"))"
            lines.append("total risk: \(total) of expected expenditures; requirement \(requirement.percentText) (\(figures.totalRiskRequirementBasis ?? ""))")
        }
        if let start = figures.marginalWindowStartPercent, let end = figures.marginalWindowEndPercent,
            let average = figures.averageMarginalRiskPercent, let lowest = figures.lowestMarginalRiskPercent
        {
            var text = "marginal risk over (\(start.percentText), \(end.percentText)]: average \(average.percentText), lowest \(lowest.percentText)"
            if let method = figures.marginalRiskMethod { text += "; \(method.rawValue) rate applies" }
            if let plain = figures.averageMarginalRiskWithoutAllowancesPercent {
                text += "; without allowances \(plain.percentText)"
            }
            lines.append(text)
        }
        if let met = figures.medicalHomeElementsMet { lines.append("medical-home elements met: \(met) of 7 (needs 4)") }
        if let share = figures.medicalHomeAmountAtRiskPercent, let minimum = figures.medicalHomeMinimumPercent {
            lines.append("medical-home amount at risk: \(share.percentText) of revenue, minimum \(minimum.percentText)")
        }
        return lines
    }
}
