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

let approved2020 = ApprovedList(
    performanceYear: 2020,
    arrangements: [
        .init(arrangementId: "COMM-1", payerType: "commercial", states: ["MI"]),
        .init(arrangementId: "CO-MEDICAID", payerType: "medicaid-ffs", states: ["CO"]),
    ])

/// A participant whose scores by `method` are exactly `medicare`% and `allPayer`% (the other method scores 0):
/// Medicare total 10,000 and one approved commercial arrangement with total 10,000.
func participant(_ method: QPMethod, medicare: String, allPayer: String, snapshot: QPSnapshot = .august31) -> QPParticipant {
    let apm = decimal(medicare) * 100
    let through = decimal(allPayer) * 200 - apm
    func amounts(_ value: Exact) -> QPAmounts {
        method == .paymentAmount
            ? QPAmounts(payments: value, patients: 0)
            : QPAmounts(payments: 0, patients: (value).intValue!)
    }
    let data = QPSnapshotData(
        snapshot: snapshot, medicareAdvancedAPM: amounts(apm), medicareTotal: amounts(10000),
        otherPayers: [
            OtherPayerFigures(
                arrangementId: "COMM-1", payerType: "commercial", state: nil, eligibleForMedicaidAPM: false,
                through: amounts(through), total: amounts(10000))
        ])
    return QPParticipant(id: "p", name: "P", level: .eligibleClinician, snapshots: [data])
}

func status(_ participant: QPParticipant, year: Int = 2020, list: ApprovedList = approved2020) throws -> QPStatus {
    try QPCalculator(approved: list).determine(participant, year: year).status
}

@Suite struct QPThresholdTests {
    /// Every cell of the seed's PY2020 table, at, just under and just over its boundary, with the other
    /// test of the pair comfortably met. (method, cell under test, fixed other score, boundary, status at/over, under)
    static let cells: [(QPMethod, String, String, String, QPStatus, QPStatus)] = [
        // payment: QP all-payer 50% (Medicare 30%), QP Medicare minimum 25% (all-payer 60%)
        (.paymentAmount, "allPayer", "30", "50", .qp, .partialQP),
        (.paymentAmount, "medicare", "60", "25", .qp, .partialQP),
        // payment: Partial QP all-payer 40% (Medicare 30%), Partial QP Medicare minimum 20% (all-payer 45%)
        (.paymentAmount, "allPayer", "30", "40", .partialQP, .none),
        (.paymentAmount, "medicare", "45", "20", .partialQP, .none),
        // patients: QP all-payer 35% (Medicare 22%), QP Medicare minimum 20% (all-payer 40%)
        (.patientCount, "allPayer", "22", "35", .qp, .partialQP),
        (.patientCount, "medicare", "40", "20", .qp, .partialQP),
        // patients: Partial QP all-payer 25% (Medicare 15%), Partial QP Medicare minimum 10% (all-payer 30%)
        (.patientCount, "allPayer", "15", "25", .partialQP, .none),
        (.patientCount, "medicare", "30", "10", .partialQP, .none),
    ]

    @Test(arguments: cells.indices)
    func py2020CellAtUnderAndOverItsBoundary(index: Int) throws {
        let (method, side, other, boundary, atStatus, underStatus) = Self.cells[index]
        func make(_ value: String) -> QPParticipant {
            side == "allPayer"
                ? participant(method, medicare: other, allPayer: value)
                : participant(method, medicare: value, allPayer: other)
        }
        let under = "\(decimal(boundary) - decimal("0.01"))"
        let over = "\(decimal(boundary) + decimal("0.01"))"
        #expect(try status(make(boundary)) == atStatus, "\(method) \(side) at \(boundary)")
        #expect(try status(make(over)) == atStatus, "\(method) \(side) over \(boundary)")
        #expect(try status(make(under)) == underStatus, "\(method) \(side) under \(boundary)")
    }

    @Test func tableValuesByYear() throws {
        let y2020 = try QPThresholdTable.thresholds(for: 2020)
        #expect(y2020.qpPayment == QPThreshold(medicare: 50, allPayerTotal: 50, allPayerMedicareMinimum: 25))
        #expect(y2020.partialPatients == QPThreshold(medicare: 25, allPayerTotal: 25, allPayerMedicareMinimum: 10))
        let y2025 = try QPThresholdTable.thresholds(for: 2025)
        #expect(y2025.qpPayment.allPayerTotal == 75 && y2025.qpPatients.allPayerTotal == 50)
        #expect(y2025.partialPayment.allPayerTotal == 50 && y2025.partialPatients.allPayerTotal == 35)
        #expect(y2025.bonusPercent == 0)
        #expect(try QPThresholdTable.thresholds(for: 2024).bonusPercent == decimal("1.88"))
        #expect(try QPThresholdTable.thresholds(for: 2023).bonusPercent == decimal("3.5"))
        #expect(try QPThresholdTable.thresholds(for: 2026).bonusPercent == decimal("3.1"))
        #expect(try QPThresholdTable.thresholds(for: 2026).qpPayment.medicare == 50)
        #expect(try QPThresholdTable.thresholds(for: 2018).qpPayment.allPayerTotal == nil)
        #expect(throws: PerformanceYearTable.UnsupportedYear.self) { try QPThresholdTable.thresholds(for: 2030) }
    }
}

