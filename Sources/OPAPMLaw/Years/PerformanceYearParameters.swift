import Foundation
import OPAPMFiles
import OPAPMModel

/// Every number and switch that decides a determination for one performance year, read from the law
/// (`law/opapm-law.json`). Percent values are percents (30 means 30%). A class, built once per year:
/// every rule of every file reads it, and copying some forty strings and collections each time cost a
/// tenth of a batch check.
public final class PerformanceYearParameters: Sendable {
    public let year: Int
    /// 414.1425(f): whether the year has Other Payer Advanced APM determinations at all (PY2019 on).
    public let otherPayerDeterminations: YearValue<Bool>
    /// 414.1420(b): share of eligible clinicians in each APM Entity that must use (or be required to use) CEHRT.
    public let cehrtMinimumPercent: YearValue<Exact>
    /// 414.1420(b): `required` (PY2017–2019) or `used` (PY2020 on).
    public let cehrtTest: YearValue<String>
    /// 414.1445(c)(2): an arrangement shown to require CEHRT is presumed to meet 414.1420(b) (PY2018 on).
    public let cehrtRequirementPresumed: YearValue<Bool>
    /// 414.1420(c)(2): sources from which at least one measure must come.
    public let acceptedMeasureSources: YearValue<Set<MeasureSource>>
    /// 414.1420(c)(2)(i)(A) with 414.1330(a)(2): QCDR measures count as MIPS measures (PY2019).
    public let qcdrMeasuresAreMIPSMeasures: YearValue<Bool>
    /// 414.1420(c)(3)–(4): how the outcome measure relates to the measure that meets (c)(2).
    public let outcomeMeasureRule: YearValue<String>
    /// 414.1420(c)(3)(ii): an arrangement determined on or before this date keeps the PY2019 outcome
    /// rule for this year (PY2020 only).
    public let outcomeTransitionDeterminedBy: YearValue<CalendarDate?>
    /// 414.1420(c)(3): the outcome measure must itself come from an accepted source (PY2020 on).
    public let outcomeMeasureNeedsAcceptedSource: YearValue<Bool>
    /// 414.1420(d)(3)(i): total risk as a percent of expected expenditures.
    public let nominalExpenditurePercent: YearValue<Exact>
    /// 414.1420(d)(3)(i): total risk as a percent of revenue from the payer, when risk is defined in
    /// revenue terms (0 where `revenueStandardAvailable` is false).
    public let nominalRevenuePercent: YearValue<Exact>
    /// Whether the revenue-based standard is available this year.
    public let revenueStandardAvailable: YearValue<Bool>
    /// 414.1420(d)(3)(ii)(B): total potential risk as a percent of expected expenditures; nil where the
    /// standard does not apply (PY2020 on).
    public let totalPotentialRiskPercent: YearValue<Exact?>
    /// 414.1420(d)(3)(ii): minimum marginal risk rate.
    public let marginalRiskMinimumPercent: YearValue<Exact>
    /// 414.1420(d)(5): lowest or average rate.
    public let marginalRiskMethod: YearValue<MarginalRiskMethod>
    /// 414.1420(d)(5)(iii): overruns below this percent of expected expenditures may be disregarded.
    public let smallLossPercent: YearValue<Exact>
    /// 414.1420(d)(5)(ii)–(iii): how the allowances are used (`never-against-the-arrangement`: interpretation).
    public let allowancesUse: YearValue<String>
    /// 414.1420(d)(6): expected expenditures are capped at what the participant would spend without the
    /// arrangement (PY2020 on).
    public let expectedExpendituresCap: YearValue<Bool>
    /// 414.1420(d)(7): whose contracts with CMS are not capitation: `cms-ma-organization-contracts`.
    public let capitationExclusion: YearValue<String>
    /// 414.1420(d)(4): medical-home nominal amount, percent of average estimated total revenue; nil before PY2019.
    public let medicalHomeMinimumPercent: YearValue<Exact?>
    /// 414.1305: how many of the seven medical-home elements the model must have.
    public let medicalHomeElementsMinimum: YearValue<Int>
    /// 414.1420(d)(2): the Aligned Other Payer Medical Home Model route (PY2020 on).
    public let alignedMedicalHomeRoute: YearValue<Bool>
    /// 414.1420(d)(8): at this many eligible clinicians the medical-home standards give way to the
    /// general ones; nil before the limit applies.
    public let medicalHomeClinicianLimit: YearValue<Int?>
    /// 414.1420(d)(8): whose clinicians count, `owning-organization` (PY2019–2022) or `apm-entity`.
    public let medicalHomeLimitBasis: YearValue<String>
    /// A determination may cover several years (up to `maximumYearsCovered`).
    public let multiYearDeterminations: YearValue<Bool>
    public let maximumYearsCovered: YearValue<Int>
    /// Whether CMS reviews a request made after its deadline.
    public let lateRequestsReviewed: YearValue<Bool>
    /// The payer groups that may use the payer-initiated process.
    public let payerInitiatedGroups: YearValue<[String]>
    /// Each process and payer group's deadline, by law key; nil where the route does not exist that year.
    public let deadlines: [LawKey: YearValue<Deadline?>]
    /// 414.1425: whether the Medicare Option is decided for the APM Entity group only, or also individually.
    public let qpMedicareOptionLevel: YearValue<String>
    /// 414.1440(d)(3): the APM Entity group's higher Medicare score enters an individual's All-Payer score.
    public let weightedMedicareScore: YearValue<Bool>
    /// 414.1440(e)(2): when All-Payer QP data is due; nil before the option exists.
    public let qpDataDeadline: YearValue<Deadline?>
    /// 414.1430 and 414.1450: the QP and Partial QP thresholds and the incentive (`QPThresholdTable`).
    public let qp: [LawKey: YearValue<Exact?>]
    /// Every value of the law in force this year that decides an arrangement, for reports (the QP
    /// thresholds are left out: `opapm law` and the QP report show them).
    public let rows: [ParameterRow]
    /// Each row by its key's ordinal, for the findings that cite it.
    private let rowByKey: [ParameterRow?]
    /// The law's entries for the QP thresholds and incentive of the year.
    public let qpEntries: [LawEntry]

