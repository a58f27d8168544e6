import Foundation
import OPAPMCore

/// What a reviewer filters the queue by; nil: any.
public struct ReviewFilter: Sendable, Equatable {
    public var payerType: String?
    public var year: Int?
    /// `approved`, `not-approved`, `incomplete`, or `unreadable` for a file that was not decided.
    public var determination: String?
    /// A finding id the arrangement's determination carries.
    public var rule: String?

    public init(payerType: String? = nil, year: Int? = nil, determination: String? = nil, rule: String? = nil) {
        self.payerType = payerType
        self.year = year
        self.determination = determination
        self.rule = rule
    }

    func admits(_ row: ReviewRow) -> Bool {
        (payerType == nil || row.payerType == payerType)
            && (year == nil || row.performanceYear == year)
            && (determination == nil || row.determination == determination)
            && (rule == nil || row.findings.contains { $0.caseInsensitiveCompare(rule ?? "") == .orderedSame })
    }
}

/// One line of the review queue: a file's arrangement for one requested year, or a file that could
/// not be decided.
public struct ReviewRow: Sendable, Codable, Equatable {
    /// The file's name in the workbench's directory.
    public var file: String
    public var payerType: String?
    public var payerName: String?
    public var arrangementId: String?
    public var performanceYear: Int?
    public var determination: String
    /// The finding ids of its errors and warnings, in the order the report gives them.
    public var findings: [String]
}

/// The queue of every submission in a directory, as `opapm check` decides each.
public enum ReviewQueue {
    /// Rows for `files` (name in the directory, and its determination), in the files' order.
    public static func rows(_ files: [(name: String, result: FileDetermination)]) -> [ReviewRow] {
        var rows: [ReviewRow] = []
        for (name, result) in files {
            let summary = result.summary
            if result.arrangements.isEmpty {
                rows.append(ReviewRow(file: name, payerType: summary?.payerType, payerName: summary?.payerName,
                    arrangementId: summary?.arrangementId, performanceYear: nil,
                    determination: result.unreadable || !result.loaded ? "unreadable" : "incomplete",
                    findings: result.findings.map(\.rule)))
                continue
            }
            for arrangement in result.arrangements {
                let ids = (result.findings + arrangement.findings).filter { $0.severity != .note }.map(\.rule)
                var unique: [String] = []
                for id in ids where !unique.contains(id) { unique.append(id) }
                rows.append(ReviewRow(file: name, payerType: summary?.payerType, payerName: summary?.payerName,
                    arrangementId: arrangement.id, performanceYear: arrangement.performanceYear,
                    determination: arrangement.determination.rawValue, findings: unique))
            }
        }
        return rows
    }

    public static func filtered(_ rows: [ReviewRow], by filter: ReviewFilter) -> [ReviewRow] {
        rows.filter(filter.admits)
    }
}

/// The workbench's review page: the queue with its filters, each row linking to the file's report.
public enum ReviewPage {
    public static func render(_ rows: [ReviewRow], filter: ReviewFilter, directory: String) -> String {
        let shown = ReviewQueue.filtered(rows, by: filter)
        var body = "<header><h1>Review queue</h1>\n<p class=\"summary\">\(HTMLText.escape(directory)): "
        body += "\(shown.count) of \(rows.count) determination(s) shown</p>\n<nav><a href=\"/new\">New submission</a>"
        for year in Set(rows.compactMap(\.performanceYear)).sorted() {
            body += " · <a href=\"/approved?year=\(year)\">approved list \(year)</a>"
        }
        body += "</nav></header>\n<main>\n"
        body += "<form method=\"get\" action=\"/\" class=\"filters\">\n"
        body += select("payerType", "payer type", Set(rows.compactMap(\.payerType)).sorted(), filter.payerType)
        body += select("year", "year", Set(rows.compactMap(\.performanceYear)).sorted().map(String.init), filter.year.map(String.init))
        body += select("determination", "determination", Set(rows.map(\.determination)).sorted(), filter.determination)
        body += select("rule", "finding", Set(rows.flatMap(\.findings)).sorted(), filter.rule)
        body += "<button type=\"submit\">Filter</button> <a href=\"/\">clear</a>\n</form>\n"
        body += "<table class=\"queue\"><thead><tr><th scope=\"col\">file</th><th scope=\"col\">payer</th>"
        body += "<th scope=\"col\">arrangement</th><th scope=\"col\">year</th><th scope=\"col\">determination</th>"
        body += "<th scope=\"col\">findings</th></tr></thead><tbody>\n"
        for row in shown {
            let link = "/files/" + (row.file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? "")
            let edit = "/edit/" + (row.file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? "")
            body += "<tr class=\"\(HTMLText.escape(row.determination))\"><td><a href=\"\(HTMLText.escape(link))\">\(HTMLText.escape(row.file))</a>"
            body += " <small><a href=\"\(HTMLText.escape(edit))\">edit</a></small></td>"
            body += "<td>\(HTMLText.escape(row.payerName ?? "")) <small>\(HTMLText.escape(row.payerType ?? ""))</small></td>"
            body += "<td>\(HTMLText.escape(row.arrangementId ?? ""))</td><td>\(row.performanceYear.map(String.init) ?? "")</td>"
            body += "<td>\(HTMLText.escape(row.determination))</td><td>\(HTMLText.escape(row.findings.joined(separator: " ")))</td></tr>\n"
        }
        body += "</tbody></table>\n</main>\n"
        return HTMLPage.opening(title: "opapm workbench: review", style: style, formsSubmitHere: true) + body
            + HTMLPage.closing(script: nil)
    }

    static func select(_ name: String, _ label: String, _ values: [String], _ chosen: String?) -> String {
        var html = "<label>\(HTMLText.escape(label)) <select name=\"\(name)\"><option value=\"\">any</option>"
        for value in values {
            html += "<option\(value == chosen ? " selected" : "")>\(HTMLText.escape(value))</option>"
        }
        return html + "</select></label>\n"
    }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1b1b;overflow-wrap:anywhere}
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
        tr.not-approved td:nth-child(5){color:#a4000f;font-weight:600}tr.approved td:nth-child(5){color:#00622e;font-weight:600}
        .filters{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}small{color:#555}td:nth-child(4),td:nth-child(5){white-space:nowrap}
        """
}
