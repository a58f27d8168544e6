import Foundation
import OPAPMCore

/// The `check` report for people: each arrangement and year with its determination, the figures
/// that decided it, then every finding as `file:line:col: severity: [ID] message` with `help:`.
public enum CheckTextReport {
    /// The whole report; each file's part is rendered on `jobs` threads (nil: all cores), and the
    /// parts are joined in input order, so the text does not depend on the number of threads.
    /// With `quiet`, only what needs attention: arrangements not approved and files not decided.
    public static func render(_ files: [FileDetermination], jobs: Int? = nil, quiet: Bool = false) -> String {
        var out = files.parallelMap(jobs: jobs) { render(file: $0, quiet: quiet) }.joined()
        out += summary(files)
        return out
    }

    /// One file's part: its file-level findings, then each arrangement and year. Written by appending
    /// pieces to one string: interpolating each line first made and freed a string per line, which
    /// cost a batch check more than deciding the figures.
    public static func render(file: FileDetermination, quiet: Bool = false) -> String {
        var out = ReportText(capacity: 1024)
        for finding in file.findings { append(finding, to: &out) }
        let shownPath = DisplayText.safe(file.path)
        for arrangement in file.arrangements where !quiet || arrangement.determination != .approved {
            out += shownPath
            out += ": arrangement "
            out += DisplayText.safe(arrangement.id)
            out += " ("
            out += DisplayText.safe(arrangement.name)
            out += "), PY"
            out += String(arrangement.performanceYear)
            out += ": "
            out += heading(arrangement.determination)
            out += "\n"
            appendFigureLines(arrangement.figures, to: &out)
            for finding in arrangement.findings { append(finding, to: &out) }
            // The smallest single change that passes each failing numeric criterion, verified.
            for remedy in arrangement.wouldPass ?? [] {
                out += "  would pass ["
                out += remedy.rule
                out += "]: "
                out += DisplayText.safe(remedy.change)
                out += "\n"
            }
        }
        return out.string
    }

    /// The closing line: how many arrangement-years were decided which way, and the files that were not.
    public static func summary(_ files: [FileDetermination]) -> String {
        var counts: [Determination: Int] = [:]
        var unreadable = 0
        var invalid = 0
        // Through the buffer: binding each file (or each arrangement) copied, and retained, all of it.
        files.withUnsafeBufferPointer { files in
            for file in files.indices {
                if files[file].unreadable { unreadable += 1 } else if !files[file].loaded { invalid += 1 }
                files[file].arrangements.withUnsafeBufferPointer { arrangements in
                    for arrangement in arrangements.indices { counts[arrangements[arrangement].determination, default: 0] += 1 }
                }
            }
        }
        var summary = [
            "\(counts[.approved] ?? 0) approved", "\(counts[.notApproved] ?? 0) not approved",
            "\(counts[.incomplete] ?? 0) incomplete",
        ]
        if invalid > 0 { summary.append("\(invalid) invalid file(s)") }
        if unreadable > 0 { summary.append("\(unreadable) unreadable file(s)") }
        return summary.joined(separator: ", ") + "\n"
    }

    /// `file:line:col: severity: [ID] message`, then its path, citation and help on their own lines.
    /// Line and column are left out when unknown (0); every text is made safe to show.
    static func append(_ finding: Finding, to out: inout ReportText) {
        // `DisplayText.location`, written in place: building it as a string first cost a batch check a copy per finding.
        out += DisplayText.safe(finding.file)
        if finding.line > 0 {
            out += ":"
            out += String(finding.line)
            if finding.column > 0 {
                out += ":"
                out += String(finding.column)
            }
        }
        out += ": "
        out += finding.severity.rawValue
        out += ": ["
        out += finding.rule
        out += "] "
        out += DisplayText.safe(finding.message)
        out += "\n"
        if !finding.path.isEmpty {
            out += "  at: "
            out += DisplayText.safe(finding.path)
            out += "\n"
        }
        if let citation = finding.citation {
            out += "  cite: "
            out += citation
            out += "\n"
        }
        if let help = finding.help {
            out += "  help: "
            out += DisplayText.safe(help)
            out += "\n"
        }
        // The values of the law the finding rests on, each with how firm it is.
        if let law = finding.law, !law.isEmpty {
            out += "  law: "
            for (index, row) in law.enumerated() {
                if index > 0 { out += "; " }
                out += row.name
                out += " "
                out += DisplayText.safe(row.value)
                out += " ("
                out += row.provenance.rawValue
                out += ")"
            }
            out += "\n"
        }
    }

    /// `APPROVED`, `NOT-APPROVED`, `INCOMPLETE`.
    static func heading(_ determination: Determination) -> String {
        switch determination {
        case .approved: "APPROVED"
        case .notApproved: "NOT-APPROVED"
        case .incomplete: "INCOMPLETE"
        }
    }