    /// The values for `year`, which `law` covers (its checks guarantee every key has a value of its type).
    init(law: Law, year: Int) {
        func entry(_ key: LawKey) -> LawEntry? { law.entry(key, year) }
        func value<T>(_ key: LawKey, _ read: (LawValue) -> T) -> YearValue<T> {
            let found = entry(key)
            return YearValue(read(found?.value ?? .none), source: found?.citation ?? "not in the law file",
                provenance: found?.provenance ?? .unverified)
        }
        func flag(_ value: LawValue) -> Bool { if case .flag(let flag) = value { return flag } else { return false } }
        func text(_ value: LawValue) -> String? { if case .text(let text) = value { return text } else { return nil } }
        func decimal(_ value: LawValue) -> Exact? { text(value).flatMap { Exact(decimalText: $0) } }
        func list(_ value: LawValue) -> [String] { if case .list(let list) = value { return list } else { return [] } }

        self.year = year
        otherPayerDeterminations = value(.otherPayerDeterminations, flag)
        cehrtMinimumPercent = value(.cehrtMinimumPercent) { decimal($0) ?? 0 }
        cehrtTest = value(.cehrtTest) { text($0) ?? "required" }
        cehrtRequirementPresumed = value(.cehrtRequirementPresumed, flag)
        acceptedMeasureSources = value(.acceptedMeasureSources) { Set(list($0).compactMap(MeasureSource.init(rawValue:))) }
        qcdrMeasuresAreMIPSMeasures = value(.qcdrMeasuresAreMIPSMeasures, flag)
        outcomeMeasureRule = value(.outcomeMeasureRule) { text($0) ?? "outcome-measure" }
        outcomeMeasureNeedsAcceptedSource = value(.outcomeMeasureRule) { text($0) != "outcome-measure" }
        outcomeTransitionDeterminedBy = value(.outcomeTransitionDeterminedBy) { text($0).flatMap { CalendarDate(iso: $0) } }
        nominalExpenditurePercent = value(.nominalExpenditurePercent) { decimal($0) ?? 0 }
        nominalRevenuePercent = value(.nominalRevenuePercent) { decimal($0) ?? 0 }
        revenueStandardAvailable = value(.nominalRevenuePercent) { decimal($0) != nil }
        totalPotentialRiskPercent = value(.totalPotentialRiskPercent, decimal)
        marginalRiskMinimumPercent = value(.marginalRiskMinimumPercent) { decimal($0) ?? 0 }
        marginalRiskMethod = value(.marginalRiskMethod) { text($0).flatMap(MarginalRiskMethod.init(rawValue:)) ?? .average }
        smallLossPercent = value(.smallLossPercent) { decimal($0) ?? 0 }
        allowancesUse = value(.allowancesUse) { text($0) ?? "never-against-the-arrangement" }
        expectedExpendituresCap = value(.expectedExpendituresCap, flag)
        capitationExclusion = value(.capitationExclusion) { text($0) ?? "cms-ma-organization-contracts" }
        medicalHomeMinimumPercent = value(.medicalHomeMinimumPercent, decimal)
        medicalHomeElementsMinimum = value(.medicalHomeElementsMinimum) { text($0).flatMap { Int($0) } ?? 4 }
        alignedMedicalHomeRoute = value(.alignedMedicalHomeRoute, flag)
        medicalHomeClinicianLimit = value(.medicalHomeClinicianLimit) { text($0).flatMap { Int($0) } }
        medicalHomeLimitBasis = value(.medicalHomeLimitBasis) { text($0) ?? "owning-organization" }
        multiYearDeterminations = value(.multiYearDeterminations, flag)
        maximumYearsCovered = value(.maximumYearsCovered) { text($0).flatMap { Int($0) } ?? 1 }
        lateRequestsReviewed = value(.lateRequestsReviewed, flag)
        payerInitiatedGroups = value(.payerInitiatedGroups, list)
        var deadlines: [LawKey: YearValue<Deadline?>] = [:]
        for key in LawKey.allCases where key.isDeadline {
            deadlines[key] = value(key) { text($0).flatMap(Deadline.init) }
        }
        self.deadlines = deadlines
        var qp: [LawKey: YearValue<Exact?>] = [:]
        for key in LawKey.allCases where key.decidesQPStatus { qp[key] = value(key, decimal) }
        qpMedicareOptionLevel = value(.qpMedicareOptionLevel) { text($0) ?? "apm-entity-group" }
        weightedMedicareScore = value(.weightedMedicareScore, flag)
        qpDataDeadline = value(.qpDataDeadline) { text($0).flatMap(Deadline.init) }
        self.qp = qp
        let entries = law.keyedEntries(for: year)
        var rowByKey = [ParameterRow?](repeating: nil, count: LawKey.allCases.count)
        for (key, entry) in entries { rowByKey[key.ordinal] = ParameterRow(entry) }
        rows = entries.filter { !$0.key.decidesQPStatus }.compactMap { rowByKey[$0.key.ordinal] }
        qpEntries = entries.filter { $0.key.decidesQPStatus }.map(\.entry)
        self.rowByKey = rowByKey
    }
}

extension PerformanceYearParameters {
    /// The row of `key` for this year, as reports show it.
    public func row(_ key: LawKey) -> ParameterRow? { rowByKey[key.ordinal] }
}

/// One value of the law as reports show it: what it is, where it was read, and how sure that is.
public struct ParameterRow: Sendable, Hashable, Codable {
    public let name: String
    public let value: String
    public let source: String
    public let provenance: Provenance
    /// Codified: read in the CFR text for the year. Kept for readers of earlier reports.
    public let confirmed: Bool

    public init(name: String, value: String, source: String, provenance: Provenance) {
        self.name = name
        self.value = value
        self.source = source
        self.provenance = provenance
        confirmed = provenance == .codified
    }

    public init(_ entry: LawEntry) {
        self.init(name: entry.key, value: entry.value.shown, source: entry.citation, provenance: entry.provenance)
    }
}
