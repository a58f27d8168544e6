import Foundation
import OPAPMCore

/// Reports for `opapm qp`: text for people, JSON and CSV for tools.
public enum QPReport {
    public static func text(_ results: [QPResult]) -> String {
        var out = ""
        for result in results {
            out += "\(DisplayText.safe(result.id)) (\(DisplayText.safe(result.name)), \(result.level.rawValue)), PY\(result.performanceYear): "
            out += label(result.status) + "\n"
            out += "  \(DisplayText.safe(result.reason))\n"
            if let bonus = result.bonusPercent {
                out += bonus > 0
                    ? "  APM incentive: \(bonus.percentText), paid in \(result.performanceYear + 2)\n"
                    : "  APM incentive: none for PY\(result.performanceYear)\n"
            }
            for score in result.scores {
                var line = "  \(score.snapshot.rawValue) \(score.method.rawValue): Medicare \(score.medicareScore.percentText)"
                if let group = score.groupMedicareScore { line += " (APM Entity group \(group.percentText))" }
                if score.medicareOptionScore == nil { line += " (no Medicare Option determination at this level)" }
                if let weighted = score.allPayerMedicareScore, weighted != score.medicareScore {
                    line += ", weighted Medicare \(weighted.percentText)"
                }
                if let all = score.allPayerScore { line += ", All-Payer \(all.percentText)" }
                out += line + "\n"
            }
            for finding in result.findings {
                out += "  \(finding.severity.rawValue): [\(finding.id)] \(DisplayText.safe(finding.message))\n"
            }
            for note in result.notes { out += "  note: \(DisplayText.safe(note))\n" }
            // Each threshold or incentive that is not codified, on its own line with its provenance and source.
            for row in result.thresholds where row.provenance != .codified {
                out += "  law: \(row.name) \(row.value) [\(row.provenance.rawValue): \(row.source)]\n"
            }
        }
        let counts = Dictionary(grouping: results, by: \.status).mapValues(\.count)
        out += "\(counts[.qp] ?? 0) QP, \(counts[.partialQP] ?? 0) Partial QP, \(counts[.none] ?? 0) neither\n"
        return out
    }

    public static func label(_ status: QPStatus) -> String {
        switch status {
        case .qp: return "QP"
        case .partialQP: return "Partial QP"
        case .none: return "not a QP"
        }
    }

    public static func csv(_ results: [QPResult]) -> String {
        var out = "id,name,level,performance_year,status,option,method,snapshot,medicare_score,all_payer_score,bonus_percent,reason\r\n"
        for result in results {
            let medicare: String = result.medicareScore.map { "\($0)" } ?? ""
            let allPayer: String = result.allPayerScore.map { "\($0)" } ?? ""
            let bonus: String = result.bonusPercent.map { "\($0)" } ?? ""
            var fields: [String] = [result.id, result.name, result.level.rawValue, String(result.performanceYear)]
            fields.append(result.status.rawValue)
            fields.append(result.option?.rawValue ?? "")
            fields.append(result.method?.rawValue ?? "")
            fields.append(result.snapshot?.rawValue ?? "")
            fields += [medicare, allPayer, bonus, result.reason]
            out += fields.map { field(DisplayText.safe($0)) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// RFC 4180: quote fields holding commas, quotes or line breaks; double the quotes. A field a
    /// spreadsheet would take for a formula (OWASP, CSV Injection: it starts with `=`, `+`, `-`, `@`,
    /// tab or carriage return) is quoted with a `'` before it, so it shows as text and never runs.
    static func field(_ value: String) -> String {
        if startsLikeFormula(value) { return "\"'" + ASCIIReplacement.replacing(in: value, quoteDoubled) + "\"" }
        guard needsQuotes(value) else { return value }
        return "\"" + ASCIIReplacement.replacing(in: value, quoteDoubled) + "\""
    }

    static func startsLikeFormula(_ value: String) -> Bool {
        switch value.utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }

    static func needsQuotes(_ value: String) -> Bool {
        func special(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
        // Scanned as the string's own bytes where it has them (it nearly always does): stepping through
        // the UTF-8 view cost several times as much per byte.
        return value.utf8.withContiguousStorageIfAvailable { $0.contains(where: special) } ?? value.utf8.contains(where: special)
    }

    /// Inside a quoted field a quote is written twice.
    static func quoteDoubled(_ byte: UInt8) -> String? {
        byte == UInt8(ascii: "\"") ? "\"\"" : nil
    }
}

/// The top-level shape of `qp --format json`.
public struct QPReportDocument: Codable, Sendable {
    public var results: [QPResult]
    public init(results: [QPResult]) { self.results = results }
}
