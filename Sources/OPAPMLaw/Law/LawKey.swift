import Foundation
import OPAPMFiles
import OPAPMModel

/// Every value of the law opapm reads, with the type its entries must have. The law file must give each
/// of them for every year it covers, once.
public enum LawKey: String, Sendable, CaseIterable {
    case otherPayerDeterminations
    case cehrtMinimumPercent, cehrtTest, cehrtRequirementPresumed, cehrtUseEvidenceAccepted
    case acceptedMeasureSources, qcdrMeasuresAreMIPSMeasures, outcomeMeasureRule, outcomeTransitionDeterminedBy
    case nominalExpenditurePercent, nominalRevenuePercent, totalPotentialRiskPercent
    case marginalRiskMinimumPercent, marginalRiskMethod, smallLossPercent, allowancesUse, firstDollarJumpIsMarginal
    case expectedExpendituresCap, capitationExclusion
    case medicalHomeMinimumPercent, medicalHomeElementsMinimum, alignedMedicalHomeRoute, medicalHomeClinicianLimit
    case medicalHomeLimitBasis
    case multiYearDeterminations, maximumYearsCovered, lateRequestsReviewed, payerInitiatedGroups
    case deadlineTitleXIXPayerInitiated, deadlineMedicareHealthPlanPayerInitiated, deadlineMultiPayerModelPayerInitiated
    case deadlineOtherPayerPayerInitiated, deadlineTitleXIXClinicianInitiated, deadlineOtherClinicianInitiated
    // QP thresholds (414.1430) and the APM incentive (414.1450), read by `opapm qp`.
    case qpPaymentThresholdMedicare, qpPatientThresholdMedicare, partialQPPaymentThresholdMedicare
    case partialQPPatientThresholdMedicare
    case qpPaymentThresholdAllPayer, qpPatientThresholdAllPayer, partialQPPaymentThresholdAllPayer
    case partialQPPatientThresholdAllPayer
    case qpPaymentMedicareMinimum, qpPatientMedicareMinimum, partialQPPaymentMedicareMinimum, partialQPPatientMedicareMinimum
    case apmIncentivePercent, qpMedicareOptionLevel, weightedMedicareScore, qpDataDeadline

    /// The case's place in `allCases`, for tables indexed by key. A case of an enum without payloads is
    /// stored as its number in declaration order, which is `allCases`' order (LawTests holds the two
    /// equal); hashing the key hashed its name.
    @inline(__always) public var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

    /// A process and payer group's request deadline.
    public var isDeadline: Bool {
        switch self {
        case .deadlineTitleXIXPayerInitiated, .deadlineMedicareHealthPlanPayerInitiated, .deadlineMultiPayerModelPayerInitiated,
            .deadlineOtherPayerPayerInitiated, .deadlineTitleXIXClinicianInitiated, .deadlineOtherClinicianInitiated:
            return true
        default:
            return false
        }
    }

    /// A QP or Partial QP threshold or Medicare minimum (414.1430).
    public var isQPThreshold: Bool {
        decidesQPStatus && ![.apmIncentivePercent, .qpMedicareOptionLevel, .weightedMedicareScore, .qpDataDeadline].contains(self)
    }

    /// Values that decide QP status, not an arrangement: arrangement reports leave them out.
    public var decidesQPStatus: Bool {
        switch self {
        case .qpPaymentThresholdMedicare, .qpPatientThresholdMedicare, .partialQPPaymentThresholdMedicare,
            .partialQPPatientThresholdMedicare, .qpPaymentThresholdAllPayer, .qpPatientThresholdAllPayer,
            .partialQPPaymentThresholdAllPayer, .partialQPPatientThresholdAllPayer, .qpPaymentMedicareMinimum,
            .qpPatientMedicareMinimum, .partialQPPaymentMedicareMinimum, .partialQPPatientMedicareMinimum,
            .apmIncentivePercent, .qpMedicareOptionLevel, .weightedMedicareScore, .qpDataDeadline:
            return true
        default:
            return false
        }
    }

    /// The types a value may have.
    public enum Kind: Sendable, Hashable {
        case flag
        case percent(optional: Bool)
        case count(optional: Bool)
        case word([String])
        case words([String])
        case date(optional: Bool)
        case deadline(optional: Bool)
    }