@Suite struct QPDeterminationTests {
    func workedExample() throws -> QPParticipant {
        let (participants, diagnostics) = try QPDataLoader().load(path: repositoryPath("samples/qp/all-payer-2024.qp.xml"))
        #expect(diagnostics.isEmpty)
        return try #require(participants.first { $0.id == "dr-rivera" })
    }

    func list(_ year: Int) throws -> ApprovedList {
        try ApprovedList.load(path: repositoryPath("samples/qp/approved-\(year).json"))
    }

    @Test func workedExampleIsQPIn2024AndPartialQPIn2025() throws {
        let y2024 = try QPCalculator(approved: try list(2024)).determine(try workedExample(), year: 2024)
        #expect(y2024.status == .qp)
        #expect(y2024.option == .allPayer)
        #expect(y2024.allPayerScore == decimal("56.25"))
        #expect(y2024.medicareScore == 40)
        #expect(y2024.bonusPercent == decimal("1.88"))
        #expect(y2024.notes.contains { $0.contains("VA payments excluded") })
        let y2025 = try QPCalculator(approved: try list(2025)).determine(try workedExample(), year: 2025)
        #expect(y2025.status == .partialQP)
        #expect(y2025.bonusPercent == nil)
    }

    @Test func medicareOptionComesFirst() throws {
        // 55% Medicare and 80% all-payer: a QP under the Medicare Option, never assessed under All-Payer
        // (an APM Entity: an individual's Medicare Option is its group's, QPLevelsAndCountyTests).
        var entity = participant(.paymentAmount, medicare: "55", allPayer: "80")
        entity.level = .apmEntity
        let result = try QPCalculator(approved: approved2020).determine(entity, year: 2020)
        #expect(result.status == .qp)
        #expect(result.option == .medicare)
        #expect(result.allPayerScore == nil)
    }

    @Test func mostAdvantageousMethodAndSnapshot() throws {
        // Payment method: Partial QP only; patient method at another snapshot: QP. The patient QP wins.
        let paymentSide = participant(.paymentAmount, medicare: "30", allPayer: "45", snapshot: .march31)
        let patientSide = participant(.patientCount, medicare: "22", allPayer: "36", snapshot: .june30)
        let both = QPParticipant(
            id: "b", name: "B", level: .apmEntity, snapshots: paymentSide.snapshots + patientSide.snapshots)
        let result = try QPCalculator(approved: approved2020).determine(both, year: 2020)
        #expect(result.status == .qp)
        #expect(result.method == .patientCount)
        #expect(result.snapshot == .june30)
    }

    func withPayer(_ payer: OtherPayerFigures) -> QPParticipant {
        var base = participant(.paymentAmount, medicare: "30", allPayer: "45")
        base.snapshots[0].otherPayers.append(payer)
        return base
    }

    func allPayerScore(_ participant: QPParticipant) throws -> Exact? {
        try QPCalculator(approved: approved2020).determine(participant, year: 2020).scores
            .first { $0.method == .paymentAmount }?.allPayerScore
    }

    func payer(_ type: String, id: String? = nil, state: String? = nil, eligible: Bool = false) -> OtherPayerFigures {
        OtherPayerFigures(
            arrangementId: id, payerType: type, state: state, eligibleForMedicaidAPM: eligible,
            through: QPAmounts(payments: 5000, patients: 0), total: QPAmounts(payments: 5000, patients: 0))
    }

    @Test func defenseAndVeteransPaymentsAreExcluded() throws {
        #expect(try allPayerScore(withPayer(payer("dod"))) == 45)
        #expect(try allPayerScore(withPayer(payer("va"))) == 45)
    }

    @Test func titleXIXCountsOnlyWhereAvailableAndEligible() throws {
        // No Medicaid Other Payer Advanced APM in OR on the list: excluded.
        #expect(try allPayerScore(withPayer(payer("medicaid-ffs", id: "CO-MEDICAID", state: "OR", eligible: true))) == 45)
        // In CO but not eligible: excluded.
        #expect(try allPayerScore(withPayer(payer("medicaid-ffs", id: "CO-MEDICAID", state: "CO", eligible: false))) == 45)
        // In CO and eligible: counts (9000 + 5000) / 25000 = 56%.
        #expect(try allPayerScore(withPayer(payer("medicaid-ffs", id: "CO-MEDICAID", state: "CO", eligible: true))) == 56)
        // Eligible in CO though not participating (no approved arrangement id): denominator only, 9000 / 25000 = 36%.
        #expect(try allPayerScore(withPayer(payer("medicaid-managed-care", state: "CO", eligible: true))) == 36)
    }

    @Test func arrangementNotOnTheListCountsInTheDenominatorOnly() throws {
        let result = try QPCalculator(approved: approved2020).determine(
            withPayer(payer("commercial", id: "UNLISTED")), year: 2020)
        #expect(result.scores.first { $0.method == .paymentAmount }?.allPayerScore == 36)
        #expect(result.notes.contains { $0.contains("UNLISTED is not on the approved list for 2020: counted in the denominator only") })
    }

    @Test func noAllPayerOptionBefore2019() throws {
        var entity = participant(.paymentAmount, medicare: "22", allPayer: "90")
        entity.level = .apmEntity
        let result = try QPCalculator(approved: approved2020).determine(entity, year: 2018)
        #expect(result.status == .partialQP)
        #expect(result.option == .medicare)
    }
}
