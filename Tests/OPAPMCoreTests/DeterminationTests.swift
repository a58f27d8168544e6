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

let engine = DeterminationEngine()

func rules(_ result: ArrangementDetermination) -> Set<String> {
    Set(result.findings.map(\.rule))
}

@Suite struct RuleRegistryTests {
    @Test func idsAreUniqueStableAndWellFormed() {
        let ids = RuleRegistry.all.map(\.description.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.range(of: "^[A-Z]+[0-9]{3}$", options: .regularExpression) != nil, "\(id)")
        }
    }

    @Test func everyRuleIsDocumentedWithExamples() {
        for rule in RuleRegistry.all.map(\.description) {
            #expect(!rule.title.isEmpty && !rule.summary.isEmpty && !rule.rationale.isEmpty && !rule.citation.isEmpty)
            #expect(!rule.passing.isEmpty && !rule.failing.isEmpty, "\(rule.id)")
            for example in rule.passing + rule.failing {
                #expect(FileManager.default.fileExists(atPath: repositoryPath(example.file)), "\(example.file)")
            }
        }
    }

    /// The rule examples are the rules' test data: each failing example fires its rule, each passing one does not.
    @Test(arguments: RuleRegistry.all.map(\.description.id))
    func examplesBehaveAsDescribed(id: String) throws {
        let rule = try #require(RuleRegistry.rule(id: id)).description
        let approved = try ApprovedListReader.arrangementIds(path: repositoryPath("samples/findings/approved-list-2024.json"))
        let withList = DeterminationEngine(approvedArrangements: approved)
        for example in rule.failing {
            let result = withList.determine(try loadSample(example.file), year: example.year)
            #expect(rules(result).contains(id), "\(example.file) should fail \(id)")
            // It flags the element the example names, not merely something in the file.
            let at = try #require(example.at, "\(id): a failing example names the element it flags (at:)")
            let paths = result.findings.filter { $0.rule == id }.map(\.path)
            #expect(paths.contains(at), "\(example.file): \(id) flags \(paths), not \(at)")
        }
        for example in rule.passing {
            let result = withList.determine(try loadSample(example.file), year: example.year)
            #expect(!rules(result).contains(id), "\(example.file) should pass \(id)")
            #expect(result.determination == .approved, "\(example.file)")
        }
    }
}

