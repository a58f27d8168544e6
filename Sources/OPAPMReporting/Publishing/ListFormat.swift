import Foundation
import OPAPMCore
import OPAPMXML

/// The formats `publish` writes, each to `approved-arrangements-PY.EXT`.
public enum ListFormat: String, CaseIterable, Sendable, ListRendition {
    case csv, json, xml, html, md

    public func fileName(year: Int) -> String { "approved-arrangements-\(year).\(rawValue)" }

    /// The formats in the order to start them when they are rendered side by side: costliest per row
    /// first (JSON, then XML, HTML, Markdown, CSV, timed on 10,000 rows; docs/performance.md), so
    /// that the threads finish together.
    public static func costliestFirst(_ formats: [ListFormat]) -> [ListFormat] {
        formats.sorted { $0.startRank < $1.startRank }
    }

    private var startRank: Int {
        switch self {
        case .json: return 0
        case .xml: return 1
        case .html: return 2
        case .md: return 3
        case .csv: return 4
        }
    }

    /// The file's bytes. Bytes, not a `String`: each format is megabytes for a large list, which a
    /// `String` would copy and check for UTF-8 once more before it was written.
    /// Every format but JSON shows the list's text made safe first (`PublishedList.forDisplay`).
    public func render(_ list: PublishedList, changes: ListChanges?) throws -> [UInt8] {
        switch self {
        case .json: return try JSONOutput.encodeBytes(list)
        case .xml: return try ListXML.render(list.forDisplay)
        case .csv: return ListCSV.render(list.forDisplay)
        case .md: return ListMarkdown.render(list.forDisplay, changes: changes)
        case .html: return ListHTML.render(list.forDisplay)
        }
    }
}

extension PublishedList {
    /// Where the rows of `group` are, in list order: positions, not copies of the rows.
    func positions(in group: PayerGroup) -> [Int] {
        arrangements.indices.filter { arrangements[$0].group == group }
    }
}

/// The list's columns, in publishing order, shared by CSV, Markdown and HTML. `value` is the code CSV
/// writes (as JSON does); `label` what people read in Markdown and HTML.
enum ListColumns {
    typealias Column = (key: String, title: String, value: @Sendable (PublishedRow) -> String, label: @Sendable (PublishedRow) -> String)

    /// The columns of `list`: the source file only when the list names it (`--with-source`).
    static func of(_ list: PublishedList) -> [Column] {
        list.arrangements.contains { $0.sourceFile != nil } ? all : all.filter { $0.key != "sourceFile" }
    }

    static let all: [Column] = [
        ("group", "Payer group", { $0.group.rawValue }, { $0.group.title }),
        ("payerName", "Payer", { $0.payerName }, { $0.payerName }),
        ("payerType", "Payer type", { $0.payerType }, { label(payerType: $0.payerType) }),
        ("arrangementId", "Arrangement id", { $0.arrangementId }, { $0.arrangementId }),
        ("arrangementName", "Arrangement", { $0.arrangementName }, { $0.arrangementName }),
        ("states", "States", { $0.states.joined(separator: " ") }, { $0.states.joined(separator: " ") }),
        ("counties", "Counties (Title XIX)", { $0.counties?.joined(separator: " ") ?? "" },
            { $0.counties?.joined(separator: " ") ?? ($0.group == .medicaid ? "statewide" : "") }),
        ("performanceYears", "Performance years", { $0.performanceYears.map(String.init).joined(separator: " ") },
            { $0.performanceYears.map(String.init).joined(separator: " ") }),
        ("basis", "Basis", { $0.basis }, { label(basis: $0.basis) }),
        ("process", "Process", { $0.process }, { label(process: $0.process) }),
        ("submissionDate", "Submitted", { $0.submissionDate }, { $0.submissionDate }),
        ("sourceFile", "Source file", { $0.sourceFile ?? "" }, { $0.sourceFile ?? "" }),
    ]

