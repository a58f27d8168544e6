import Foundation

public enum QPStatus: String, Sendable, Hashable, Codable, Comparable {
    case none = "not-qp"
    case partialQP = "partial-qp"
    case qp = "qp"

    private var rank: Int { self == .qp ? 2 : self == .partialQP ? 1 : 0 }
    public static func < (lhs: QPStatus, rhs: QPStatus) -> Bool { lhs.rank < rhs.rank }
}

public enum QPMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case paymentAmount = "payment-amount"
    case patientCount = "patient-count"
}

public enum QPOption: String, Sendable, Hashable, Codable {
    case medicare = "medicare"
    case allPayer = "all-payer"
}

/// One computed Threshold Score pair, for one snapshot and method.
public struct QPScore: Sendable, Hashable, Codable {
    public var snapshot: QPSnapshot
    public var method: QPMethod
    /// Medicare Option Threshold Score, percent.
    public var medicareScore: Decimal
    /// All-Payer Threshold Score, percent; nil where the option does not apply.
    public var allPayerScore: Decimal?
    public var allPayerNumerator: Decimal?
    public var allPayerDenominator: Decimal?
    public var medicareStatus: QPStatus
    public var allPayerStatus: QPStatus?
    /// The exact scores, which decide; the rounded ones above are for reports.
    var medicareExact: Decimal = 0
    var allPayerExact: Decimal?

    enum CodingKeys: String, CodingKey {
        case snapshot, method, medicareScore, allPayerScore, allPayerNumerator, allPayerDenominator, medicareStatus, allPayerStatus
    }
}

/// The QP determination for one participant.
public struct QPResult: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var level: QPLevel
    public var performanceYear: Int
    public var status: QPStatus
    /// The option, method and snapshot that gave the status (the most advantageous). Under the
    /// All-Payer option `method` met the all-payer total and `medicareMinimumMethod` the Medicare minimum:
    /// the two may differ (414.1440(d)(2)).
    public var option: QPOption?
    public var method: QPMethod?
    public var medicareMinimumMethod: QPMethod?
    public var snapshot: QPSnapshot?
    public var medicareScore: Decimal?
    public var allPayerScore: Decimal?
    public var reason: String
    /// Incentive percent for a QP in this year (paid two years later); nil when not a QP.
    public var bonusPercent: Decimal?
    /// Exclusions applied and arrangements counted in the denominator only.
    public var notes: [String]
    public var scores: [QPScore]
    public var thresholdSource: String
    public var thresholdsConfirmed: Bool
    /// Each threshold and the incentive of the year, with its paragraph, amendment and provenance.
    public var thresholds: [ParameterRow] = []
}

/// Medicare Option first, then the All-Payer Combination Option (42 CFR 414.1430, 414.1440), by both
/// methods at every snapshot given, taking the most advantageous. Scores "meet or exceed" thresholds.
public struct QPCalculator: Sendable {
    public var approved: ApprovedList

    public init(approved: ApprovedList) {
        self.approved = approved
    }