@Suite struct SampleTests {
    static func samples(_ folder: String) -> [String] {
        let directory = repositoryPath("samples/\(folder)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { "samples/\(folder)/\($0)" }
    }

    @Test func everyFolderHasSamples() {
        #expect(Self.samples("approved").count >= 10)
        #expect(Self.samples("not-approved").count >= 20)
        #expect(Self.samples("findings").count >= 3)
        #expect(Self.samples("invalid").count >= 3)
    }

    @Test func approvedSamplesCoverEveryPayerTypeAndProcess() throws {
        let submissions = try Self.samples("approved").map(loadSample)
        #expect(Set(submissions.map(\.payer.type)) == Set(PayerType.allCases))
        #expect(Set(submissions.map(\.process)) == Set(SubmissionProcess.allCases))
    }

    @Test(arguments: samples("approved"))
    func approvedSampleIsApprovedForEveryYear(file: String) throws {
        let loader = try SubmissionLoader()
        let result = engine.determine(path: repositoryPath(file), loader: loader, year: nil)
        #expect(!result.arrangements.isEmpty)
        for arrangement in result.arrangements {
            #expect(arrangement.determination == .approved, "\(file) PY\(arrangement.performanceYear): \(arrangement.findings.map(\.message))")
            #expect(!arrangement.findings.contains { $0.severity >= .warning }, "\(file)")
        }
    }

    @Test(arguments: samples("not-approved"))
    func notApprovedSampleFailsTheRuleItIsNamedFor(file: String) throws {
        let id = String(file.split(separator: "/").last?.split(separator: "-").first ?? "")
        let loader = try SubmissionLoader()
        let result = engine.determine(path: repositoryPath(file), loader: loader, year: nil)
        #expect(RuleRegistry.rule(id: id) != nil, "\(file) names no rule")
        #expect(result.arrangements.contains { $0.determination != .approved }, "\(file)")
        #expect(result.arrangements.contains { rules($0).contains(id) }, "\(file) should fire \(id)")
    }

    @Test(arguments: samples("findings"))
    func findingsSampleIsApprovedWithItsRulesFinding(file: String) throws {
        let id = String(file.split(separator: "/").last?.split(separator: "-").first ?? "")
        let approved = try ApprovedListReader.arrangementIds(path: repositoryPath("samples/findings/approved-list-2024.json"))
        let withList = DeterminationEngine(approvedArrangements: approved)
        let result = withList.determine(path: repositoryPath(file), loader: try SubmissionLoader(), year: nil)
        for arrangement in result.arrangements {
            #expect(arrangement.determination == .approved, "\(file)")
            let finding = arrangement.findings.first { $0.rule == id }
            #expect(finding != nil, "\(file) should report \(id)")
            #expect(finding.map { $0.severity < .error } ?? false)
        }
    }

    @Test(arguments: samples("invalid"))
    func invalidSampleGivesAnXMLFindingAndNoDetermination(file: String) throws {
        let result = engine.determine(path: repositoryPath(file), loader: try SubmissionLoader(), year: nil)
        #expect(result.submission == nil)
        #expect(result.arrangements.isEmpty)
        #expect(!result.findings.isEmpty)
        #expect(result.findings.allSatisfy { $0.rule.hasPrefix("XML") || $0.rule.hasPrefix("XSD") })
    }

    @Test func doctypeSampleNeverReadsTheEntity() throws {
        let result = engine.determine(
            path: repositoryPath("Tests/Fixtures/hostile/doctype-external-entity.xml"), loader: try SubmissionLoader(), year: nil)
        #expect(result.findings.map(\.rule) == ["XML002"])
    }
}

@Suite struct BoundaryTests {
    func worked() throws -> Submission {
        try loadSample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml")
    }

    func withCEHRT(_ percent: String) throws -> Submission {
        var submission = try worked()
        submission.arrangement.cehrt.requiredPercent?.value = decimal(percent)
        return submission
    }

    @Test func repeatedMeasuresAndYearsAreFoundInOrder() throws {
        var submission = try worked()
        let measure = try #require(submission.arrangement.quality.measures.first)
        submission.arrangement.quality.measures += [measure, measure]
        let year = try #require(submission.performanceYears.first)
        submission.performanceYears = [year, year]
        let findings = engine.determine(submission, year: year.value).findings
        let repeats = findings.filter { $0.rule == "SUB007" }.map(\.message)
        #expect(repeats == Array(repeating: "measure \(measure.id) is listed more than once", count: 2))
        #expect(findings.contains { $0.rule == "SUB003" && $0.message.hasPrefix("performance years repeat: ") })
    }

    @Test func repeatsAreTheSameForShortAndLongLists() {
        let short = ["a", "b", "a", "c", "b", "a"]
        #expect(IdentifiersUnique.repeats(short) == [2, 4, 5])
        let long = (0..<40).map { "v\($0 % 17)" }
        var seen = Set<String>()
        #expect(IdentifiersUnique.repeats(long) == long.indices.filter { !seen.insert(long[$0]).inserted })
    }

    @Test func cehrtExactly75PercentPassesIn2024() throws {
        #expect(!rules(engine.determine(try withCEHRT("75"), year: 2024)).contains("CEHRT001"))
        #expect(rules(engine.determine(try withCEHRT("74.999"), year: 2024)).contains("CEHRT001"))
    }

