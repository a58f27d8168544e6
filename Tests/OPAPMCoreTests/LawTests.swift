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

/// The law file: checked whole when loaded, compiled in as written, and read year by year.
@Suite struct LawTests {
    static func document() throws -> LawDocument {
        let data = try Data(contentsOf: URL(fileURLWithPath: repositoryPath("law/opapm-law.json")))
        return try JSONDecoder().decode(LawDocument.self, from: data)
    }

    @Test func theBuiltInLawIsTheFileInLawAndIsValid() throws {
        let file = try String(contentsOfFile: repositoryPath("law/opapm-law.json"), encoding: .utf8)
        #expect(EmbeddedLaw.text + "\n" == file, "run scripts/embed-schemas")
        // The values compiled in are the file's, as decoding it gives them.
        #expect(EmbeddedLaw.document == (try Self.document()), "run scripts/embed-schemas")
        let law = Law.builtIn
        #expect(law.years == 2017...2027)
        for year in law.years {
            #expect(law.entries(for: year).count == LawKey.allCases.count, "\(year)")
            // Each key finds its own entry: the tables are indexed by the key's ordinal.
            for key in LawKey.allCases { #expect(law.entry(key, year)?.key == key.rawValue, "\(key) \(year)") }
        }
        #expect(law.entry(.cehrtTest, 2016) == nil && law.entry(.cehrtTest, 2028) == nil && law.entries(for: 2028).isEmpty)
    }

    /// A deadline is a day every year has, before or in the performance year, or the MA bid deadline.
    @Test func deadlinesReadAsWritten() {
        #expect(Deadline("04-01 prior")?.day == .date(month: 4, day: 1) && Deadline("04-01 prior")?.yearsBefore == 1)
        #expect(Deadline("12-31 same")?.day == .date(month: 12, day: 31) && Deadline("12-31 same")?.yearsBefore == 0)
        #expect(Deadline("02-28 prior")?.date(for: 2024) == CalendarDate(year: 2023, month: 2, day: 28))
        #expect(Deadline("first-monday-june prior")?.date(for: 2021) == CalendarDate(year: 2020, month: 6, day: 1))
        for bad in ["02-29 prior", "04-31 prior", "13-01 prior", "00-10 prior", "04-00 same", "04-01", "04-01 later",
            "04-01-2020 prior", "april prior", ""]
        {
            #expect(Deadline(bad) == nil, "\(bad)")
        }
    }

    /// A key's ordinal is its place in `allCases` (what the law's tables are indexed by).
    @Test func aKeysOrdinalIsItsPlace() {
        #expect(MemoryLayout<LawKey>.size == 1)
        for (place, key) in LawKey.allCases.enumerated() { #expect(key.ordinal == place, "\(key)") }
        #expect(LawKey.allCases.filter(\.isDeadline).map(\.rawValue) == LawKey.allCases.map(\.rawValue).filter { $0.hasPrefix("deadline") })
    }

    /// Every value carries where it was read; no entry lacks a paragraph, an amendment or a provenance,
    /// and a codified value names the snapshot it was read in.
    @Test func everyEntryNamesItsSource() throws {
        for entry in try Self.document().entries {
            #expect(!entry.paragraph.isEmpty && !entry.amendment.isEmpty, "\(entry.key) \(entry.from)")
            if entry.provenance == .codified {
                #expect(entry.snapshot?.hasPrefix("MichalOpoka/ecfr@") == true, "\(entry.key) \(entry.from)")
            }
        }
    }

    @Test func aBrokenLawIsRefusedWithItsReason() throws {
        let cases: [(change: (inout LawDocument) -> Void, says: String)] = [
            ({ $0.entries.removeAll { $0.key == "smallLossPercent" } }, "smallLossPercent has no value for 2017"),
            ({ document in
                var twice = document.entries.first { $0.key == "cehrtMinimumPercent" && $0.from == 2020 }!
                twice.from = 2024
                document.entries.append(twice)
            }, "a second value for 2024"),
            ({ $0.entries[0].key = "cehrtMinimumPercnt" }, "unknown key"),
            ({ document in
                let index = document.entries.firstIndex { $0.key == "marginalRiskMinimumPercent" }!
                document.entries[index].value = .text("30%")
            }, "must be a percent from 0 to 100"),
            ({ document in
                let index = document.entries.firstIndex { $0.key == "marginalRiskMethod" }!
                document.entries[index].value = .text("median")
            }, "must be one of lowest, average"),
            ({ $0.entries[0].from = 2016 }, "outside 2017–2027"),
            ({ document in
                let index = document.entries.firstIndex { $0.key == "deadlineTitleXIXPayerInitiated" }!
                document.entries[index].value = .text("April 1")
            }, "must be \"MM-DD prior\""),
            ({ $0.format = "opapm-law/9" }, "this opapm reads opapm-law/1"),
        ]
        for (change, says) in cases {
            var document = try Self.document()
            change(&document)
            do {
                _ = try Law(document, origin: "test.json")
                Issue.record("accepted a law that should say: \(says)")
            } catch {
                #expect(error.description.hasPrefix("test.json: "), "\(error.description)")
                #expect(error.description.contains(says), "\(error.description)")
            }
        }
    }

    func parameters(_ year: Int) throws -> PerformanceYearParameters { try PerformanceYearTable.parameters(for: year) }

    /// Section 6 of the brief, at each period's boundary.
    @Test func valuesChangeAtTheirPeriodBoundaries() throws {
        #expect(try !parameters(2018).otherPayerDeterminations.value)
        #expect(try parameters(2019).otherPayerDeterminations.value)
        #expect(try parameters(2019).totalPotentialRiskPercent.value == 4)
        #expect(try parameters(2020).totalPotentialRiskPercent.value == nil)
        #expect(try parameters(2019).cehrtMinimumPercent.value == 50)
        #expect(try parameters(2020).cehrtMinimumPercent.value == 75)
        #expect(try parameters(2019).marginalRiskMethod.value == .lowest)
        #expect(try parameters(2020).marginalRiskMethod.value == .average)
        #expect(try parameters(2019).qcdrMeasuresAreMIPSMeasures.value)
        #expect(try !parameters(2020).qcdrMeasuresAreMIPSMeasures.value)
        #expect(try parameters(2022).outcomeMeasureRule.value == "additional-outcome-measure")
        #expect(try parameters(2023).outcomeMeasureRule.value == "outcome-measure-may-be-the-same")
        #expect(try parameters(2022).medicalHomeLimitBasis.value == "owning-organization")
        #expect(try parameters(2023).medicalHomeLimitBasis.value == "apm-entity")
        #expect(try parameters(2019).medicalHomeMinimumPercent.value == 3)
        #expect(try parameters(2020).medicalHomeMinimumPercent.value == 4)
        #expect(try parameters(2021).medicalHomeMinimumPercent.value == 5)
        #expect(try !parameters(2019).expectedExpendituresCap.value)
        #expect(try parameters(2020).expectedExpendituresCap.value)
        #expect(try parameters(2023).nominalRevenuePercent.provenance == .codified)
        #expect(try parameters(2024).nominalRevenuePercent.provenance == .unverified)
        #expect(try parameters(2024).maximumYearsCovered.provenance == .secondary)
    }

    @Test func deadlinesComeFromTheLaw() throws {
        func closes(_ key: LawKey, _ year: Int) throws -> CalendarDate? {
            try parameters(year).deadlines[key]?.value?.date(for: year)
        }
        #expect(try closes(.deadlineTitleXIXPayerInitiated, 2024) == CalendarDate(year: 2023, month: 4, day: 1))
        #expect(try closes(.deadlineMedicareHealthPlanPayerInitiated, 2024) == CalendarDate(year: 2023, month: 6, day: 5))
        #expect(try closes(.deadlineTitleXIXClinicianInitiated, 2024) == CalendarDate(year: 2023, month: 11, day: 1))
        #expect(try closes(.deadlineOtherClinicianInitiated, 2024) == CalendarDate(year: 2024, month: 12, day: 1))
        #expect(try closes(.deadlineMultiPayerModelPayerInitiated, 2019) == CalendarDate(year: 2018, month: 6, day: 30))
        #expect(try closes(.deadlineMultiPayerModelPayerInitiated, 2020) == nil)
        #expect(try closes(.deadlineOtherPayerPayerInitiated, 2019) == nil)
        #expect(try closes(.deadlineOtherPayerPayerInitiated, 2020) == CalendarDate(year: 2019, month: 6, day: 1))
    }
}
