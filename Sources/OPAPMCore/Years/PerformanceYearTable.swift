import Foundation

/// The one table of performance-year values (2017–2027). Sources: the domain brief
/// (shared/domain/README.md) and 42 CFR 414.1420 as amended (83 FR 60090, 84 FR 63200).
public enum PerformanceYearTable {
    public static let supportedYears: ClosedRange<Int> = 2017...2027

    public struct UnsupportedYear: Error, Sendable, CustomStringConvertible {
        public var year: Int
        public var description: String {
            "performance year \(year) is not supported (supported: \(supportedYears.lowerBound)–\(supportedYears.upperBound))"
        }
    }

    /// Every supported year's values, built once: a batch of ten thousand files asks for them per file.
    private static let table: [Int: PerformanceYearParameters] = Dictionary(
        uniqueKeysWithValues: supportedYears.map { ($0, build($0)) })

    /// The report rows of each year's values, built once.
    static let rowsByYear: [Int: [ParameterRow]] = table.mapValues(\.rows)

    public static func parameters(for year: Int) throws(UnsupportedYear) -> PerformanceYearParameters {
        guard let parameters = table[year] else { throw UnsupportedYear(year: year) }
        return parameters
    }

    private static func build(_ year: Int) -> PerformanceYearParameters {
        let early = year <= 2019
        return PerformanceYearParameters(
            year: year,
            cehrtMinimumPercent: early
                ? YearValue(50, source: "42 CFR 414.1420(b) (PY2017–2019)")
                : YearValue(75, source: "42 CFR 414.1420(b) as amended, 83 FR 60090 (from 1 January 2020)"),
            acceptedMeasureSources: early
                ? YearValue(
                    [.mipsList, .consensusEndorsed, .section1848s, .callForMeasures, .cmsDetermined],
                    source: "42 CFR 414.1420(c)(2)(i)–(v) (PY2017–2019)")
                : YearValue(
                    [.mipsList, .consensusEndorsed, .cmsDetermined],
                    source: "42 CFR 414.1420(c)(2) as amended, 83 FR 60090 (PY2020 on)"),
            outcomeMeasureNeedsAcceptedSource: YearValue(
                !early, source: "42 CFR 414.1420(c)(3) as amended, 83 FR 60090 (PY2020 on)"),
            nominalExpenditurePercent: YearValue(3, source: "42 CFR 414.1420(d)(3)(i)"),
            nominalRevenuePercent: YearValue(8, source: "42 CFR 414.1420(d)(3)(i)", confirmed: (2019...2024).contains(year)),
            revenueStandardAvailable: revenueStandard(year),
            totalPotentialRiskPercent: YearValue(
                4, source: "42 CFR 414.1420(d)(3)(ii)(B)", confirmed: early),
            marginalRiskMinimumPercent: YearValue(30, source: "42 CFR 414.1420(d)(3)(ii)(A)"),
            marginalRiskMethod: early
                ? YearValue(.lowest, source: "42 CFR 414.1420(d)(5) (PY2017–2019: lowest rate)")
                : YearValue(.average, source: "42 CFR 414.1420(d)(5) as amended (PY2020 on: average rate)"),
            smallLossPercent: YearValue(4, source: "42 CFR 414.1420(d)(5)(iii)"),
            medicalHomeMinimumPercent: medicalHomeMinimum(year),
            medicalHomeClinicianLimit: year >= 2019
                ? YearValue(50, source: "42 CFR 414.1420(d)(8) (PY2019 on: 50 or more eligible clinicians)")
                : YearValue(nil, source: "42 CFR 414.1420(d)(8) applies from PY2019"),
            multiYearDeterminations: YearValue(
                !early, source: "42 CFR 414.1445 as amended, 83 FR 60090 (PY2020 on)", confirmed: false),
            maximumYearsCovered: YearValue(5, source: "42 CFR 414.1445 (up to 5 years)", confirmed: false))
    }

    private static func revenueStandard(_ year: Int) -> YearValue<Bool> {
        switch year {
        case ...2018:
            return YearValue(false, source: "revenue-based standard added for PY2019 (82 FR 53568)", confirmed: false)
        case 2019...2024:
            return YearValue(true, source: "42 CFR 414.1420(d)(3)(i) (PY2019–2024)")
        default:
            return YearValue(true, source: "42 CFR 414.1420(d)(3)(i) (PY2025 on: unconfirmed)", confirmed: false)
        }
    }

    private static func medicalHomeMinimum(_ year: Int) -> YearValue<Decimal> {
        switch year {
        case 2017:
            return YearValue(Decimal(25) / 10, source: "Medicare Medical Home Model ladder, 414.1415(c)(2) (PY2017)",
                confirmed: false)
        case 2018:
            return YearValue(2, source: "Medicare Medical Home Model ladder, 414.1415(c)(2) (PY2018)", confirmed: false)
        case 2019:
            return YearValue(3, source: "42 CFR 414.1420(d)(4) (PY2019)")
        case 2020:
            return YearValue(4, source: "42 CFR 414.1420(d)(4) (PY2020)")
        default:
            return YearValue(5, source: "42 CFR 414.1420(d)(4) (PY2021 on)")
        }
    }
}