    public func determine(_ participant: QPParticipant, year: Int) throws(PerformanceYearTable.UnsupportedYear) -> QPResult {
        let table = try QPThresholdTable.thresholds(for: year)
        let approvedHere = approved.performanceYear == year ? approved.arrangementIds : []
        let medicaidStates = approved.performanceYear == year ? approved.statesWithMedicaidAPM : []
        var notes: [String] = []
        if approved.performanceYear != year {
            notes.append("the approved list is for \(approved.performanceYear), not \(year): no other payer arrangement counts in numerators")
        }
        var scores: [QPScore] = []
        for snapshot in participant.snapshots {
            for method in QPMethod.allCases {
                scores.append(score(snapshot, method: method, table: table, approved: approvedHere,
                    medicaidStates: medicaidStates, notes: &notes))
            }
        }
        notes = Self.unique(notes)

        let medicareBest = scores.max { Self.ordered($0.medicareStatus, $0, $1.medicareStatus, $1) }
        let mixed = Self.bestMixed(scores, table: table)
        var result = QPResult(
            id: participant.id, name: participant.name, level: participant.level, performanceYear: year, status: .none,
            reason: "", notes: notes, scores: scores, thresholdSource: table.source, thresholdsConfirmed: table.confirmed,
            thresholds: table.rows)

        // Medicare Option first: a QP there is never assessed under the All-Payer option.
        if let best = medicareBest, best.medicareStatus == .qp {
            result.apply(best, option: .medicare, status: .qp)
            result.reason = "Medicare Option: \(best.method.rawValue) score \(best.medicareScore.percentText) meets \(table.threshold(status: .qp, method: best.method).medicare.percentText) (\(best.snapshot.rawValue))"
        } else if let best = mixed, best.status > (medicareBest?.medicareStatus ?? .none) {
            let total = table.threshold(status: best.status, method: best.total.method)
            let minimum = table.threshold(status: best.status, method: best.minimum.method)
            result.apply(best.total, option: .allPayer, status: best.status)
            result.medicareMinimumMethod = best.minimum.method
            result.medicareScore = best.minimum.medicareScore
            result.reason = "All-Payer Combination Option: \(best.total.method.rawValue) score \(best.total.allPayerScore?.percentText ?? "?") meets \(total.allPayerTotal?.percentText ?? "?") and Medicare \(best.minimum.method.rawValue) score \(best.minimum.medicareScore.percentText) meets the minimum \(minimum.allPayerMedicareMinimum?.percentText ?? "?") (\(best.total.snapshot.rawValue))"
        } else if let best = medicareBest, best.medicareStatus == .partialQP {
            result.apply(best, option: .medicare, status: .partialQP)
            result.reason = "Medicare Option: \(best.method.rawValue) score \(best.medicareScore.percentText) meets the Partial QP threshold \(table.threshold(status: .partialQP, method: best.method).medicare.percentText) (\(best.snapshot.rawValue))"
        } else {
            result.reason = Self.shortfall(scores, table: table)
        }
        if result.status == .qp { result.bonusPercent = table.bonusPercent }
        return result
    }

    private func score(
        _ data: QPSnapshotData, method: QPMethod, table: QPYearThresholds, approved: Set<String>,
        medicaidStates: Set<String>, notes: inout [String]
    ) -> QPScore {
        func value(_ amounts: QPAmounts) -> Decimal {
            method == .paymentAmount ? amounts.payments : Decimal(amounts.patients)
        }
        let medicareScore = Self.percent(value(data.medicareAdvancedAPM), of: value(data.medicareTotal))
        let medicareStatus = [QPStatus.qp, .partialQP].first { status in
            medicareScore >= table.threshold(status: status, method: method).medicare
        } ?? QPStatus.none
        var result = QPScore(
            snapshot: data.snapshot, method: method, medicareScore: medicareScore.rounded(4),
            medicareStatus: medicareStatus)
        result.medicareExact = medicareScore
        guard table.qpPayment.allPayerTotal != nil else { return result }

        var numerator = value(data.medicareAdvancedAPM)
        var denominator = value(data.medicareTotal)
        for payer in data.otherPayers {
            let label = payer.arrangementId.map { "arrangement \($0)" } ?? "\(payer.payerType) payments"
            if payer.isDefenseOrVeterans {
                notes.append("\(payer.payerType.uppercased()) payments excluded from numerator and denominator")
                continue
            }
            if payer.isTitleXIX {
                guard let state = payer.state, medicaidStates.contains(state) else {
                    notes.append("Title XIX \(label) excluded: no Medicaid Other Payer Advanced APM on the approved list in \(payer.state ?? "the state")")
                    continue
                }
                guard payer.eligibleForMedicaidAPM else {
                    notes.append("Title XIX \(label) excluded: the entity was not eligible to join a Medicaid Other Payer Advanced APM in \(state)")
                    continue
                }
            }
            denominator += value(payer.total)
            if let id = payer.arrangementId, approved.contains(id) {
                numerator += value(payer.through)
            } else {
                notes.append("\(label) is not on the approved list for \(table.year): counted in the denominator only")
            }
        }
        let allPayerScore = Self.percent(numerator, of: denominator)
        result.allPayerScore = allPayerScore.rounded(4)
        result.allPayerExact = allPayerScore
        result.allPayerNumerator = numerator
        result.allPayerDenominator = denominator
        result.allPayerStatus = [QPStatus.qp, .partialQP].first { status in
            let threshold = table.threshold(status: status, method: method)
            guard let total = threshold.allPayerTotal, let minimum = threshold.allPayerMedicareMinimum else { return false }
            // Exact scores decide; the rounded ones are for reports.
            return allPayerScore >= total && medicareScore >= minimum
        } ?? QPStatus.none
        return result
    }

