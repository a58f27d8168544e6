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

/// Issue 23 item 5, in the engine: for a failing numeric criterion, the smallest single change that makes
/// it pass, verified by deciding the changed arrangement; one step less does not pass.
@Suite struct WhatWouldPassTests {
    let engine = DeterminationEngine()

    func decide(_ file: String, year: Int? = nil, _ change: (inout Submission) -> Void = { _ in }) throws -> ArrangementDetermination {
        var submission = try loadSample(file)
        change(&submission)
        return engine.determine(submission, year: year ?? submission.performanceYears[0].value)
    }

    func fails(_ result: ArrangementDetermination, _ rule: String) -> Bool {
        result.findings.contains { $0.rule == rule && $0.severity == .error }
    }

    @Test func theBandRatesThatWouldPassAreTheLowest() throws {
        let file = "samples/not-approved/FR004-lowest-rate-in-2019.xml"
        let result = try decide(file)
        let remedies = try #require(result.wouldPass)
        #expect(remedies.map(\.to) == ["50%", "30%"])
        #expect(remedies.map(\.path) == ["/submission/arrangement/financialRisk/lossSharing/band[2]",
            "/submission/arrangement/financialRisk/lossSharing/band[3]"])
        // The third band at 30% passes; at 29.99% it does not.
        #expect(!fails(try decide(file) { $0.arrangement.financialRisk?.bands[2].ratePercent = 30 }, "FR004"))
        #expect(fails(try decide(file) { $0.arrangement.financialRisk?.bands[2].ratePercent = decimal("29.99") }, "FR004"))
        #expect(!fails(try decide(file) { $0.arrangement.financialRisk?.bands[1].ratePercent = 50 }, "FR004"))
        #expect(fails(try decide(file) { $0.arrangement.financialRisk?.bands[1].ratePercent = decimal("49.99") }, "FR004"))
    }

    @Test func theOtherNumericCriteria() throws {
        let cehrt = try decide("samples/not-approved/CEHRT001-requires-50-percent-in-2024.xml")
        #expect(cehrt.wouldPass?.map(\.to) == ["75%"])
        let home = try decide("samples/not-approved/MMH004-four-percent-at-risk-in-2024.xml")
        #expect(home.wouldPass?.first?.to == "$250,000")
        #expect(!fails(try decide("samples/not-approved/MMH004-four-percent-at-risk-in-2024.xml") {
            $0.arrangement.medicalHome?.amountAtRisk?.value = 250_000 }, "MMH004"))
        #expect(fails(try decide("samples/not-approved/MMH004-four-percent-at-risk-in-2024.xml") {
            $0.arrangement.medicalHome?.amountAtRisk?.value = decimal("249999.99") }, "MMH004"))
        let cap = try decide("samples/not-approved/FR002-total-risk-below-3-percent.xml")
        #expect(cap.wouldPass?.first { $0.rule == "FR002" }?.to == "$300,000")
        // A minimum loss rate that holds sharing back too long: the highest that passes, and a hundredth more fails.
        let sample = "samples/approved/clinician-initiated-apm-entity-commercial.xml"
        func withRate(_ percent: String) -> (inout Submission) -> Void {
            { $0.arrangement.financialRisk?.minimumLossRate = MinimumLossRate(percent: decimal(percent), firstDollar: false,
                location: SourceLocation(line: 1, path: "/submission/arrangement/financialRisk/lossSharing/minimumLossRate")) }
        }
        let deductible = try decide(sample, withRate("5"))
        #expect(fails(deductible, "FR002"))
        let remedy = try #require(deductible.wouldPass?.first { $0.path.hasSuffix("minimumLossRate") })
        #expect(remedy.to == "4%" && remedy.change.contains("lower the minimum loss rate to 4%"), "\(remedy)")
        #expect(!fails(try decide(sample, withRate("4")), "FR002"))
        #expect(fails(try decide(sample, withRate("4.01")), "FR002"))
        // An approved arrangement needs no change; an incomplete one is not guessed at.
        #expect(try decide("samples/approved/commercial-total-cost-of-care-average-marginal-risk.xml").wouldPass == nil)
        var quiet = engine
        quiet.findsRemedies = false
        #expect(quiet.determine(try loadSample("samples/not-approved/FR004-lowest-rate-in-2019.xml"), year: 2019).wouldPass == nil)
    }

    /// Found by the fuzzer: expected expenditures of 0 fail FR002, and the remedy for FR002 divided by them.
    /// No cap can make zero expenditures a risk, so there is no remedy, and the finding names the figure.
    @Test func noRemedyIsComputedFromExpectedExpendituresOfZero() throws {
        let result = try decide("samples/not-approved/FR002-total-risk-below-3-percent.xml") {
            $0.arrangement.financialRisk?.expectedExpenditures?.value = 0
        }
        let finding = try #require(result.findings.first { $0.rule == "FR002" && $0.severity == .error })
        #expect(finding.message.contains("expected expenditures are 0"), "\(finding.message)")
        #expect(result.wouldPass?.contains { $0.rule == "FR002" } != true)
        #expect(result.determination == .notApproved)
    }
}
