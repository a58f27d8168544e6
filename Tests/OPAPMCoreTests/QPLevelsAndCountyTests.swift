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

/// Issue 20: the thresholds of the brief's table at every boundary, the county rule, levels and the weighted
/// Medicare score, TIN composition, and late or uncertified data.
@Suite struct QPLevelsAndCountyTests {
    /// The brief's table (section 4): QP payment / patients ; Partial payment / patients, the Medicare
    /// Option and the All-Payer total (nil: no All-Payer option), and the Medicare minimums.
    static let table: [(years: ClosedRange<Int>, medicare: [Exact], allPayer: [Exact]?)] = [
        (2017...2018, [25, 20, 20, 10], nil),
        (2019...2024, [50, 35, 40, 25], [50, 35, 40, 25]),
        (2025...2025, [75, 50, 50, 35], [75, 50, 50, 35]),
        (2026...2026, [50, 35, 40, 25], [50, 35, 40, 25]),
        (2027...2027, [75, 50, 50, 35], [75, 50, 50, 35]),
    ]
    static let minimums: [Exact] = [25, 20, 20, 10]
    static let cells: [(status: QPStatus, method: QPMethod)] = [
        (.qp, .paymentAmount), (.qp, .patientCount), (.partialQP, .paymentAmount), (.partialQP, .patientCount),
    ]
    static let years = Array(2017...2027)

    let commercial = ApprovedList(performanceYear: 0, arrangements: [.init(arrangementId: "COMM-1", payerType: "commercial", states: ["MI"])])

    func list(_ year: Int) -> ApprovedList {
        var list = commercial
        list.performanceYear = year
        return list
    }

    func amounts(_ method: QPMethod, _ value: Int) -> QPAmounts {
        method == .paymentAmount ? QPAmounts(payments: Exact(value), patients: 0) : QPAmounts(payments: 0, patients: value)
    }

    /// An APM Entity with Medicare `part` of 10,000 units (payments in dollars, or patients).
    func entity(_ method: QPMethod, medicare part: Int) -> QPParticipant {
        QPParticipant(id: "e", name: "E", level: .apmEntity, snapshots: [
            QPSnapshotData(snapshot: .august31, medicareAdvancedAPM: amounts(method, part), medicareTotal: amounts(method, 10_000), otherPayers: [])
        ])
    }

    /// Medicare `medicare` of 10,000 and a listed commercial arrangement bringing the all-payer score
    /// to `total` units of 20,000.
    func allPayer(_ method: QPMethod, medicare: Int, total: Int) -> QPParticipant {
        QPParticipant(id: "e", name: "E", level: .apmEntity, snapshots: [
            QPSnapshotData(
                snapshot: .august31, medicareAdvancedAPM: amounts(method, medicare), medicareTotal: amounts(method, 10_000),
                otherPayers: [OtherPayerFigures(
                    arrangementId: "COMM-1", payerType: "commercial", state: nil, eligibleForMedicaidAPM: false,
                    through: amounts(method, total - medicare), total: amounts(method, 10_000))])
        ])
    }

