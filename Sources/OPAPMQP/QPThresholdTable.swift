import Foundation
import OPAPMEngine
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMPublishing
import OPAPMRules

/// One status's thresholds for one method, in percent.
public struct QPThreshold: Sendable, Hashable, Codable {
    /// Medicare Option threshold score.
    public var medicare: Exact
    /// All-Payer Combination Option: all-payer total and the Medicare minimum; nil where the option does not exist.
    public var allPayerTotal: Exact?
    public var allPayerMedicareMinimum: Exact?
}

/// QP and Partial QP thresholds and the incentive for one performance year (42 CFR 414.1430; PY = payment year − 2).
public struct QPYearThresholds: Sendable, Hashable {
    public var year: Int
    public var qpPayment: QPThreshold
    public var qpPatients: QPThreshold
    public var partialPayment: QPThreshold
    public var partialPatients: QPThreshold
    /// APM incentive payment as a percent of covered professional services, paid two years later; 0 for none.
    public var bonusPercent: Exact
    public var source: String
    public var confirmed: Bool
    /// The weakest provenance among the year's thresholds (the incentive's is in its row).
    public var provenance: Provenance
    /// Each threshold and the incentive, with its paragraph, amendment and provenance.
    public var rows: [ParameterRow]

    public func threshold(status: QPStatus, method: QPMethod) -> QPThreshold {
        switch (status, method) {
        case (.qp, .paymentAmount): return qpPayment
        case (.qp, .patientCount): return qpPatients
        default: return method == .paymentAmount ? partialPayment : partialPatients
        }
    }
}

/// The QP thresholds of a year, read from the active law (`law/opapm-law.json`, 414.1430 and 414.1450):
/// a new year or a statute's change is a newer law file (`--law`), not a new release.
public enum QPThresholdTable {
    public static func thresholds(for year: Int) throws(PerformanceYearTable.UnsupportedYear) -> QPYearThresholds {
        let parameters = try PerformanceYearTable.parameters(for: year)
        func value(_ key: LawKey) -> YearValue<Exact?> {
            parameters.qp[key] ?? YearValue(nil, source: "not in the law file", provenance: .unverified)
        }
        func t(_ medicare: LawKey, _ total: LawKey, _ minimum: LawKey) -> QPThreshold {
            QPThreshold(
                medicare: value(medicare).value ?? 0, allPayerTotal: value(total).value,
                allPayerMedicareMinimum: value(total).value == nil ? nil : value(minimum).value)
        }
        // One amendment list for the year; the weakest provenance decides whether it is confirmed.
        var amendments: [String] = []
        for entry in parameters.qpEntries where entry.value != .none {
            for amendment in entry.amendment.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
            where !amendments.contains(amendment) {
                amendments.append(amendment)
            }
        }
        // The thresholds' weakest provenance; the incentive's is its own row's (it does not decide status).
        let weakest = parameters.qpEntries.filter { LawKey(rawValue: $0.key)?.isQPThreshold == true }.map(\.provenance).max()
            ?? .codified
        return QPYearThresholds(
            year: year,
            qpPayment: t(.qpPaymentThresholdMedicare, .qpPaymentThresholdAllPayer, .qpPaymentMedicareMinimum),
            qpPatients: t(.qpPatientThresholdMedicare, .qpPatientThresholdAllPayer, .qpPatientMedicareMinimum),
            partialPayment: t(
                .partialQPPaymentThresholdMedicare, .partialQPPaymentThresholdAllPayer, .partialQPPaymentMedicareMinimum),
            partialPatients: t(
                .partialQPPatientThresholdMedicare, .partialQPPatientThresholdAllPayer, .partialQPPatientMedicareMinimum),
            bonusPercent: value(.apmIncentivePercent).value ?? 0,
            source: "42 CFR 414.1430, 414.1450 (" + amendments.joined(separator: "; ") + ")", confirmed: weakest == .codified,
            provenance: weakest, rows: parameters.qpEntries.map(ParameterRow.init))
    }
}