    static func label(payerType: String) -> String {
        switch payerType {
        case "medicaid-ffs": "Medicaid fee-for-service"
        case "medicaid-managed-care": "Medicaid managed care"
        case "medicare-advantage": "Medicare Advantage"
        case "medicare-medicaid-plan": "Medicare-Medicaid Plan"
        case "cost-plan-1876": "Section 1876 cost plan"
        case "cost-plan-1833": "Section 1833 cost plan"
        case "pace": "PACE"
        case "commercial": "Commercial"
        case "other": "Other payer"
        default: payerType
        }
    }

    static func label(basis: String) -> String {
        switch basis {
        case "financial-risk": "Financial risk"
        case "medical-home": "Medical home"
        case "capitation": "Full capitation"
        default: basis
        }
    }

    static func label(process: String) -> String {
        switch process {
        case "payer-initiated": "Payer initiated"
        case "clinician-initiated": "Eligible clinician initiated"
        default: process
        }
    }
}

/// RFC 4180 CSV with a header row and CRLF line ends.
enum ListCSV {
    static func render(_ list: PublishedList) -> [UInt8] {
        var out = ReportText(capacity: list.arrangements.count * 192 + 256)
        let columns = ListColumns.of(list)
        out.append(columns.map(\.key).joined(separator: ","))
        out.append("\r\n")
        for row in list.arrangements {
            for (index, column) in columns.enumerated() {
                if index > 0 { out.append(",") }
                // `QPReport.field`, written in place.
                let value = column.value(row)
                if QPReport.startsLikeFormula(value) {
                    out.append("\"'")
                    out.append(value, replacing: QPReport.quoteDoubled)
                    out.append("\"")
                } else if QPReport.needsQuotes(value) {
                    out.append("\"")
                    out.append(value, replacing: QPReport.quoteDoubled)
                    out.append("\"")
                } else {
                    out.append(value)
                }
            }
            out.append("\r\n")
        }
        return out.bytes
    }
}

/// XML valid against schemas/approved-list.xsd, written by libxml2.
enum ListXML {
    static func render(_ list: PublishedList) throws -> [UInt8] {
        let xml = try XMLDocumentWriter()
        xml.start("approvedList")
        xml.attribute("xmlns", "urn:opapm:approved-list:1")
        xml.attribute("performanceYear", "\(list.performanceYear)")
        if let asOf = list.asOf { xml.attribute("asOf", asOf) }
        for group in PayerGroup.allCases {
            let rows = list.positions(in: group)
            guard !rows.isEmpty else { continue }
            xml.start("group", ["id": group.rawValue, "title": group.title])
            for index in rows {
                let row = list.arrangements[index]
                xml.start("arrangement", ["id": row.arrangementId])
                xml.element("name", row.arrangementName)
                xml.element("payerName", row.payerName)
                xml.element("payerType", row.payerType)
                xml.start("states")
                for state in row.states { xml.element("state", state) }
                xml.end()
                if let counties = row.counties {
                    xml.start("counties")
                    for county in counties { xml.element("county", county) }
                    xml.end()
                }
                xml.start("performanceYears")
                for year in row.performanceYears { xml.element("year", "\(year)") }
                xml.end()
                xml.element("basis", row.basis)
                xml.element("process", row.process)
                xml.element("submissionDate", row.submissionDate)
                if let source = row.sourceFile { xml.element("sourceFile", source) }
                xml.end()
            }
            xml.end()
        }
        for skipped in list.skipped {
            xml.element("skipped", skipped.reason, ["file": skipped.file])
        }
        xml.end()
        return try xml.finishBytes()
    }
}

