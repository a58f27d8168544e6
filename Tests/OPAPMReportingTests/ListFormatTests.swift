import Foundation
import Testing

@testable import OPAPMCore
@testable import OPAPMEngine
@testable import OPAPMFiles
@testable import OPAPMLaw
@testable import OPAPMModel
@testable import OPAPMPublishing
@testable import OPAPMQP
@testable import OPAPMRules
@testable import OPAPMReporting

/// The list formats on a small list with the awkward cases: no states, several years, characters each
/// format must escape, a group with no rows, skipped files.
@Suite struct ListFormatTests {
    static let list = PublishedList(
        performanceYear: 2024, asOf: "2024-06-30",
        arrangements: [
            PublishedRow(
                group: .medicaid, payerName: "State \"Medicaid\" Agency, Colorado", payerType: "medicaid-ffs",
                arrangementId: "CO-1", arrangementName: "Primary care | <alliance> & co\nline two",
                states: ["CO", "WY"], performanceYears: [2023, 2024], basis: "financial-risk",
                process: "payer-initiated", submissionDate: "2023-03-15", sourceFile: "in/co 1.xml"),
            PublishedRow(
                group: .otherPayers, payerName: "Peña Clínica — “plan” 医疗", payerType: "commercial",
                arrangementId: "PC/2", arrangementName: "Tab\there, back\\slash", states: [],
                performanceYears: [2024], basis: "capitation", process: "clinician-initiated",
                submissionDate: "2023-09-01", sourceFile: "in/pc'2.xml"),
        ],
        skipped: [SkippedFile(file: "in/bad.xml", reason: "cannot be read or parsed: [XML001] line 3: <oops>")])

    /// What `Codable` synthesizes for a row, kept here to hold the hand-written `encode(to:)` to it.
    struct SynthesizedRow: Encodable {
        var group: PayerGroup
        var payerName, payerType, arrangementId, arrangementName: String
        var states: [String]
        var performanceYears: [Int]
        var basis, process, submissionDate: String
        var sourceFile: String?
        var counties: [String]?
    }

    struct SynthesizedList: Encodable {
        var performanceYear: Int
        var asOf: String?
        var arrangements: [SynthesizedRow]
        var skipped: [SkippedFile]
    }

    static var undatedAndEmpty: [PublishedList] {
        var undated = list
        undated.asOf = nil
        var empty = undated
        empty.arrangements = []
        empty.skipped = []
        return [undated, empty]
    }

    @Test(arguments: [list] + undatedAndEmpty)
    func listJSONIsWhatCodableWouldSynthesize(list: PublishedList) throws {
        let mirror = SynthesizedList(
            performanceYear: list.performanceYear, asOf: list.asOf,
            arrangements: list.arrangements.map {
                SynthesizedRow(
                    group: $0.group, payerName: $0.payerName, payerType: $0.payerType, arrangementId: $0.arrangementId,
                    arrangementName: $0.arrangementName, states: $0.states, performanceYears: $0.performanceYears,
                    basis: $0.basis, process: $0.process, submissionDate: $0.submissionDate, sourceFile: $0.sourceFile,
                    counties: $0.counties)
            },
            skipped: list.skipped)
        let written = try JSONOutput.encode(list)
        #expect(written == (try JSONOutput.encode(mirror)))
        #expect(try JSONDecoder().decode(PublishedList.self, from: Data(written.utf8)) == list)
    }
}

/// The byte-level writers give what the string-level escapers give, character for character.
@Suite struct ReportTextTests {
    static let samples = [
        "", "plain", "Tom & Jerry's <b>\"plan\"</b>", "&leading", "trailing>", "Peña Clínica — “plan” 医疗 & co",
        "A | B\nC", "|", "a,b", "say \"hi\"", "line\r\nbreak", "😀&😀", String(repeating: "x&", count: 300),
    ]

    @Test func replacingAppendMatchesASCIIReplacement() {
        for replacement in [HTMLText.replacement, ListMarkdown.cellReplacement, QPReport.quoteDoubled] {
            for sample in Self.samples {
                var text = ReportText(capacity: 0)
                text.append("before ")
                text.append(sample, replacing: replacement)
                #expect(String(decoding: text.bytes, as: UTF8.self)
                    == "before " + ASCIIReplacement.replacing(in: sample, replacement))
            }
        }
    }

    @Test func csvRowsQuoteExactlyTheFieldsQPReportQuotes() throws {
        let csv = String(decoding: ListCSV.render(ListFormatTests.list), as: UTF8.self)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == ListColumns.all.map(\.key).joined(separator: ","))
        let first = ListFormatTests.list.arrangements[0]
        #expect(lines[1] == ListColumns.all.map { QPReport.field($0.value(first)) }.joined(separator: ","))
        #expect(csv.contains("\"State \"\"Medicaid\"\" Agency, Colorado\""))
        #expect(csv.contains("\"Primary care | <alliance> & co\nline two\""))
        #expect(csv.hasSuffix("\r\n"))
    }

    @Test func markdownAndHTMLCellsAreEscaped() {
        let markdown = String(decoding: ListMarkdown.render(ListFormatTests.list, changes: nil), as: UTF8.self)
        #expect(markdown.contains("| Primary care \\| &lt;alliance&gt; &amp; co line two |"))
        #expect(markdown.contains("| Peña Clínica — “plan” 医疗 |"))
        #expect(markdown.contains("## Other payers"))
        #expect(markdown.contains("## Aligned with CMS Multi-Payer Models\n\nNone.\n"))
        #expect(markdown.contains("- `in/bad.xml`: cannot be read or parsed: \\[XML001\\] line 3: &lt;oops&gt;"))
        let html = String(decoding: ListHTML.render(ListFormatTests.list), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains(">Primary care | &lt;alliance&gt; &amp; co\nline two</td>"))
        #expect(html.contains("data-id=\"PC/2\""))
        #expect(html.contains(">State &quot;Medicaid&quot; Agency, Colorado</td>"))
        #expect(html.contains(" · as of 2024-06-30</p>"))
        #expect(html.hasSuffix("</script>\n</body>\n</html>\n"))
    }
}
