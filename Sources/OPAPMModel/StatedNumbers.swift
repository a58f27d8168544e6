import Foundation

/// One number a submission states, with what kind of quantity it is, so the range checks
/// (docs/bad-input.md) can look at every amount and percent in one place.
public struct StatedNumber: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// US dollars.
        case money
        /// A rate or share, 0 to 100.
        case percent
        /// A point on the overrun of expected expenditures, 0 to 1000 percent.
        case overrunPercent
    }

    /// The element or attribute, for messages (`expectedExpenditures`, `band/@ratePercent`).
    public var name: String
    public var value: Exact
    public var kind: Kind
    public var location: SourceLocation
}

extension Arrangement {
    /// Every amount and percent the arrangement states, in document order.
    public var statedNumbers: [StatedNumber] {
        var numbers: [StatedNumber] = []
        func add(_ name: String, _ value: Exact?, _ kind: StatedNumber.Kind, _ location: SourceLocation) {
            if let value { numbers.append(StatedNumber(name: name, value: value, kind: kind, location: location)) }
        }
        func add(_ name: String, _ located: Located<Exact>?, _ kind: StatedNumber.Kind) {
            if let located { add(name, located.value, kind, located.location) }
        }
        add("cehrt/requiredPercent", cehrt.requiredPercent, .percent)
        if let risk = financialRisk {
            add("expectedExpenditures", risk.expectedExpenditures, .money)
            add("counterfactualExpenditures", risk.counterfactualExpenditures, .money)
            add("revenueFromPayer", risk.revenueFromPayer, .money)
            if let rate = risk.minimumLossRate { add("minimumLossRate", rate.percent, .overrunPercent, rate.location) }
            for band in risk.bands {
                add("band/@fromPercent", band.fromPercent, .overrunPercent, band.location)
                add("band/@toPercent", band.toPercent, .overrunPercent, band.location)
                add("band/@ratePercent", band.ratePercent, .percent, band.location)
            }
            add("withheldAmount", risk.withheldAmount, .money)
            add("maximumLiability", risk.maximumLiability, .money)
            add("stopLossPercent", risk.stopLossPercent, .overrunPercent)
            if let capitation = risk.capitation {
                add("capitation/perCapitaPayment", capitation.perCapitaPayment, .money, capitation.location)
            }
        }
        if let home = medicalHome {
            add("medicalHome/amountAtRisk", home.amountAtRisk, .money)
            add("medicalHome/averageEstimatedTotalRevenue", home.averageEstimatedTotalRevenue, .money)
        }
        if let figures = qpFigures {
            add("qpFigures/revenueThroughArrangement", figures.revenueThroughArrangement, .money, figures.location)
            add("qpFigures/totalRevenueFromPayer", figures.totalRevenueFromPayer, .money, figures.location)
        }
        return numbers
    }
}