    @Test(arguments: years)
    func everyThresholdOfTheYearAtAndOneUnitUnder(year: Int) throws {
        let row = try #require(Self.table.first { $0.years.contains(year) })
        let calculator = QPCalculator(approved: list(year))
        let thresholds = try QPThresholdTable.thresholds(for: year)
        for (index, cell) in Self.cells.enumerated() {
            let expected = row.medicare[index]
            #expect(thresholds.threshold(status: cell.status, method: cell.method).medicare == expected, "\(year) \(cell)")
            // Medicare Option: 10,000 units, so a percent is 100 units; one unit under misses it.
            let at = (expected * 100).intValue!
            let met = try calculator.determine(entity(cell.method, medicare: at), year: year)
            #expect(met.status >= cell.status && met.option == .medicare, "\(year) \(cell) at \(expected)%: \(met.reason)")
            let under = try calculator.determine(entity(cell.method, medicare: at - 1), year: year)
            if cell.status == .qp { #expect(under.status < .qp || under.option != .medicare, "\(year) \(cell) under") }
            else { #expect(under.option != .medicare || under.status == .none, "\(year) \(cell) under: \(under.reason)") }

            guard let allPayerRow = row.allPayer else {
                #expect(thresholds.threshold(status: cell.status, method: cell.method).allPayerTotal == nil)
                continue
            }
            let total = allPayerRow[index]
            let minimum = Self.minimums[index]
            #expect(thresholds.threshold(status: cell.status, method: cell.method).allPayerTotal == total)
            #expect(thresholds.threshold(status: cell.status, method: cell.method).allPayerMedicareMinimum == minimum)
            // All-Payer: the Medicare minimum exactly met (and under the Partial QP Medicare threshold, so the
            // Medicare Option cannot decide), the total exactly met over 20,000 units, then one unit under each.
            let medicare = (minimum * 100).intValue!
            let units = (total * 200).intValue!
            let exact = try calculator.determine(allPayer(cell.method, medicare: medicare, total: units), year: year)
            #expect(exact.status >= cell.status && exact.option == .allPayer, "\(year) \(cell) all-payer at \(total)%: \(exact.reason)")
            let totalUnder = try calculator.determine(allPayer(cell.method, medicare: medicare, total: units - 1), year: year)
            #expect(!(totalUnder.status >= cell.status && totalUnder.option == .allPayer && totalUnder.method == cell.method
                && (totalUnder.allPayerScore ?? 0) < total) , "\(year) \(cell) all-payer under")
            #expect((totalUnder.scores.first { $0.method == cell.method }?.allPayerStatus ?? .none) < cell.status)
            let minimumUnder = try calculator.determine(allPayer(cell.method, medicare: medicare - 1, total: units), year: year)
            #expect((minimumUnder.scores.first { $0.method == cell.method }?.allPayerStatus ?? .none) < cell.status,
                "\(year) \(cell) Medicare minimum under")
        }
    }

    func countySample() throws -> (QPDataFile, QPCalculator) {
        let (file, diagnostics) = try QPDataLoader().loadFile(path: repositoryPath("samples/qp/county-rule-2024.qp.xml"))
        #expect(diagnostics.isEmpty)
        let list = try ApprovedList.load(path: repositoryPath("samples/qp/approved-2024.json"))
        return (try #require(file), QPCalculator(approved: list))
    }

    func result(_ id: String, _ change: (inout QPParticipant) -> Void = { _ in }, year: Int = 2024,
        facts: ((QPDataFile) -> QPSubmissionFacts)? = nil) throws -> QPResult
    {
        let (file, calculator) = try countySample()
        var participant = try #require(file.participants.first { $0.id == id })
        change(&participant)
        return try calculator.determine(participant, year: year, facts: facts?(file) ?? QPSubmissionFacts(file))
    }

    /// 414.1440(a)(2): Title XIX figures count by the county where the clinician sees the most patients.
    @Test func titleXIXCountsByCountyAndSpecialty() throws {
        let alvarez = try result("dr-alvarez")
        #expect(alvarez.status == .qp && alvarez.option == .allPayer, "\(alvarez.reason)")
        #expect(alvarez.allPayerScore == 50)
        let baker = try result("dr-baker")
        #expect(baker.status == .partialQP)
        #expect(baker.notes.contains { $0.contains("excluded: no Medicaid Other Payer Advanced APM on the approved list is available in county 08041 (CO)") })
        let cole = try result("dr-cole")
        #expect(cole.status == .partialQP)
        #expect(cole.notes.contains { $0.contains("specialty does not let them take part") })
        // Moved to Arapahoe County (08005), also listed, Baker's Medicaid figures count.
        #expect(try result("dr-baker") { $0.county = "08005" }.status == .qp)
        // Without a county (QP data 1.0), the state decides: Colorado has the arrangement.
        #expect(try result("dr-baker") { $0.county = nil }.status == .qp)
    }

    /// 414.1425 and 414.1440(d)(3): through PY2025 an individual's Medicare Option is the group's, and the
    /// group's higher Medicare score is weighted into the individual's All-Payer score.
    @Test func levelsAndTheWeightedMedicareScore() throws {
        // Without the weighting Alvarez's All-Payer score is (300 + 200 + 300) / 1,900 = 42.1%: Partial QP.
        let alone = try result("dr-alvarez") { $0.entityGroup = nil }
        #expect(alone.status == .partialQP && alone.option == .allPayer)
        #expect(alone.notes.contains { $0.contains("no Medicare Option determination for this eligible-clinician") })
        // Case 3: an individual at 55% with no group is no Medicare Option QP through PY2025.
        var solo = entity(.paymentAmount, medicare: 5_500)
        solo.level = .eligibleClinician
        let y2024 = try QPCalculator(approved: list(2024)).determine(solo, year: 2024)
        #expect(y2024.option != .medicare, "\(y2024.reason)")
        #expect(y2024.scores.allSatisfy { $0.medicareOptionScore == nil })
        // PY2026 (secondary): the Medicare Option may be met individually.
        let y2026 = try QPCalculator(approved: list(2026)).determine(solo, year: 2026)
        #expect(y2026.status == .qp && y2026.option == .medicare)
        // The group's Medicare Option decides for the individual: a group at 50% makes Alvarez a Medicare Option QP.
        let strongGroup = try result("dr-alvarez") { participant in
            participant.entityGroup?.snapshots[0].medicareAdvancedAPM.payments = 4_000_000
        }
        #expect(strongGroup.status == .qp && strongGroup.option == .medicare)
        #expect(strongGroup.reason.hasPrefix("Medicare Option for the APM Entity group FRPN-ACO"))
    }

    @Test func aTINMustBeWhollyInOneEntityAndGroupsAreForIndividuals() throws {
        var tin = entity(.paymentAmount, medicare: 3_000)
        tin.level = .tin
        tin.allCliniciansInOneAPMEntity = false
        #expect(QPDataChecks.problems([tin]).map(\.id) == ["QP004"])
        tin.allCliniciansInOneAPMEntity = true
        #expect(QPDataChecks.problems([tin]).isEmpty)
        var grouped = entity(.paymentAmount, medicare: 3_000)
        grouped.entityGroup = QPEntityGroup(id: "g", name: "G", snapshots: [])
        #expect(QPDataChecks.problems([grouped]).map(\.id) == ["QP005"])
    }

    /// 414.1440(e)(2), (f): other-payer data is due December 1 of the PY, certified.
    @Test func lateOrUncertifiedDataGetsNoAllPayerDetermination() throws {
        let onTheDay = try result("dr-alvarez", facts: { file in
            QPSubmissionFacts(version: "1.1", submissionDate: CalendarDate(year: 2024, month: 12, day: 1), certification: file.certification)
        })
        #expect(onTheDay.status == .qp && onTheDay.findings.isEmpty)
        let late = try result("dr-alvarez", facts: { file in
            QPSubmissionFacts(version: "1.1", submissionDate: CalendarDate(year: 2024, month: 12, day: 2), certification: file.certification)
        })
        #expect(late.findings.map(\.id) == ["QP006"])
        #expect(late.option != .allPayer && late.status == .partialQP, "the group's Medicare Option still decides: \(late.reason)")
        let uncertified = try result("dr-alvarez", facts: { file in
            QPSubmissionFacts(version: "1.1", submissionDate: file.submissionDate, certification: nil)
        })
        #expect(uncertified.findings.map(\.id) == ["QP007"])
        #expect(uncertified.scores.allSatisfy { $0.allPayerScore == nil })
    }
}