    /// The best All-Payer status of any snapshot, each threshold met by either method (414.1440(d)(2):
    /// the Medicare minimum by one, the all-payer total by the other), with the scores that met them.
    /// Snapshots are compared as `ordered` does; within one, payment amount is preferred.
    static func bestMixed(_ scores: [QPScore], table: QPYearThresholds)
        -> (status: QPStatus, total: QPScore, minimum: QPScore)?
    {
        var best: (status: QPStatus, total: QPScore, minimum: QPScore)?
        for snapshot in QPSnapshot.allCases {
            let here = scores.filter { $0.snapshot == snapshot && $0.allPayerScore != nil }
            guard !here.isEmpty else { continue }
            for status in [QPStatus.qp, .partialQP] {
                // Payment amount first: of equal results the report names it.
                let methods = here.filter { $0.method == .paymentAmount } + here.filter { $0.method == .patientCount }
                let total = methods.first { score in
                    table.threshold(status: status, method: score.method).allPayerTotal.map { (score.allPayerExact ?? 0) >= $0 } ?? false
                }
                let minimum = methods.first { score in
                    table.threshold(status: status, method: score.method).allPayerMedicareMinimum.map { score.medicareExact >= $0 }
                        ?? false
                }
                guard let total, let minimum else { continue }
                // Snapshots in date order: of equal statuses the later one is named.
                if best.map({ status >= $0.status }) ?? true {
                    best = (status, total, minimum)
                }
                break
            }
        }
        return best
    }

    static func percent(_ part: Decimal, of whole: Decimal) -> Decimal {
        whole > 0 ? part * 100 / whole : 0
    }

    /// Orders candidates: better status first, then payment before patient count, then the later snapshot.
    static func ordered(_ a: QPStatus, _ left: QPScore, _ b: QPStatus, _ right: QPScore) -> Bool {
        if a != b { return a < b }
        if left.method != right.method { return left.method == .patientCount }
        let order = QPSnapshot.allCases
        return (order.firstIndex(of: left.snapshot) ?? 0) < (order.firstIndex(of: right.snapshot) ?? 0)
    }

    static func shortfall(_ scores: [QPScore], table: QPYearThresholds) -> String {
        guard let best = scores.max(by: { ($0.allPayerScore ?? $0.medicareScore) < ($1.allPayerScore ?? $1.medicareScore) })
        else { return "no snapshot data" }
        let partial = table.threshold(status: .partialQP, method: best.method)
        var text = "Medicare \(best.method.rawValue) score \(best.medicareScore.percentText) is under the Partial QP threshold \(partial.medicare.percentText)"
        if let score = best.allPayerScore, let total = partial.allPayerTotal, let minimum = partial.allPayerMedicareMinimum {
            text += "; All-Payer \(score.percentText) (needs \(total.percentText)) with Medicare \(best.medicareScore.percentText) (needs \(minimum.percentText))"
        } else {
            text += "; the All-Payer Combination Option starts with PY2019"
        }
        return text + " (\(best.snapshot.rawValue))"
    }

    static func unique(_ notes: [String]) -> [String] {
        var seen = Set<String>()
        return notes.filter { seen.insert($0).inserted }
    }
}

extension QPResult {
    mutating func apply(_ score: QPScore, option: QPOption, status: QPStatus) {
        self.status = status
        self.option = option
        self.method = score.method
        self.snapshot = score.snapshot
        self.medicareScore = score.medicareScore.rounded(4)
        self.allPayerScore = option == .allPayer ? score.allPayerScore?.rounded(4) : nil
    }
}