    @Test func cehrt50PercentPassesIn2019AndFailsIn2020() throws {
        #expect(!rules(engine.determine(try withCEHRT("50"), year: 2019)).contains("CEHRT001"))
        #expect(rules(engine.determine(try withCEHRT("49.99"), year: 2019)).contains("CEHRT001"))
        #expect(rules(engine.determine(try withCEHRT("50"), year: 2020)).contains("CEHRT001"))
    }

    @Test func workedExampleMarginalRiskPassesFor2020AndFailsFor2019() throws {
        var submission = try worked()
        submission.arrangement.startDate.value = CalendarDate(year: 2019, month: 1, day: 1)
        let y2020 = engine.determine(submission, year: 2020)
        #expect(!rules(y2020).contains("FR004"))
        #expect(y2020.figures.averageMarginalRiskPercent == decimal("34.375"))
        let y2019 = engine.determine(submission, year: 2019)
        #expect(rules(y2019).contains("FR004"))
        #expect(y2019.figures.lowestMarginalRiskPercent == 25)
        let message = y2019.findings.first { $0.rule == "FR004" }?.message ?? ""
        #expect(message.contains("lowest marginal risk 25%, needs 30%"))
    }

    func medicalHome(amount: String) throws -> Submission {
        var submission = try loadSample("samples/approved/medicaid-managed-care-medical-home.xml")
        submission.arrangement.medicalHome?.amountAtRisk?.value = decimal(amount)
        submission.arrangement.startDate.value = CalendarDate(year: 2019, month: 1, day: 1)
        return submission
    }

    @Test func medicalHomeExactly5PercentPassesFrom2021() throws {
        #expect(!rules(engine.determine(try medicalHome(amount: "250000"), year: 2021)).contains("MMH004"))
        #expect(rules(engine.determine(try medicalHome(amount: "249999.99"), year: 2021)).contains("MMH004"))
    }

    @Test func medicalHomeLadder2019To2021() throws {
        // $200,000 of $5,000,000 is 4%: passes 2019 (3%) and 2020 (4%), fails 2021 (5%).
        let four = try medicalHome(amount: "200000")
        #expect(!rules(engine.determine(four, year: 2019)).contains("MMH004"))
        #expect(!rules(engine.determine(four, year: 2020)).contains("MMH004"))
        #expect(rules(engine.determine(four, year: 2021)).contains("MMH004"))
        // $150,000 is exactly 3%: passes 2019 only.
        let three = try medicalHome(amount: "150000")
        #expect(!rules(engine.determine(three, year: 2019)).contains("MMH004"))
        #expect(rules(engine.determine(three, year: 2020)).contains("MMH004"))
    }

    @Test func fiftyClinicianLimitSendsToGeneralStandardsFrom2019() throws {
        var submission = try loadSample("samples/approved/medicaid-managed-care-medical-home.xml")
        submission.arrangement.startDate.value = CalendarDate(year: 2018, month: 1, day: 1)
        submission.arrangement.apmEntities[0].organizationClinicianCount?.value = 50
        let y2019 = engine.determine(submission, year: 2019)
        #expect(y2019.figures.route == .general)
        #expect(rules(y2019).contains("MMH005"))
        #expect(y2019.determination != .approved)
        submission.arrangement.apmEntities[0].organizationClinicianCount?.value = 49
        #expect(engine.determine(submission, year: 2019).figures.route == .medicalHome)
        submission.arrangement.apmEntities[0].organizationClinicianCount?.value = 50
        #expect(engine.determine(submission, year: 2018).figures.route == .medicalHome)
    }

    @Test func capitationDirectlyWithCMSIsNotCapitation() throws {
        var submission = try loadSample("samples/approved/medicare-advantage-full-capitation.xml")
        submission.payer.cmsContract = true
        let result = engine.determine(submission, year: 2024)
        #expect(rules(result).contains("CAP001"))
        #expect(result.determination == .notApproved)
    }