/// Markdown: a table per payer group, then what changed since the previous list.
public enum ListMarkdown {
    /// Text in a table cell or list item, shown as written: made safe to show (`DisplayText`), HTML's
    /// `<`, `>` and `&` as entities (GitHub renders raw HTML), and every character Markdown gives a
    /// meaning (emphasis, links and images, code, headings, table pipes) escaped with a backslash.
    static func cell(_ text: String) -> String {
        // A line break in a cell reads as a space; only then are the other controls shown as codes.
        let oneLine = text.contains(where: \.isNewline) ? String(text.map { $0.isNewline ? " " : $0 }) : text
        return ASCIIReplacement.replacing(in: DisplayText.safe(oneLine), cellReplacement)
    }

    static func cellReplacement(_ byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "|"): "\\|"
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): " "
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "\\"): "\\\\"
        case UInt8(ascii: "`"): "\\`"
        case UInt8(ascii: "*"): "\\*"
        case UInt8(ascii: "_"): "\\_"
        case UInt8(ascii: "["): "\\["
        case UInt8(ascii: "]"): "\\]"
        case UInt8(ascii: "("): "\\("
        case UInt8(ascii: ")"): "\\)"
        case UInt8(ascii: "!"): "\\!"
        case UInt8(ascii: "#"): "\\#"
        case UInt8(ascii: "~"): "\\~"
        default: nil
        }
    }

    /// A code span that holds `text` whatever backticks it has: fenced by one backtick more than its
    /// longest run, padded with a space where it starts or ends with one (CommonMark 6.1).
    static func codeSpan(_ text: String) -> String {
        let text = DisplayText.safe(text).replacingOccurrences(of: "\n", with: " ")
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text + pad + fence
    }

    static func render(_ list: PublishedList, changes: ListChanges?) -> [UInt8] {
        var out = ReportText(capacity: list.arrangements.count * 192 + 4096)
        out.append("# Other Payer Advanced APMs, performance year \(list.performanceYear)\n\n")
        if let asOf = list.asOf { out.append("As of \(asOf).\n\n") }
        out.append("\(list.arrangements.count) approved arrangement(s).\n")
        let columns = ListColumns.of(list).dropFirst()
        for group in PayerGroup.allCases {
            let rows = list.positions(in: group)
            out.append("\n## \(group.title)\n\n")
            guard !rows.isEmpty else {
                out.append("None.\n")
                continue
            }
            out.append("| " + columns.map(\.title).joined(separator: " | ") + " |\n")
            out.append("|" + String(repeating: "---|", count: columns.count) + "\n")
            for index in rows {
                let row = list.arrangements[index]
                out.append("|")
                for column in columns {
                    out.append(" ")
                    out.append(column.label(row), replacing: cellReplacement)
                    out.append(" |")
                }
                out.append("\n")
            }
        }
        if !list.skipped.isEmpty {
            out.append("\n## Files not listed\n\n")
            for skipped in list.skipped { out.append("- \(codeSpan(skipped.file)): \(cell(skipped.reason))\n") }
        }
        if let changes {
            out.append("\n## Changes since the previous list\n\n")
            if changes.isEmpty { out.append("No changes.\n") }
            for row in changes.added {
                out.append("- added: \(cell(row.arrangementId)) (\(cell(row.arrangementName)), \(cell(row.payerName)))\n")
            }
            for row in changes.removed {
                out.append("- removed: \(cell(row.arrangementId)) (\(cell(row.arrangementName)), \(cell(row.payerName)))\n")
            }
            for change in changes.changed {
                out.append("- changed: \(cell(change.after.arrangementId)) (\(cell(change.after.arrangementName)))\n")
            }
        }
        return out.bytes
    }

    /// The same changes as plain lines, for the terminal.
    public static func changeLines(_ changes: ListChanges) -> String {
        if changes.isEmpty { return "no changes since the previous list\n" }
        var out = ""
        let shown = { (row: PublishedRow) in DisplayText.safe(row.arrangementId) + " " + DisplayText.safe(row.arrangementName) }
        for row in changes.added { out += "added: \(shown(row))\n" }
        for row in changes.removed { out += "removed: \(shown(row))\n" }
        for change in changes.changed { out += "changed: \(shown(change.after))\n" }
        return out
    }
}
