import Foundation
import OPAPMLaw
import OPAPMModel

/// The figures of the general financial risk tests (42 CFR 414.1420(d)(3) and (d)(5)), computed
/// once per arrangement and year from the liability curve, as the domain brief section 2.4 sets out.
/// Percents are of expected expenditures unless named otherwise.
public struct RiskAnalysis: Sendable, Hashable {
    public enum RequirementBasis: String, Sendable, Codable {
        case expectedExpenditures = "expected-expenditures"
        case revenue = "revenue"
    }

    public var curve: LiabilityCurve
    public var expectedExpenditures: Exact
    /// Total risk requirement R of (d)(3)(i), as a percent of expected expenditures.
    public var requirementPercent: Exact
    public var requirementBasis: RequirementBasis
    /// nil: unbounded.
    public var maximumLiabilityPercent: Exact?
    /// Largest liability as a percent of revenue from the payer, when risk is defined in revenue terms.
    public var maximumLiabilityPercentOfRevenue: Exact?
    /// The overrun at which L first reaches R; nil when it never does.
    public var largeLossPoint: Exact?
    /// The averaging window (start, end], overrun percents.
    public var windowStart: Exact
    public var windowEnd: Exact
    /// Average and lowest marginal rate over the window, in percent.
    public var averageRatePercent: Exact
    public var lowestRatePercent: Exact
    /// Average over every overrun up to where L stops rising: what the allowances change.
    public var averageWithoutAllowancesPercent: Exact?
    /// Average and lowest rate over (0, u]: the window without the small-loss allowance, which CMS "may"
    /// use and never uses against the arrangement (brief 3.3); nil where it is the standard window.
    public var averageFromZeroPercent: Exact?
    public var lowestFromZeroPercent: Exact?

    /// The benchmark the terms state, when the (d)(6) cap replaced it with the lower counterfactual
    /// spending as the expected expenditures the tests use.
    public var cappedBenchmark: Exact?

    public var totalRiskMet: Bool { maximumLiabilityPercent.map { $0 >= requirementPercent } ?? true }

    /// The analysis of the terms as stated, or nil when they state no positive expected expenditures:
    /// every figure is a percent of them, so there is nothing to compute (a rule reports the figure).
    public init?(terms: FinancialRiskTerms, parameters: PerformanceYearParameters) {
        guard let expected = terms.expectedExpenditures?.value, expected > 0 else { return nil }
        self.init(terms: terms, expected: expected, parameters: parameters)
    }

    /// `benchmark` must be positive.
    public init(terms: FinancialRiskTerms, expected benchmark: Exact, parameters: PerformanceYearParameters) {
        let caps = [terms.maximumLiability?.value, terms.withheldAmount?.value].compactMap { $0 }
        let capPercent = caps.min().map { ($0.scaled(byPowerOfTen: 2) / benchmark) }
        let stated = LiabilityCurve(
            bands: terms.bands, minimumLossRate: terms.minimumLossRate,
            stopLossPercent: terms.stopLossPercent?.value, capPercent: capPercent)
        // (d)(6), PY2020 on: expected expenditures above what the participants would spend without the
        // arrangement are not considered. Interpretation (brief 3.3): risk is assessed against the
        // counterfactual C; the contract's sharing still starts above the benchmark B.
        let expected: Exact
        if parameters.expectedExpendituresCap.value, let counterfactual = terms.counterfactualExpenditures?.value,
            (counterfactual > 0), counterfactual < benchmark
        {
            expected = counterfactual
            cappedBenchmark = benchmark
            curve = stated.rebased(
                ratio: (benchmark / counterfactual),
                shift: ((benchmark - counterfactual).scaled(byPowerOfTen: 2) / counterfactual))
        } else {
            expected = benchmark
            curve = stated
        }
        expectedExpenditures = expected
        maximumLiabilityPercent = curve.maximum

        let expenditureRequirement = parameters.nominalExpenditurePercent.value
        if let revenue = terms.revenueFromPayer?.value, revenue > 0, parameters.revenueStandardAvailable.value {
            let revenueRequirement = (parameters.nominalRevenuePercent.value * revenue) / expected
            let revenueIsLower = revenueRequirement < expenditureRequirement
            requirementPercent = revenueIsLower ? revenueRequirement : expenditureRequirement
            requirementBasis = revenueIsLower ? .revenue : .expectedExpenditures
            maximumLiabilityPercentOfRevenue = maximumLiabilityPercent.map { ($0 * expected) / revenue }
        } else {
            requirementPercent = expenditureRequirement
            requirementBasis = .expectedExpenditures
        }

        let reach = curve.firstReach(requirementPercent)
        largeLossPoint = reach?.point
        let small = parameters.smallLossPercent.value
        let upper = reach?.point ?? curve.endOfRise ?? small
        windowStart = (small < upper) ? small : 0
        windowEnd = upper
        let top = reach?.value ?? curve.valueAfter(upper)
        (averageRatePercent, lowestRatePercent) = Self.rates(curve, from: windowStart, to: upper, top: top)
        if windowStart > 0 {
            (averageFromZeroPercent, lowestFromZeroPercent) = Self.rates(curve, from: 0, to: upper, top: top)
        }
        if let end = curve.endOfRise, end > 0 {
            averageWithoutAllowancesPercent = (curve.valueAfter(end).scaled(byPowerOfTen: 2) / end)
        }
    }

    /// Average and lowest marginal rate over (low, high], with L reaching `top` at `high`. A first-dollar
    /// jump inside the window is not a marginal rate (brief 3.4): it counts in L, not in the average.
    static func rates(_ curve: LiabilityCurve, from low: Exact, to high: Exact, top: Exact) -> (Exact, Exact) {
        guard low < high else { return (0, 0) }
        var rise = (top - curve.value(at: low))
        if let jump = curve.jumpAt, low <= jump, jump <= high {
            rise -= curve.valueAfter(jump) - curve.value(at: jump)
        }
        let average = (rise.scaled(byPowerOfTen: 2) / (high - low))
        let lowest = (curve.lowestSlope(from: low, to: high) ?? 0).scaled(byPowerOfTen: 2)
        return (average, lowest)
    }

    /// The rate the year's method compares with the minimum, over the standard window (s, u].
    public func rate(for method: MarginalRiskMethod) -> Exact {
        method == .average ? averageRatePercent : lowestRatePercent
    }

    /// The same over (0, u], where that is another window.
    public func rateFromZero(for method: MarginalRiskMethod) -> Exact? {
        method == .average ? averageFromZeroPercent : lowestFromZeroPercent
    }

    public func dollars(_ percent: Exact) -> Exact {
        (percent * expectedExpenditures).scaled(byPowerOfTen: -2)
    }
}