    @Test func figuresWithoutTheCurveDifferOnlyInTheCurve() throws {
        var plain = engine
        plain.drawsLiabilityCurve = false
        let drawn = engine.determine(try worked(), year: 2024)
        let undrawn = plain.determine(try worked(), year: 2024)
        #expect((drawn.figures.liabilityCurve?.count ?? 0) >= 2)
        #expect(undrawn.figures.liabilityCurve == nil)
        var withoutCurve = drawn
        withoutCurve.figures.liabilityCurve = nil
        #expect(withoutCurve == undrawn)
    }

    @Test func missingExpectedExpendituresIsIncomplete() throws {
        var submission = try worked()
        submission.arrangement.financialRisk?.expectedExpenditures = nil
        let result = engine.determine(submission, year: 2024)
        #expect(result.determination == .incomplete)
        #expect(result.findings.contains { $0.rule == "FR002" && $0.incomplete })
    }

    @Test func catalogueDropsAMeasureBetweenYears() throws {
        // Measure 134 is a process measure in 2024; an unknown id is not on the list.
        let catalogue = try #require(MeasureCatalogue.builtIn(year: 2024))
        #expect(catalogue.measure("001")?.isOutcome == true)
        #expect(catalogue.measure("134")?.isOutcome == false)
        #expect(catalogue.measure("999") == nil)
    }

    @Test func unknownYearIsIncompleteAndUnsupportedYearThrows() throws {
        let result = engine.determine(try worked(), year: 2031)
        #expect(result.determination == .incomplete)
        #expect(rules(result) == ["SUB006"])
        #expect(throws: PerformanceYearTable.UnsupportedYear.self) { try PerformanceYearTable.parameters(for: 2016) }
    }
}

@Suite struct CatalogueAndSchemaTests {
    @Test func embeddedSchemaIsTheFileInSchemas() throws {
        let file = try String(contentsOfFile: repositoryPath("schemas/submission.xsd"), encoding: .utf8)
        #expect(EmbeddedSchemas.submission + "\n" == file, "run scripts/embed-schemas")
        let qp = try String(contentsOfFile: repositoryPath("schemas/qp-data.xsd"), encoding: .utf8)
        #expect(EmbeddedSchemas.qpData + "\n" == qp, "run scripts/embed-schemas")
    }

    @Test func builtInCatalogueKeepsEveryLineAndItsNonASCIITitles() throws {
        let text = try #require(EmbeddedCatalogues.text(for: 2024))
        let lines = text.components(separatedBy: "\n").filter { !$0.isEmpty }
        let catalogue = try #require(MeasureCatalogue.builtIn(year: 2024))
        #expect(catalogue.measures.count == lines.count)
        let measure = try #require(catalogue.measure("007"))
        #expect(measure.title.hasSuffix("(LVEF ≤ 40%)"))
        #expect(measure.title.contains("Therapy – Prior"))
        #expect(measure.nqfId == "0070" && measure.eMeasureId == "CMS145v12" && measure.type == "process")
        #expect(catalogue.measure("001SSP")?.nqfId == nil)
    }

    @Test func builtInCataloguesCoverEverySupportedYear() {
        for year in PerformanceYearTable.supportedYears {
            #expect((MeasureCatalogue.builtIn(year: year)?.measures.count ?? 0) > 300, "\(year)")
        }
    }

    /// The one-pass reading of each year's catalogue gives what the obvious split of its text into lines
    /// and fields gives, and no measure for an id it does not list.
    @Test func builtInCataloguesReadAsTheirLinesSplitDo() throws {
        for year in PerformanceYearTable.supportedYears {
            let text = try #require(EmbeddedCatalogues.text(for: year))
            var expected: [String: CatalogueMeasure] = [:]
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == 6 else { continue }
                expected[fields[0]] = CatalogueMeasure(
                    id: fields[0], type: fields[1], isRegistryMeasure: fields[2] == "1", nqfId: fields[3].isEmpty ? nil : fields[3],
                    eMeasureId: fields[4].isEmpty ? nil : fields[4], title: fields[5])
            }
            let catalogue = try #require(MeasureCatalogue.builtIn(year: year))
            #expect(catalogue.measures == expected, "\(year)")
            for (id, measure) in expected { #expect(catalogue.measure(id) == measure, "\(year) \(id)") }
            #expect(catalogue.measure("NO-SUCH") == nil && catalogue.measure("") == nil)
        }
    }

