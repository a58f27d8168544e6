import Foundation

/// One status's thresholds for one method, in percent.
public struct QPThreshold: Sendable, Hashable, Codable {
    /// Medicare Option threshold score.
    public var medicare: Decimal
    /// All-Payer Combination Option: all-payer total and the Medicare minimum; nil where the option does not exist.
    public var allPayerTotal: Decimal?
    public var allPayerMedicareMinimum: Decimal?
}

/// QP and Partial QP thresholds and the incentive for one performance year (42 CFR 414.1430; PY = payment year − 2).
public struct QPYearThresholds: Sendable, Hashable {
    public var year: Int
    public var qpPayment: QPThreshold
    public var qpPatients: QPThreshold
    public var partialPayment: QPThreshold
    public var partialPatients: QPThreshold
    /// APM incentive payment as a percent of covered professional services, paid two years later; 0 for none.
    public var bonusPercent: Decimal
    public var source: String
    public var confirmed: Bool

    public func threshold(status: QPStatus, method: QPMethod) -> QPThreshold {
        switch (status, method) {
        case (.qp, .paymentAmount): return qpPayment
        case (.qp, .patientCount): return qpPatients
        default: return method == .paymentAmount ? partialPayment : partialPatients
        }
    }
}

/// The QP threshold table, PY2017–2027. Sources: domain brief section 3 (the seed's PY2020 table for
/// PY2019–2024), regulation-notes sections 6 and 8.
public enum QPThresholdTable {
    public static func thresholds(for year: Int) throws(PerformanceYearTable.UnsupportedYear) -> QPYearThresholds {
        guard PerformanceYearTable.supportedYears.contains(year) else {
            throw PerformanceYearTable.UnsupportedYear(year: year)
        }
        func t(_ medicare: Decimal, _ total: Decimal?, _ minimum: Decimal?) -> QPThreshold {
            QPThreshold(medicare: medicare, allPayerTotal: total, allPayerMedicareMinimum: minimum)
        }
        switch year {
        case 2017, 2018:
            return QPYearThresholds(
                year: year, qpPayment: t(25, nil, nil), qpPatients: t(20, nil, nil), partialPayment: t(20, nil, nil),
                partialPatients: t(10, nil, nil), bonusPercent: 5,
                source: "42 CFR 414.1430(a) (payment years 2019–2020); All-Payer option from PY2019", confirmed: true)
        case 2019...2024:
            return QPYearThresholds(
                year: year, qpPayment: t(50, 50, 25), qpPatients: t(35, 35, 20), partialPayment: t(40, 40, 20),
                partialPatients: t(25, 25, 10), bonusPercent: bonus(year),
                source: "42 CFR 414.1430 (payment years 2021–2026); seed table for PY2020", confirmed: true)
        case 2025:
            return QPYearThresholds(
                year: year, qpPayment: t(75, 75, 25), qpPatients: t(50, 50, 20), partialPayment: t(50, 50, 20),
                partialPatients: t(35, 35, 10), bonusPercent: 0,
                source: "42 CFR 414.1430 (payment year 2027 and later); no incentive for PY2025", confirmed: true)
        case 2026:
            // Secondary: the payment thresholds from the Consolidated Appropriations Act 2026, the patient
            // thresholds from the proposed rule CMS-1848-P; the CFR still reads 75/50 ; 50/35. The Partial QP
            // payment threshold (40) stays below the QP one (50).
            return QPYearThresholds(
                year: year, qpPayment: t(50, 50, 25), qpPatients: t(35, 35, 20), partialPayment: t(40, 40, 20),
                partialPatients: t(25, 25, 10), bonusPercent: Decimal(31) / 10,
                source: "Consolidated Appropriations Act 2026 (payment thresholds, 3.1% incentive) and CMS-1848-P (patient thresholds), secondary; the CFR text reads 75/50 ; 50/35",
                confirmed: false)
        default:
            return QPYearThresholds(
                year: year, qpPayment: t(75, 75, 25), qpPatients: t(50, 50, 20), partialPayment: t(50, 50, 20),
                partialPatients: t(35, 35, 10), bonusPercent: 0,
                source: "42 CFR 414.1430 (payment year 2029 and later), 89 FR 98564", confirmed: true)
        }
    }

    private static func bonus(_ year: Int) -> Decimal {
        switch year {
        case ...2022: return 5
        case 2023: return Decimal(35) / 10
        default: return Decimal(188) / 100
        }
    }
}
