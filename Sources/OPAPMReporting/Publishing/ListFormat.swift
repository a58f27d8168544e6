import Foundation
import OPAPMCore
import OPAPMXML

/// The formats `publish` writes, each to `approved-arrangements-PY.EXT`.
public enum ListFormat: String, CaseIterable, Sendable {
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

    public func render(_ list: PublishedList, changes: ListChanges?) throws -> String {
        switch self {
        case .json: return try JSONOutput.encode(list)
        case .xml: return try ListXML.render(list)
        case .csv: return ListCSV.render(list)
        case .md: return ListMarkdown.render(list, changes: changes)
        case .html: return ListHTML.render(list)
        }
    }
}

extension PublishedList {
    /// Where the rows of `group` are, in list order: positions, not copies of the rows.
    func positions(in group: PayerGroup) -> [Int] {
        arrangements.indices.filter { arrangements[$0].group == group }
    }
}

/// The list's columns, in publishing order, shared by CSV, Markdown and HTML.
enum ListColumns {
    static let all: [(key: String, title: String, value: @Sendable (PublishedRow) -> String)] = [
        ("group", "Payer group", { $0.group.title }),
        ("payerName", "Payer", { $0.payerName }),
        ("payerType", "Payer type", { $0.payerType }),
        ("arrangementId", "Arrangement id", { $0.arrangementId }),
        ("arrangementName", "Arrangement", { $0.arrangementName }),
        ("states", "States", { $0.states.joined(separator: " ") }),
        ("performanceYears", "Performance years", { $0.performanceYears.map(String.init).joined(separator: " ") }),
        ("basis", "Basis", { $0.basis }),
        ("process", "Process", { $0.process }),
        ("submissionDate", "Submitted", { $0.submissionDate }),
        ("sourceFile", "Source file", { $0.sourceFile }),
    ]
}

/// RFC 4180 CSV with a header row and CRLF line ends.
enum ListCSV {
    static func render(_ list: PublishedList) -> String {
        var out = ListColumns.all.map(\.key).joined(separator: ",") + "\r\n"
        out.reserveCapacity(list.arrangements.count * 192)
        // Each field appended in place: a list of tens of thousands of rows made and joined an array of
        // strings per row.
        for row in list.arrangements {
            for (index, column) in ListColumns.all.enumerated() {
                if index > 0 { out += "," }
                out += QPReport.field(column.value(row))
            }
            out += "\r\n"
        }
        return out
    }
}

/// XML valid against schemas/approved-list.xsd, written by libxml2.
enum ListXML {
    static func render(_ list: PublishedList) throws -> String {
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
                xml.start("performanceYears")
                for year in row.performanceYears { xml.element("year", "\(year)") }
                xml.end()
                xml.element("basis", row.basis)
                xml.element("process", row.process)
                xml.element("submissionDate", row.submissionDate)
                xml.element("sourceFile", row.sourceFile)
                xml.end()
            }
            xml.end()
        }
        for skipped in list.skipped {
            xml.element("skipped", skipped.reason, ["file": skipped.file])
        }
        xml.end()
        return try xml.finish()
    }
}

/// Markdown: a table per payer group, then what changed since the previous list.
public enum ListMarkdown {
    static func cell(_ text: String) -> String {
        ASCIIReplacement.replacing(in: text) { byte in
            switch byte {
            case UInt8(ascii: "|"): "\\|"
            case UInt8(ascii: "\n"): " "
            default: nil
            }
        }
    }

    static func render(_ list: PublishedList, changes: ListChanges?) -> String {
        var out = "# Other Payer Advanced APMs, performance year \(list.performanceYear)\n\n"
        out.reserveCapacity(list.arrangements.count * 192 + 4096)
        if let asOf = list.asOf { out += "As of \(asOf).\n\n" }
        out += "\(list.arrangements.count) approved arrangement(s).\n"
        let columns = ListColumns.all.dropFirst()
        for group in PayerGroup.allCases {
            let rows = list.positions(in: group)
            out += "\n## \(group.title)\n\n"
            guard !rows.isEmpty else {
                out += "None.\n"
                continue
            }
            out += "| " + columns.map(\.title).joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: "---|", count: columns.count) + "\n"
            for index in rows {
                let row = list.arrangements[index]
                out += "|"
                for column in columns {
                    out += " "
                    out += cell(column.value(row))
                    out += " |"
                }
                out += "\n"
            }
        }
        if !list.skipped.isEmpty {
            out += "\n## Files not listed\n\n"
            for skipped in list.skipped { out += "- `\(skipped.file)`: \(cell(skipped.reason))\n" }
        }
        if let changes {
            out += "\n## Changes since the previous list\n\n"
            if changes.isEmpty { out += "No changes.\n" }
            for row in changes.added { out += "- added: \(row.arrangementId) (\(cell(row.arrangementName)), \(cell(row.payerName)))\n" }
            for row in changes.removed { out += "- removed: \(row.arrangementId) (\(cell(row.arrangementName)), \(cell(row.payerName)))\n" }
            for change in changes.changed {
                out += "- changed: \(change.after.arrangementId) (\(cell(change.after.arrangementName)))\n"
            }
        }
        return out
    }

    /// The same changes as plain lines, for the terminal.
    public static func changeLines(_ changes: ListChanges) -> String {
        if changes.isEmpty { return "no changes since the previous list\n" }
        var out = ""
        for row in changes.added { out += "added: \(row.arrangementId) \(row.arrangementName)\n" }
        for row in changes.removed { out += "removed: \(row.arrangementId) \(row.arrangementName)\n" }
        for change in changes.changed { out += "changed: \(change.after.arrangementId) \(change.after.arrangementName)\n" }
        return out
    }
}
