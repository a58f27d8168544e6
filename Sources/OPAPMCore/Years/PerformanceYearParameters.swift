import Foundation

/// Every number and switch that decides a determination for one performance year.
/// Percent values are percents (30 means 30%).
public struct PerformanceYearParameters: Sendable, Hashable {
    public var year: Int
    /// 414.1420(b): share of eligible clinicians in each APM Entity the arrangement must require to use CEHRT.
    public var cehrtMinimumPercent: YearValue<Decimal>
    /// 414.1420(c)(2): sources from which at least one measure must come.
    public var acceptedMeasureSources: YearValue<Set<MeasureSource>>
    /// 414.1420(c)(3): the outcome measure must itself come from an accepted source.
    public var outcomeMeasureNeedsAcceptedSource: YearValue<Bool>
    /// 414.1420(d)(3)(i): total risk as a percent of expected expenditures.
    public var nominalExpenditurePercent: YearValue<Decimal>
    /// 414.1420(d)(3)(i): total risk as a percent of revenue from the payer, when risk is defined in revenue terms.
    public var nominalRevenuePercent: YearValue<Decimal>
    /// Whether the revenue-based standard is available this year.
    public var revenueStandardAvailable: YearValue<Bool>
    /// 414.1420(d)(3)(ii)(B): total potential risk as a percent of expected expenditures.
    public var totalPotentialRiskPercent: YearValue<Decimal>
    /// 414.1420(d)(3)(ii)(A): minimum marginal risk rate.
    public var marginalRiskMinimumPercent: YearValue<Decimal>
    /// 414.1420(d)(5): lowest or average rate.
    public var marginalRiskMethod: YearValue<MarginalRiskMethod>
    /// 414.1420(d)(5)(iii): overruns below this percent of expected expenditures are disregarded.
    public var smallLossPercent: YearValue<Decimal>
    /// 414.1420(d)(4): Medicaid Medical Home Model nominal amount, percent of average estimated total revenue.
    public var medicalHomeMinimumPercent: YearValue<Decimal>
    /// 414.1420(d)(8): owning organizations with at least this many eligible clinicians lose the
    /// medical-home standards; nil before the limit applies.
    public var medicalHomeClinicianLimit: YearValue<Int?>
    /// 414.1445: a determination may cover several years (up to `maximumYearsCovered`).
    public var multiYearDeterminations: YearValue<Bool>
    public var maximumYearsCovered: YearValue<Int>

    /// The values as name/value/source rows, for reports.
    public var rows: [ParameterRow] {
        func row<T>(_ name: String, _ value: YearValue<T>, _ text: String) -> ParameterRow {
            ParameterRow(name: name, value: text, source: value.source, confirmed: value.confirmed)
        }
        func percent(_ value: Decimal) -> String { "\(value)%" }
        return [
            row("cehrtMinimum", cehrtMinimumPercent, percent(cehrtMinimumPercent.value)),
            row("acceptedMeasureSources", acceptedMeasureSources,
                acceptedMeasureSources.value.sorted().map(\.rawValue).joined(separator: ",")),
            row("outcomeMeasureNeedsAcceptedSource", outcomeMeasureNeedsAcceptedSource,
                "\(outcomeMeasureNeedsAcceptedSource.value)"),
            row("nominalExpenditureStandard", nominalExpenditurePercent, percent(nominalExpenditurePercent.value)),
            row("nominalRevenueStandard", nominalRevenuePercent,
                revenueStandardAvailable.value ? percent(nominalRevenuePercent.value) : "not available"),
            row("totalPotentialRisk", totalPotentialRiskPercent, percent(totalPotentialRiskPercent.value)),
            row("marginalRiskMinimum", marginalRiskMinimumPercent, percent(marginalRiskMinimumPercent.value)),
            row("marginalRiskMethod", marginalRiskMethod, marginalRiskMethod.value.rawValue),
            row("smallLossAllowance", smallLossPercent, percent(smallLossPercent.value)),
            row("medicalHomeMinimum", medicalHomeMinimumPercent, percent(medicalHomeMinimumPercent.value)),
            row("medicalHomeClinicianLimit", medicalHomeClinicianLimit,
                medicalHomeClinicianLimit.value.map { "\($0) or more" } ?? "none"),
            row("multiYearDeterminations", multiYearDeterminations,
                multiYearDeterminations.value ? "up to \(maximumYearsCovered.value) years" : "no"),
        ]
    }
}

/// One table value as shown in reports.
public struct ParameterRow: Sendable, Hashable, Codable {
    public var name: String
    public var value: String
    public var source: String
    public var confirmed: Bool
}
