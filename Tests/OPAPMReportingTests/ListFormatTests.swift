import Foundation
import Testing

@testable import OPAPMCore
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
        var basis, process, submissionDate, sourceFile: String
    }

    struct SynthesizedList: Encodable {
        var performanceYear: Int
        var asOf: String?
        var arrangements: [SynthesizedRow]
        var skipped: [SkippedFile]
    }

    @Test func rowJSONIsWhatCodableWouldSynthesize() throws {
        let list = Self.list
        let mirror = SynthesizedList(
            performanceYear: list.performanceYear, asOf: list.asOf,
            arrangements: list.arrangements.map {
                SynthesizedRow(
                    group: $0.group, payerName: $0.payerName, payerType: $0.payerType, arrangementId: $0.arrangementId,
                    arrangementName: $0.arrangementName, states: $0.states, performanceYears: $0.performanceYears,
                    basis: $0.basis, process: $0.process, submissionDate: $0.submissionDate, sourceFile: $0.sourceFile)
            },
            skipped: list.skipped)
        let written = try JSONOutput.encode(list)
        #expect(written == (try JSONOutput.encode(mirror)))
        #expect(try JSONDecoder().decode(PublishedList.self, from: Data(written.utf8)) == list)
    }
}
