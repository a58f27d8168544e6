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

/// Issue 20 cases 1, 4 and 6: QP status as 414.1440 decides it (method mixing), impossible figures, the
/// PY2026 row.
@Suite struct QPByRegulationTests {
    let list2024 = ApprovedList(performanceYear: 2024, arrangements: [.init(arrangementId: "COMM-1", payerType: "commercial", states: ["MI"])])

    /// Medicare payments 20%, Medicare patients 25%, all-payer payments 52.5%: a QP in PY2024, the Medicare
    /// minimum met by patient count (25% against its 20%) and the all-payer total by payments (52.5% against 50%).
    @Test func theTwoThresholdsMayBeMetByDifferentMethods() throws {
        let data = QPSnapshotData(
            snapshot: .august31,
            medicareAdvancedAPM: QPAmounts(payments: 2_000, patients: 25), medicareTotal: QPAmounts(payments: 10_000, patients: 100),
            otherPayers: [
                OtherPayerFigures(
                    arrangementId: "COMM-1", payerType: "commercial", state: nil, eligibleForMedicaidAPM: false,
                    through: QPAmounts(payments: 8_500, patients: 0), total: QPAmounts(payments: 10_000, patients: 100))
            ])
        let participant = QPParticipant(id: "p", name: "P", level: .eligibleClinician, snapshots: [data])
        let result = try QPCalculator(approved: list2024).determine(participant, year: 2024)
        // Payments: Medicare 20% (< 25 minimum), all-payer (2,000 + 8,500) / 20,000 = 52.5% (≥ 50).
        // Patients: Medicare 25% (≥ 20 minimum), all-payer 25 / 200 = 12.5%.
        #expect(result.status == .qp, "\(result.reason)")
        #expect(result.option == .allPayer)
        #expect(result.method == .paymentAmount)
        #expect(result.medicareMinimumMethod == .patientCount)
        #expect(result.reason.contains("patient-count score 25% meets the minimum 20%"))
    }

    /// Exactly at each threshold qualifies; one unit under does not (PY2024 All-Payer QP, payments).
    @Test func aScoreExactlyAtTheThresholdQualifies() throws {
        #expect(try status(participant(.paymentAmount, medicare: "25", allPayer: "50"), year: 2024, list: list2024) == .qp)
        #expect(try status(participant(.paymentAmount, medicare: "25", allPayer: "49.99"), year: 2024, list: list2024) == .partialQP)
        #expect(try status(participant(.paymentAmount, medicare: "24.99", allPayer: "50"), year: 2024, list: list2024) == .partialQP)
    }

    @Test func impossibleFiguresAreErrorsNeverScores() {
        let bad = QPSnapshotData(
            snapshot: .june30, medicareAdvancedAPM: QPAmounts(payments: 900, patients: 5), medicareTotal: QPAmounts(payments: 140, patients: 10),
            otherPayers: [])
        let participants = [
            QPParticipant(id: "a", name: "A", level: .apmEntity, snapshots: [bad, bad]),
            QPParticipant(id: "a", name: "A again", level: .apmEntity, snapshots: []),
        ]
        let ids = QPDataChecks.problems(participants).map(\.id)
        #expect(ids.filter { $0 == "QP001" }.count == 2)
        #expect(ids.contains("QP002"))
        #expect(ids.contains("QP003"))
        let fine = participant(.paymentAmount, medicare: "30", allPayer: "50")
        #expect(QPDataChecks.problems([fine]).isEmpty)
    }

    /// PY2026 (secondary): 50/35 ; 40/25, the Partial QP payment threshold below the QP one; PY2025 and
    /// PY2027 as codified.
    @Test func thePY2026RowAndItsNeighbours() throws {
        let y2026 = try QPThresholdTable.thresholds(for: 2026)
        #expect(y2026.qpPayment.medicare == 50 && y2026.qpPatients.medicare == 35)
        #expect(y2026.partialPayment.medicare == 40 && y2026.partialPatients.medicare == 25)
        #expect(y2026.qpPayment.allPayerTotal == 50 && y2026.partialPayment.allPayerTotal == 40)
        #expect(!y2026.confirmed)
        for year in 2017...2027 {
            let row = try QPThresholdTable.thresholds(for: year)
            #expect(row.partialPayment.medicare < row.qpPayment.medicare, "\(year)")
        }
        let y2025 = try QPThresholdTable.thresholds(for: 2025)
        let y2027 = try QPThresholdTable.thresholds(for: 2027)
        #expect(y2025.qpPayment.medicare == 75 && y2027.qpPayment.medicare == 75 && y2027.confirmed)
    }
}