    /// ` [codified]`: the provenance of the law value behind the figure `name`, when the figures carry it.
    static func appendProvenance(_ provenance: Provenance?, to out: inout ReportText) {
        guard let provenance else { return }
        out += " ["
        out += provenance.rawValue
        out += "]"
    }

    /// The figures that decided the arrangement, one indented line each.
    static func appendFigureLines(_ figures: Figures, to out: inout ReportText) {
        if let route = figures.route {
            out += "  financial risk route: "
            out += route.rawValue
            appendProvenance(figures.provenance?.route, to: &out)
            out += "\n"
        }
        if let minimum = figures.cehrtMinimumPercent {
            out += "  CEHRT: required "
            out += figures.cehrtRequiredPercent.map { $0.percentText } ?? "not stated"
            out += ", minimum "
            out += minimum.percentText
            appendProvenance(figures.provenance?.cehrtMinimumPercent, to: &out)
            out += "\n"
        }
        if let shares = figures.cehrtShareByEntity {
            for tin in shares.keys.sorted() {
                guard let share = shares[tin] else { continue }
                out += "  CEHRT share, APM Entity "
                out += DisplayText.safe(tin)
                out += ": "
                out += share.percentText
                out += "\n"
            }
        }
        if let requirement = figures.totalRiskRequirementPercent {
            out += "  total risk: "
            if figures.totalRiskUnbounded == true {
                out += "unbounded"
            } else {
                out += figures.totalRiskPercent?.percentText ?? "?"
                out += " ("
                out += figures.totalRiskDollars?.dollarText ?? "?"
                out += ")"
            }
            out += " of expected expenditures; requirement "
            out += requirement.percentText
            out += " ("
            out += figures.totalRiskRequirementBasis ?? ""
            out += ")"
            appendProvenance(figures.provenance?.totalRiskRequirementPercent, to: &out)
            out += "\n"
        }
        if let benchmark = figures.expectedExpendituresCappedFrom, let expected = figures.expectedExpenditures {
            out += "  expected expenditures: "
            out += expected.dollarText
            out += ", capped from the benchmark "
            out += benchmark.dollarText
            appendProvenance(figures.provenance?.expectedExpendituresCappedFrom, to: &out)
            out += "\n"
        }
        if let start = figures.marginalWindowStartPercent, let end = figures.marginalWindowEndPercent,
            let average = figures.averageMarginalRiskPercent, let lowest = figures.lowestMarginalRiskPercent
        {
            out += "  marginal risk over "
            appendWindow(start, end, average: average, lowest: lowest, to: &out)
            if let method = figures.marginalRiskMethod {
                out += "; "
                out += method.rawValue
                out += " rate applies"
                appendProvenance(figures.provenance?.marginalRiskMethod, to: &out)
            }
            if let minimum = figures.marginalRiskMinimumPercent {
                out += "; minimum "
                out += minimum.percentText
                appendProvenance(figures.provenance?.marginalRiskMinimumPercent, to: &out)
            }
            if let average = figures.averageMarginalRiskFromZeroPercent, let lowest = figures.lowestMarginalRiskFromZeroPercent {
                out += "; over "
                appendWindow(0, end, average: average, lowest: lowest, to: &out)
                appendProvenance(figures.provenance?.averageMarginalRiskFromZeroPercent, to: &out)
            }
            if let plain = figures.averageMarginalRiskWithoutAllowancesPercent {
                out += "; without allowances "
                out += plain.percentText
            }
            out += "\n"
        }
        if let met = figures.medicalHomeElementsMet {
            out += "  medical-home elements met: "
            out += String(met)
            out += " of 7 (needs "
            out += String(figures.medicalHomeElementsMinimum ?? 4)
            out += ")"
            appendProvenance(figures.provenance?.medicalHomeElementsMinimum, to: &out)
            out += "\n"
        }
        if let share = figures.medicalHomeAmountAtRiskPercent, let minimum = figures.medicalHomeMinimumPercent {
            out += "  medical-home amount at risk: "
            out += share.percentText
            out += " of revenue, minimum "
            out += minimum.percentText
            appendProvenance(figures.provenance?.medicalHomeMinimumPercent, to: &out)
            out += "\n"
        }
    }

    /// `(s, u]: average A, lowest L`.
    static func appendWindow(_ start: Exact, _ end: Exact, average: Exact, lowest: Exact, to out: inout ReportText) {
        out += "("
        out += start.percentText
        out += ", "
        out += end.percentText
        out += "]: average "
        out += average.percentText
        out += ", lowest "
        out += lowest.percentText
    }
}