    @Test func cmsFormatFileIsReadAndUsedForItsYear() throws {
        let path = repositoryPath("Tests/OPAPMCoreTests/Fixtures/measures-data.json")
        let catalogue = try MeasureCatalogue.load(cmsFile: path, year: 2024)
        #expect(catalogue.measures.count == 3)
        #expect(catalogue.measure("NEW01")?.isOutcome == true)
        var submission = try loadSample("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml")
        submission.arrangement.quality.measures[0].id = "NEW01"
        func mentionsNEW01(_ result: ArrangementDetermination) -> Bool {
            result.findings.contains { $0.rule == "QM002" && $0.message.contains("NEW01") }
        }
        #expect(mentionsNEW01(engine.determine(submission, year: 2024)))
        #expect(!mentionsNEW01(DeterminationEngine(measuresOverride: catalogue).determine(submission, year: 2024)))
    }

    @Test func badCatalogueFileIsAnError() {
        #expect(throws: MeasureCatalogue.LoadFailure.self) {
            try MeasureCatalogue.load(cmsFile: repositoryPath("schemas/submission.xsd"), year: 2024)
        }
    }

    @Test func rosterIsAggregatedPerEntity() throws {
        let submission = try loadSample("samples/not-approved/CEHRT002-roster-share-below-75-percent.xml")
        let rosters = submission.arrangement.apmEntities.compactMap(\.roster)
        #expect(rosters.map(\.clinicians) == [12, 8])
        #expect(rosters.map(\.usingCEHRT) == [10, 5])
        #expect(rosters[1].cehrtPercent == decimal("62.5"))
    }
}

@Suite struct RosterAggregationTests {
    @Test func duplicateNPIsAreFoundAcrossEntities() throws {
        var text = try String(
            contentsOfFile: repositoryPath("samples/not-approved/CEHRT002-roster-share-below-75-percent.xml"), encoding: .utf8)
        // Give the second entity's first clinician the first entity's first NPI.
        let npis = text.components(separatedBy: "npi=\"").dropFirst().map { String($0.prefix(10)) }
        let first = try #require(npis.first)
        let secondEntityFirst = try #require(npis.dropFirst(12).first)
        text = text.replacingOccurrences(of: "npi=\"\(secondEntityFirst)\"", with: "npi=\"\(first)\"")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-dup-\(UUID().uuidString).xml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let loaded = try SubmissionLoader().load(path: url.path)
        let rosters = try #require(loaded.submission).arrangement.apmEntities.compactMap(\.roster)
        #expect(rosters.map(\.clinicians) == [12, 8])
        #expect(rosters.map(\.duplicateNPIs) == [0, 1])
        #expect(rosters[1].firstDuplicateNPI == first)
        let result = engine.determine(try #require(loaded.submission), year: 2024)
        #expect(result.findings.contains { $0.rule == "CEHRT003" && $0.message.contains("listed more than once, first \(first)") })
    }

    @Test func npiLedgerStopsAtItsCapacityAndFindsRepeatsInReadingOrder() {
        var ledger = NPILedger()
        var recorded = 0
        for npi in 0..<UInt64(NPILedger.capacity - 3) where ledger.record(1_000_000_000 + npi * 7) { recorded += 1 }
        #expect(recorded == NPILedger.capacity - 3)
        let lastFour = [9_999_999_999, 1_000_000_007, 9_999_999_999, 1_000_000_000].map { ledger.record($0) }
        #expect(lastFour == [true, true, true, false])
        #expect(ledger.count == NPILedger.capacity)
        let repeats = ledger.repeatedOccurrences()
        #expect(repeats.map(\.npi) == [1_000_000_007, 9_999_999_999])
        #expect(repeats.map(\.sequence) == [NPILedger.capacity - 2, NPILedger.capacity - 1])
    }
}

@Suite struct DecimalReadingTests {
    /// The reader gives the same values, and the same text in reports, as Foundation's parser.
    @Test func plainDecimalsReadExactlyAsFoundationReadsThem() {
        let posix = Locale(identifier: "en_US_POSIX")
        for text in ["0", "0.00", "10000000.00", "-10000000.00", "40", "2.5", "0.000001", "+7", "1234567890123456789",
            "12345678901234567890.5", "1000000000000000000000000000000.00", "99.999999", "00012.3400"]
        {
            let fast = NodeReader.decimal(text)
            let foundation = Decimal(string: text, locale: posix)
            // Foundation's 38 digits hold every one of these exactly: its text is the reference.
            #expect(fast.map { "\($0)" } == foundation.map { "\($0)" }, "\(text)")
        }
        for text in ["", "-", ".", "1e7", "1.2.3", "--1", "1,5", "NaN"] {
            #expect(NodeReader.decimal(text) == nil, "\(text)")
        }
    }

