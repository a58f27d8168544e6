import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules

/// The smallest single change that would make a failing numeric criterion pass, found by the same
/// engine and verified by deciding the changed arrangement again. Payers design contracts with it.
public struct Remedy: Sendable, Hashable, Codable {
    /// The rule the change answers.
    public var rule: String
    /// The element the change is to, as findings write paths.
    public var path: String
    /// The value now and the value that passes, as the submission writes them.
    public var from: String
    public var to: String
    /// What to do, for people.
    public var change: String
}

/// Finds remedies for CEHRT001 (the required CEHRT share), MMH004 (the medical home's amount at risk),
/// FR002 (a cap on the liability), FR004 (each loss-sharing band's rate) and, for FR002 and FR004, the
/// minimum loss rate, one change at a time.
enum WhatWouldPass {
    /// Rates are searched in hundredths of a percent, from the band's own rate up to 100%.
    static let rateStep = Exact(1, over: 100)

    static func remedies(for submission: Submission, year: Int, failing: Set<String>, engine: DeterminationEngine) -> [Remedy] {
        guard let parameters = try? PerformanceYearTable.parameters(for: year) else { return [] }
        var remedies: [Remedy] = []
        let arrangement = submission.arrangement
        /// Whether `change` makes `rule` pass, deciding the changed submission again.
        func passes(_ rule: String, _ change: (inout Submission) -> Void) -> Bool {
            var changed = submission
            change(&changed)
            return !engine.determine(changed, year: year, findingRemedies: false).findings
                .contains { $0.rule == rule && $0.severity == .error }
        }
        if failing.contains("CEHRT001"), let stated = arrangement.cehrt.requiredPercent {
            let minimum = parameters.cehrtMinimumPercent.value
            if passes("CEHRT001", { $0.arrangement.cehrt.requiredPercent?.value = minimum }) {
                remedies.append(Remedy(rule: "CEHRT001", path: stated.location.path, from: stated.value.percentText, to: minimum.percentText,
                    change: "require CEHRT use by \(minimum.percentText) of each APM Entity's clinicians (now \(stated.value.percentText))"))
            }
        }
        if failing.contains("MMH004"), let home = arrangement.medicalHome, let amount = home.amountAtRisk,
            let revenue = home.averageEstimatedTotalRevenue?.value, let minimum = parameters.medicalHomeMinimumPercent.value
        {
            let needed = Self.cents(up: minimum * revenue / 100)
            if passes("MMH004", { $0.arrangement.medicalHome?.amountAtRisk?.value = needed }) {
                remedies.append(Remedy(rule: "MMH004", path: amount.location.path, from: amount.value.dollarText, to: needed.dollarText,
                    change: "put at least \(needed.dollarText) at risk (\(minimum.percentText) of \(revenue.dollarText); now \(amount.value.dollarText))"))
            }
        }
        // The requirement as the engine computes it: the (d)(6) cap and the revenue basis included.
        if failing.contains("FR002"), let risk = arrangement.financialRisk, let cap = risk.maximumLiability,
            let analysis = RiskAnalysis(terms: risk, parameters: parameters)
        {
            let needed = Self.cents(up: analysis.dollars(analysis.requirementPercent))
            if needed > cap.value, passes("FR002", { $0.arrangement.financialRisk?.maximumLiability?.value = needed }) {
                remedies.append(Remedy(rule: "FR002", path: cap.location.path, from: cap.value.dollarText, to: needed.dollarText,
                    change: "raise the cap on liability to \(needed.dollarText) (now \(cap.value.dollarText))"))
            }
        }
        if failing.contains("FR004"), let risk = arrangement.financialRisk {
            for (index, band) in risk.bands.enumerated() where band.ratePercent < 100 {
                func setting(_ rate: Exact) -> (inout Submission) -> Void {
                    { $0.arrangement.financialRisk?.bands[index].ratePercent = rate }
                }
                guard passes("FR004", setting(100)) else { continue }
                // The lowest passing rate, in hundredths of a percent, by bisection between the band's rate and 100%.
                var low = Self.hundredths(band.ratePercent)
                var high = 10_000
                while high - low > 1 {
                    let middle = (low + high) / 2
                    if passes("FR004", setting(Exact(middle) / 100)) { high = middle } else { low = middle }
                }
                let rate = Exact(high) / 100
                let span = band.toPercent.map { "\(band.fromPercent.percentText)–\($0.percentText)" } ?? "from \(band.fromPercent.percentText)"
                remedies.append(Remedy(rule: "FR004", path: band.location.path, from: band.ratePercent.percentText, to: rate.percentText,
                    change: "raise the sharing rate of the band \(span) to \(rate.percentText) (now \(band.ratePercent.percentText))"))
            }
        }
        // A minimum loss rate (a deductible on the overrun) holds sharing back: the highest that passes.
        if let risk = arrangement.financialRisk, let rate = risk.minimumLossRate, rate.percent > 0 {
            func setting(_ percent: Exact) -> (inout Submission) -> Void {
                { $0.arrangement.financialRisk?.minimumLossRate?.percent = percent }
            }
            for rule in ["FR002", "FR004"] where failing.contains(rule) && passes(rule, setting(0)) {
                // In hundredths of a percent, by bisection between none (passes) and the stated rate (fails).
                var low = 0
                var high = Self.hundredths(rate.percent) + (rate.percent * 100 == (rate.percent * 100).floor ? 0 : 1)
                while high - low > 1 {
                    let middle = (low + high) / 2
                    if passes(rule, setting(Exact(middle) / 100)) { low = middle } else { high = middle }
                }
                let highest = Exact(low) / 100
                guard !remedies.contains(where: { $0.path == rate.location.path && $0.to == highest.percentText }) else { continue }
                remedies.append(Remedy(rule: rule, path: rate.location.path, from: rate.percent.percentText, to: highest.percentText,
                    change: "lower the minimum loss rate to \(highest.percentText) (now \(rate.percent.percentText))"))
            }
        }
        return remedies
    }

    /// Rounded up to the cent.
    static func cents(up value: Exact) -> Exact {
        (value * 100).ceiling / 100
    }

    /// A percent as whole hundredths, rounded down.
    static func hundredths(_ percent: Exact) -> Int {
        (percent * 100).floor.intValue ?? 0
    }
}
