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

@Suite struct MarginalRiskTests {
    /// Domain brief 2.4: E = $10,000,000, bands 0–2% at 0%, 2–8% at 40%, 8–15.2% at 25%, nothing above.
    let workedExample = terms(
        expected: "10000000", bands: [("0", "2", "0"), ("2", "8", "40"), ("8", "15.2", "25")], stopLoss: "15.2")

    @Test func workedExampleCurveMatchesTheBrief() {
        let curve = LiabilityCurve(
            bands: workedExample.bands, minimumLossRate: nil, stopLossPercent: decimal("15.2"), capPercent: nil)
        #expect(curve.value(at: 2) == 0)
        #expect(curve.value(at: 4) == decimal("0.8"))
        #expect(curve.value(at: 8) == decimal("2.4"))
        #expect(curve.value(at: decimal("10.4")) == 3)
        #expect(curve.value(at: decimal("15.2")) == decimal("4.2"))
        #expect(curve.maximum == decimal("4.2"))
        #expect(curve.endOfRise == decimal("15.2"))
    }

    @Test func workedExampleAverageIs34Point375AndLowestIs25() throws {
        let risk = try analysis(workedExample, year: 2020)
        #expect(risk.requirementPercent == 3)
        #expect(risk.largeLossPoint == decimal("10.4"))
        #expect(risk.windowStart == 4)
        #expect(risk.windowEnd == decimal("10.4"))
        #expect(risk.averageRatePercent == decimal("34.375"))
        #expect(risk.lowestRatePercent == 25)
        #expect(risk.dollars(risk.maximumLiabilityPercent ?? 0) == 420_000)
        #expect(risk.averageWithoutAllowancesPercent?.rounded(1) == decimal("27.6"))
    }

    @Test func workedExamplePassesFor2020AndFailsFor2019() throws {
        let y2020 = try PerformanceYearTable.parameters(for: 2020)
        let y2019 = try PerformanceYearTable.parameters(for: 2019)
        let risk = try analysis(workedExample, year: 2020)
        #expect(risk.rate(for: y2020.marginalRiskMethod.value) >= y2020.marginalRiskMinimumPercent.value)
        #expect(risk.rate(for: y2019.marginalRiskMethod.value) < y2019.marginalRiskMinimumPercent.value)
    }

    /// regulation-notes §10: 0–2% at 0, 2–6% at 45%, 6–12% at 20%, stop-loss at 12%: exactly 30% and exactly 3%.
    @Test func tieredScheduleLandsExactlyOnBothBoundaries() throws {
        let tiered = terms(
            expected: "20000000", bands: [("0", "2", "0"), ("2", "6", "45"), ("6", "12", "20")], mlr: ("2", false),
            stopLoss: "12")
        let risk = try analysis(tiered, year: 2024)
        #expect(risk.maximumLiabilityPercent == 3)
        #expect(risk.totalRiskMet)
        #expect(risk.dollars(3) == 600_000)
        // The large-loss point is where L first reaches 3%: 12%. Window (4%, 12%].
        #expect(risk.largeLossPoint == 12)
        #expect(risk.windowStart == 4)
        // (3.0 − 0.9) / 8 = 26.25% with the 4% small-loss line of the brief.
        #expect(risk.averageRatePercent == decimal("26.25"))
    }

    @Test func averageOfExactly30PercentPasses() throws {
        // 0–4% at 0, 4–14% at 30%: L reaches 3% at 14%; average over (4%, 14%] is exactly 30%.
        let exact = terms(expected: "10000000", bands: [("0", "4", "0"), ("4", "14", "30")], stopLoss: "14")
        let risk = try analysis(exact, year: 2024)
        #expect(risk.averageRatePercent == 30)
        #expect(!(risk.averageRatePercent < 30))
        let justUnder = terms(expected: "10000000", bands: [("0", "4", "0"), ("4", "20", "29.999")])
        #expect(try analysis(justUnder, year: 2024).averageRatePercent < 30)
    }

    @Test func totalRiskOfExactly3PercentMeetsTheStandard() throws {
        let exact = terms(expected: "10000000", bands: [("0", nil, "50")], cap: "300000")
        #expect(try analysis(exact, year: 2024).totalRiskMet)
        let under = terms(expected: "10000000", bands: [("0", nil, "50")], cap: "299999.99")
        #expect(try !analysis(under, year: 2024).totalRiskMet)
    }

    @Test func binaryFloatingPointWouldMissTheBoundary() {
        // The brief's warning: 0.45·0.04 + 0.20·0.06 in Double is not 0.03.
        #expect(0.45 * 0.04 + 0.20 * 0.06 != 0.03)
        #expect(decimal("0.45") * decimal("0.04") + decimal("0.20") * decimal("0.06") == decimal("0.03"))
    }

    @Test func firstDollarMinimumLossRateJumps() throws {
        // Owes 50% of the whole overrun once it passes 2%: L jumps from 0 to 1% at 2%.
        let firstDollar = terms(expected: "10000000", bands: [("0", "10", "50")], mlr: ("2", true), stopLoss: "10")
        let curve = LiabilityCurve(
            bands: firstDollar.bands, minimumLossRate: firstDollar.minimumLossRate, stopLossPercent: 10, capPercent: nil)
        #expect(curve.value(at: 2) == 0)
        #expect(curve.valueAfter(2) == 1)
        #expect(curve.value(at: 4) == 2)
        let risk = try analysis(firstDollar, year: 2024)
        #expect(risk.largeLossPoint == 6)
        #expect(risk.averageRatePercent == 50)
    }

    @Test func revenueDefinedRiskLowersTheRequirement() throws {
        // 8% of $12.5M revenue = $1M = 2% of $50M expected expenditures, below 3%.
        let revenue = terms(
            expected: "50000000", bands: [("0", "10", "50")], cap: "2000000", revenue: "12500000")
        let risk = try analysis(revenue, year: 2024)
        #expect(risk.requirementPercent == 2)
        #expect(risk.requirementBasis == .revenue)
        #expect(risk.maximumLiabilityPercentOfRevenue == 16)
        // Revenue standard not available before 2019: back to 3%.
        #expect(try analysis(revenue, year: 2018).requirementPercent == 3)
    }

    @Test func upsideOnlyHasNoLiability() throws {
        let upside = terms(expected: "10000000", bands: [("0", nil, "0")])
        let risk = try analysis(upside, year: 2024)
        #expect(risk.maximumLiabilityPercent == 0)
        #expect(!risk.totalRiskMet)
        #expect(risk.averageRatePercent == 0)
    }

    @Test func unboundedLiabilityAlwaysMeetsTotalRisk() throws {
        let open = terms(expected: "10000000", bands: [("0", nil, "40")])
        let risk = try analysis(open, year: 2024)
        #expect(risk.maximumLiabilityPercent == nil)
        #expect(risk.totalRiskMet)
        #expect(risk.largeLossPoint == decimal("7.5"))
        #expect(risk.averageRatePercent == 40)
    }
}