    @Test func scalingByPowersOfTenEqualsMultiplyingAndDividing() {
        for text in ["0", "40", "-12.5", "0.000001", "34.375", "1000000000000000000000000000000"] {
            let value = Exact(decimalText: text)!
            #expect(value.scaled(byPowerOfTen: -2) == value / 100, "\(text)")
            #expect(value.scaled(byPowerOfTen: 2) == value * 100, "\(text)")
            #expect("\(value.scaled(byPowerOfTen: -2))" == "\(value / 100)", "\(text)")
        }
    }
}

/// A batch that lets each submission go once decided says exactly what one that keeps them says.
@Suite struct BatchTests {
    @Test func lettingSubmissionsGoChangesNoDetermination() throws {
        let paths = try InputFiles.collect([repositoryPath("samples"), repositoryPath("Tests/Fixtures/bad-input/duplicate-arrangement")]).files
        let engine = DeterminationEngine()
        let loader = try SubmissionLoader()
        let kept = engine.determine(paths: paths, loader: loader, years: nil, jobs: 2)
        let released = engine.determine(paths: paths, loader: loader, years: nil, jobs: 2, keepingSubmissions: false)
        #expect(kept.count == released.count && kept.count > 10)
        for (whole, light) in zip(kept, released) {
            #expect(light.submission == nil)
            #expect(whole.loaded == (whole.submission != nil) && light.loaded == whole.loaded, "\(whole.path)")
            #expect(light.summary == whole.summary && light.findings == whole.findings, "\(whole.path)")
            #expect(light.arrangements == whole.arrangements, "\(whole.path)")
        }
        // The list is built from what is kept of each submission.
        for year in [2024, 2025, 2026] {
            let fromKept = ApprovedListBuilder.build(kept, year: year, asOf: nil, skipped: [])
            #expect(fromKept == ApprovedListBuilder.build(released, year: year, asOf: nil, skipped: []))
        }
        #expect(!ApprovedListBuilder.build(released, year: 2024, asOf: nil, skipped: []).arrangements.isEmpty)
        // The cross-file check still finds the two same-date submissions from what is kept.
        let duplicates = released.filter { $0.arrangements.contains { $0.findings.contains { $0.rule == DuplicateArrangements.ruleId } } }
        #expect(duplicates.filter { $0.path.contains("duplicate-arrangement/") }.count == 2)
    }
}

@Suite struct PublishedOrderTests {
    /// The list sorts groups by `rank`, which must follow the published order (`allCases`).
    @Test func payerGroupRanksFollowThePublishedOrder() {
        #expect(PayerGroup.allCases.map(\.rank) == Array(PayerGroup.allCases.indices))
        #expect(PayerGroup.allCases.sorted() == PayerGroup.allCases)
    }
}