    public var kind: Kind {
        switch self {
        case .otherPayerDeterminations, .cehrtRequirementPresumed, .cehrtUseEvidenceAccepted, .qcdrMeasuresAreMIPSMeasures,
            .firstDollarJumpIsMarginal, .expectedExpendituresCap, .alignedMedicalHomeRoute, .multiYearDeterminations,
            .lateRequestsReviewed, .weightedMedicareScore:
            return .flag
        case .cehrtMinimumPercent, .nominalExpenditurePercent, .marginalRiskMinimumPercent, .smallLossPercent,
            .qpPaymentThresholdMedicare, .qpPatientThresholdMedicare, .partialQPPaymentThresholdMedicare,
            .partialQPPatientThresholdMedicare, .apmIncentivePercent:
            return .percent(optional: false)
        case .nominalRevenuePercent, .totalPotentialRiskPercent, .medicalHomeMinimumPercent, .qpPaymentThresholdAllPayer,
            .qpPatientThresholdAllPayer, .partialQPPaymentThresholdAllPayer, .partialQPPatientThresholdAllPayer,
            .qpPaymentMedicareMinimum, .qpPatientMedicareMinimum, .partialQPPaymentMedicareMinimum,
            .partialQPPatientMedicareMinimum:
            return .percent(optional: true)
        case .medicalHomeClinicianLimit: return .count(optional: true)
        case .maximumYearsCovered, .medicalHomeElementsMinimum: return .count(optional: false)
        case .cehrtTest: return .word(["required", "used"])
        case .outcomeMeasureRule:
            return .word(["outcome-measure", "additional-outcome-measure", "outcome-measure-may-be-the-same"])
        case .marginalRiskMethod: return .word(["lowest", "average"])
        case .allowancesUse: return .word(["never-against-the-arrangement", "as-written"])
        case .capitationExclusion: return .word(["cms-ma-organization-contracts", "medicare-health-plans"])
        case .medicalHomeLimitBasis: return .word(["owning-organization", "apm-entity"])
        case .qpMedicareOptionLevel: return .word(["apm-entity-group", "individual-or-group"])
        case .acceptedMeasureSources: return .words(MeasureSource.allCases.map(\.rawValue))
        case .payerInitiatedGroups: return .words(["title-xix", "medicare-health-plan", "cms-multi-payer-model", "other-payer"])
        case .outcomeTransitionDeterminedBy: return .date(optional: true)
        case .deadlineTitleXIXPayerInitiated, .deadlineMedicareHealthPlanPayerInitiated, .deadlineTitleXIXClinicianInitiated,
            .deadlineOtherClinicianInitiated:
            return .deadline(optional: false)
        case .deadlineMultiPayerModelPayerInitiated, .deadlineOtherPayerPayerInitiated, .qpDataDeadline:
            return .deadline(optional: true)
        }
    }

    /// Why `value` does not fit this key, or nil.
    func problem(with value: LawValue) -> String? {
        func optional(_ allowed: Bool) -> String? { allowed ? nil : "must not be null" }
        switch (kind, value) {
        case (.flag, .flag): return nil
        case (.flag, _): return "must be true or false"
        case (.percent(let nullable), .none), (.count(let nullable), .none), (.date(let nullable), .none),
            (.deadline(let nullable), .none):
            return optional(nullable)
        case (.percent, .text(let text)):
            guard let number = Exact(decimalText: text), number.description == text,
                number >= 0, number <= 100
            else { return "must be a percent from 0 to 100 written as a decimal string, such as \"30\"" }
            return nil
        case (.count, .text(let text)):
            guard let number = Int(text), number >= 0 else { return "must be a whole number written as a string, such as \"50\"" }
            return nil
        case (.word(let allowed), .text(let text)):
            return allowed.contains(text) ? nil : "must be one of \(allowed.joined(separator: ", "))"
        case (.words(let allowed), .list(let list)):
            let unknown = list.filter { !allowed.contains($0) }
            return unknown.isEmpty ? nil : "has \(unknown.joined(separator: ", ")); allowed: \(allowed.joined(separator: ", "))"
        case (.date, .text(let text)):
            return CalendarDate(iso: text) == nil ? "must be a date YYYY-MM-DD" : nil
        case (.deadline, .text(let text)):
            return Deadline(text) == nil
                ? "must be \"MM-DD prior\", \"MM-DD same\" or \"first-monday-june prior\"" : nil
        default:
            return "has the wrong type"
        }
    }
}

/// When a request is due, relative to the performance year: `04-01 prior` is April 1 of the year before.
public struct Deadline: Sendable, Hashable {
    public enum Day: Sendable, Hashable {
        case date(month: Int, day: Int)
        /// The Medicare Advantage bid deadline.
        case firstMondayOfJune
    }
    public var day: Day
    /// Years before the performance year: 1 for `prior`, 0 for `same`.
    public var yearsBefore: Int

    public init?(_ text: String) {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let years = ["prior": 1, "same": 0][String(parts[1])] else { return nil }
        yearsBefore = years
        if parts[0] == "first-monday-june" {
            day = .firstMondayOfJune
            return
        }
        let date = parts[0].split(separator: "-")
        guard date.count == 2, let month = Int(date[0]), let dayOfMonth = Int(date[1]),
            // A day every year has (no February 29), checked without formatting a date: `String(format:)`
            // was a twentieth of a one-file check.
            (1...12).contains(month), (1...CalendarDate.days(inMonth: month, year: 2001)).contains(dayOfMonth)
        else { return nil }
        day = .date(month: month, day: dayOfMonth)
    }

    /// The last day a request for `year` is on time.
    public func date(for year: Int) -> CalendarDate {
        let calendarYear = year - yearsBefore
        switch day {
        case .date(let month, let dayOfMonth): return CalendarDate(year: calendarYear, month: month, day: dayOfMonth)
        case .firstMondayOfJune: return CalendarDate.firstMonday(ofMonth: 6, year: calendarYear)
        }
    }
}
