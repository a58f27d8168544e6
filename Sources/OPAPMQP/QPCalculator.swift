import Foundation
import OPAPMEngine
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMPublishing
import OPAPMRules

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
    /// Medicare Threshold Score of the participant's own figures, percent.
    public var medicareScore: Exact
    /// QP data 1.1: the APM Entity group's Medicare Threshold Score at this snapshot, for an eligible
    /// clinician or TIN; through PY2025 the Medicare Option is decided by it.
    public var groupMedicareScore: Exact?
    /// The score the Medicare Option was decided by: the group's (through PY2025 for an individual or
    /// TIN), the better of the two (PY2026 on, secondary), or the participant's own; nil: no Medicare
    /// Option determination at this level.
    public var medicareOptionScore: Exact?
    /// The Medicare score the All-Payer option used for its Medicare minimum and numerator: the group's,
    /// weighted, when it is higher than the participant's own (414.1440(d)(3)).
    public var allPayerMedicareScore: Exact?
    /// All-Payer Threshold Score, percent; nil where the option does not apply.
    public var allPayerScore: Exact?
    public var allPayerNumerator: Exact?
    public var allPayerDenominator: Exact?
    public var medicareStatus: QPStatus
    public var allPayerStatus: QPStatus?
    /// The exact scores, which decide; the rounded ones above are for reports.
    var medicareExact: Exact = 0
    /// The participant's own Medicare score, exact.
    var ownMedicareExact: Exact = 0
    var allPayerMedicareExact: Exact = 0

    func medicareExact(own: Bool) -> Exact { own ? ownMedicareExact : medicareExact }
    var allPayerExact: Exact?

    enum CodingKeys: String, CodingKey {
        case snapshot, method, medicareScore, groupMedicareScore, medicareOptionScore, allPayerMedicareScore, allPayerScore,
            allPayerNumerator, allPayerDenominator, medicareStatus, allPayerStatus
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
    public var medicareScore: Exact?
    public var allPayerScore: Exact?
    public var reason: String
    /// Incentive percent for a QP in this year (paid two years later); nil when not a QP.
    public var bonusPercent: Exact?
    /// Exclusions applied and arrangements counted in the denominator only.
    public var notes: [String]
    public var scores: [QPScore]
    public var thresholdSource: String
    public var thresholdsConfirmed: Bool
    /// Each threshold and the incentive of the year, with its paragraph, amendment and provenance.
    public var thresholds: [ParameterRow] = []
    /// What stopped part of the determination (QP006 late data, QP007 no certification), by id.
    public var findings: [QPFinding] = []
}

/// A problem with the data of one participant's determination, with its id (docs/rules/QPnnn.md).
public struct QPFinding: Sendable, Hashable, Codable {
    public var id: String
    public var severity: Severity
    public var message: String
}

/// What a QP data file says of itself (QP data 1.1): when it was submitted and who certified it.
public struct QPSubmissionFacts: Sendable, Hashable {
    public var version: String
    public var submissionDate: CalendarDate?
    public var certification: QPCertification?

    public init(version: String = "1.0", submissionDate: CalendarDate? = nil, certification: QPCertification? = nil) {
        self.version = version
        self.submissionDate = submissionDate
        self.certification = certification
    }

    public init(_ file: QPDataFile) {
        self.init(version: file.version, submissionDate: file.submissionDate, certification: file.certification)
    }
}

/// Medicare Option first, then the All-Payer Combination Option (42 CFR 414.1430, 414.1440), by both
/// methods at every snapshot given, taking the most advantageous. Scores "meet or exceed" thresholds.
public struct QPCalculator: Sendable {
    public var approved: ApprovedList

    public init(approved: ApprovedList) {
        self.approved = approved
    }

    public func determine(_ participant: QPParticipant, year: Int, facts: QPSubmissionFacts = QPSubmissionFacts())
        throws(PerformanceYearTable.UnsupportedYear) -> QPResult
    {
        let table = try QPThresholdTable.thresholds(for: year)
        let parameters = try PerformanceYearTable.parameters(for: year)
        let approvedHere = approved.performanceYear == year ? approved.arrangementIds : []
        var notes: [String] = []
        var findings: [QPFinding] = []
        if approved.performanceYear != year {
            notes.append("the approved list is for \(approved.performanceYear), not \(year): no other payer arrangement counts in numerators")
        }
        let assessment = Self.level(participant, parameters: parameters, notes: &notes)
        let allPayerBlocked = Self.allPayerBlocked(facts, year: year, parameters: parameters, participant: participant,
            findings: &findings, notes: &notes)
        var scores: [QPScore] = []
        for snapshot in participant.snapshots {
            let group = participant.entityGroup?.snapshots.first { $0.snapshot == snapshot.snapshot }
            for method in QPMethod.allCases {
                scores.append(score(snapshot, group: group, participant: participant, assessment: assessment, method: method,
                    table: table, parameters: parameters, approved: approvedHere, allPayerBlocked: allPayerBlocked, notes: &notes))
            }
        }
        notes = Self.unique(notes)

        let medicareBest = scores.filter { $0.medicareOptionScore != nil }.max { Self.ordered($0.medicareStatus, $0, $1.medicareStatus, $1) }
        let mixed = Self.bestMixed(scores, table: table)
        var result = QPResult(
            id: participant.id, name: participant.name, level: participant.level, performanceYear: year, status: .none,
            reason: "", notes: notes, scores: scores, thresholdSource: table.source, thresholdsConfirmed: table.confirmed,
            thresholds: Self.lawUsed(table.rows, participant: participant, scores: scores, allPayerAssessed: allPayerBlocked == nil),
            findings: findings)
        let groupNote = assessment.optionByGroup ? " for the APM Entity group \(participant.entityGroup?.id ?? "")" : ""

        // Medicare Option first: a QP there is never assessed under the All-Payer option.
        if let best = medicareBest, best.medicareStatus == .qp {
            result.apply(best, option: .medicare, status: .qp)
            result.reason = "Medicare Option\(groupNote): \(best.method.rawValue) score \((best.medicareOptionScore ?? best.medicareScore).percentText) meets \(table.threshold(status: .qp, method: best.method).medicare.percentText) (\(best.snapshot.rawValue))"
        } else if let best = mixed, best.status > (medicareBest?.medicareStatus ?? .none) {
            let total = table.threshold(status: best.status, method: best.total.method)
            let minimum = table.threshold(status: best.status, method: best.minimum.method)
            result.apply(best.total, option: .allPayer, status: best.status)
            result.medicareMinimumMethod = best.minimum.method
            result.medicareScore = (best.minimum.allPayerMedicareScore ?? best.minimum.medicareScore).rounded(4)
            result.reason = "All-Payer Combination Option: \(best.total.method.rawValue) score \(best.total.allPayerScore?.percentText ?? "?") meets \(total.allPayerTotal?.percentText ?? "?") and Medicare \(best.minimum.method.rawValue) score \((best.minimum.allPayerMedicareScore ?? best.minimum.medicareScore).percentText) meets the minimum \(minimum.allPayerMedicareMinimum?.percentText ?? "?") (\(best.total.snapshot.rawValue))"
        } else if let best = medicareBest, best.medicareStatus == .partialQP {
            result.apply(best, option: .medicare, status: .partialQP)
            result.reason = "Medicare Option\(groupNote): \(best.method.rawValue) score \((best.medicareOptionScore ?? best.medicareScore).percentText) meets the Partial QP threshold \(table.threshold(status: .partialQP, method: best.method).medicare.percentText) (\(best.snapshot.rawValue))"
        } else {
            result.reason = Self.shortfall(scores, table: table)
        }
        if result.status == .qp { result.bonusPercent = table.bonusPercent }
        return result
    }

    /// The year's QP values this determination rested on: the thresholds and the incentive always; the
    /// Medicare Option level for an individual or TIN; the weighting when it was applied; the data deadline
    /// when other-payer data was assessed.
    static func lawUsed(_ rows: [ParameterRow], participant: QPParticipant, scores: [QPScore], allPayerAssessed: Bool)
        -> [ParameterRow]
    {
        let weighted = scores.contains { $0.allPayerScore != nil && $0.allPayerMedicareExact > $0.medicareExact(own: true) }
        let otherPayers = participant.snapshots.contains { !$0.otherPayers.isEmpty }
        return rows.filter { row in
            switch LawKey(rawValue: row.name) {
            case .qpMedicareOptionLevel?: return participant.level != .apmEntity
            case .weightedMedicareScore?: return weighted
            case .qpDataDeadline?: return otherPayers && allPayerAssessed
            default: return true
            }
        }
    }

    /// At which level the Medicare Option is decided for this participant, and whether the group's
    /// Medicare score may be weighted into its All-Payer score.
    struct Assessment {
        /// The Medicare Option is the group's (an individual or TIN, through PY2025).
        var optionByGroup: Bool
        /// The participant's own score may also meet the Medicare Option (an APM Entity; PY2026 on, secondary).
        var optionByOwn: Bool
        var weighting: Bool
    }

    static func level(_ participant: QPParticipant, parameters: PerformanceYearParameters, notes: inout [String]) -> Assessment {
        guard participant.level != .apmEntity else { return Assessment(optionByGroup: false, optionByOwn: true, weighting: false) }
        let groupOnly = parameters.qpMedicareOptionLevel.value == "apm-entity-group"
        let provenance = parameters.qpMedicareOptionLevel.provenance.rawValue
        if participant.level == .tin, participant.allCliniciansInOneAPMEntity == nil {
            notes.append("the TIN's composition is not stated (QP data 1.1 allCliniciansInOneAPMEntity): assessed as a TIN on the "
                + "claim that every clinician who reassigned billing to it is in one APM Entity (414.1440(d)(2))")
        }
        if participant.entityGroup == nil {
            if groupOnly {
                notes.append("through PY2025 the Medicare Option is decided for the APM Entity group (\(provenance)): no Medicare Option "
                    + "determination for this \(participant.level.rawValue) without the group's figures (QP data 1.1 apmEntityGroup); "
                    + "its own Medicare figures enter the All-Payer option")
            }
            return Assessment(optionByGroup: false, optionByOwn: !groupOnly, weighting: false)
        }
        if !groupOnly {
            notes.append("from PY2026 the Medicare Option may be met individually or as an APM Entity group (\(provenance)): the better counts")
        }
        return Assessment(optionByGroup: true, optionByOwn: !groupOnly, weighting: parameters.weightedMedicareScore.value)
    }

    /// Why the All-Payer option is not assessed on this file, with the finding that says so; nil when it is.
    static func allPayerBlocked(_ facts: QPSubmissionFacts, year: Int, parameters: PerformanceYearParameters,
        participant: QPParticipant, findings: inout [QPFinding], notes: inout [String]) -> String?
    {
        // No All-Payer option this year (before PY2019): nothing to block.
        guard parameters.qpDataDeadline.value != nil else { return nil }
        let otherPayers = participant.snapshots.contains { !$0.otherPayers.isEmpty }
        guard otherPayers else { return nil }
        if let deadline = parameters.qpDataDeadline.value, let date = facts.submissionDate, date > deadline.date(for: year) {
            findings.append(QPFinding(id: "QP006", severity: .error,
                message: "submitted \(date), after the deadline \(deadline.date(for: year)) (\(parameters.qpDataDeadline.source)): "
                    + "CMS makes no All-Payer determination on it"))
            return "submitted late"
        }
        if facts.version != "1.0", facts.certification == nil {
            findings.append(QPFinding(id: "QP007", severity: .error,
                message: "the data is not certified as true, accurate and complete by someone able to bind the submitter "
                    + "(42 CFR 414.1440(f)): CMS makes no All-Payer determination on it"))
            return "not certified"
        }
        if facts.version == "1.0" {
            notes.append("QP data 1.0 carries no submission date or certification: CMS needs the other-payer data by December 1 of "
                + "the performance year, certified (414.1440(e)(2), (f)); QP data 1.1 states both")
        }
        return nil
    }

    private func score(
        _ data: QPSnapshotData, group: QPGroupSnapshot?, participant: QPParticipant, assessment: Assessment, method: QPMethod,
        table: QPYearThresholds, parameters: PerformanceYearParameters, approved: Set<String>, allPayerBlocked: String?,
        notes: inout [String]
    ) -> QPScore {
        func value(_ amounts: QPAmounts) -> Exact {
            method == .paymentAmount ? amounts.payments : Exact(amounts.patients)
        }
        let own = Self.percent(value(data.medicareAdvancedAPM), of: value(data.medicareTotal))
        let groupScore = group.map { Self.percent(value($0.medicareAdvancedAPM), of: value($0.medicareTotal)) }
        if assessment.optionByGroup, group == nil {
            notes.append("the APM Entity group gives no figures for \(data.snapshot.rawValue): no Medicare Option determination there")
        }
        // The Medicare Option's score: the group's, the better of the two, or the participant's own.
        var optionScore: Exact?
        if assessment.optionByGroup, let groupScore { optionScore = groupScore }
        if assessment.optionByOwn { optionScore = max(optionScore ?? own, own) }
        let medicareStatus = optionScore.flatMap { score in
            [QPStatus.qp, .partialQP].first { score >= table.threshold(status: $0, method: method).medicare }
        } ?? QPStatus.none
        var result = QPScore(
            snapshot: data.snapshot, method: method, medicareScore: own.rounded(4), groupMedicareScore: groupScore?.rounded(4),
            medicareOptionScore: optionScore?.rounded(4), medicareStatus: medicareStatus)
        result.medicareExact = optionScore ?? own
        result.ownMedicareExact = own
        guard table.qpPayment.allPayerTotal != nil else { return result }
        if let allPayerBlocked {
            notes.append("All-Payer Combination Option not assessed: \(allPayerBlocked)")
            return result
        }

        // 414.1440(d)(3): the group's higher Medicare score enters the individual's or TIN's All-Payer
        // score, weighted by the participant's own Medicare denominator.
        var medicare = own
        var numerator = value(data.medicareAdvancedAPM)
        let denominator0 = value(data.medicareTotal)
        if assessment.weighting, let groupScore, groupScore > own {
            medicare = groupScore
            numerator = groupScore * denominator0 / 100
            notes.append("the APM Entity group's Medicare \(method.rawValue) score \(groupScore.rounded(4).percentText) is higher than the "
                + "\(participant.level.rawValue)'s own \(own.rounded(4).percentText) (\(data.snapshot.rawValue)): weighted into the "
                + "All-Payer score (414.1440(d)(3), \(parameters.weightedMedicareScore.provenance.rawValue))")
        }
        result.allPayerMedicareScore = medicare.rounded(4)
        result.allPayerMedicareExact = medicare
        var denominator = denominator0
        for payer in data.otherPayers {
            let label = payer.arrangementId.map { "arrangement \($0)" } ?? "\(payer.payerType) payments"
            if payer.isDefenseOrVeterans {
                notes.append("\(payer.payerType.uppercased()) payments excluded from numerator and denominator")
                continue
            }
            if payer.isTitleXIX, let reason = titleXIXExclusion(payer, participant: participant, year: table.year) {
                notes.append("Title XIX \(label) excluded: \(reason)")
                continue
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
            return allPayerScore >= total && medicare >= minimum
        } ?? QPStatus.none
        return result
    }

    /// Why Title XIX figures do not count (414.1440(a)(2)), or nil: they count when an approved Medicaid
    /// arrangement is available in the county where the clinician sees the most patients (QP data 1.1;
    /// 1.0 data names only the state) and the clinician's specialty does not bar them from it.
    func titleXIXExclusion(_ payer: OtherPayerFigures, participant: QPParticipant, year: Int) -> String? {
        let approvedList = approved
        if let county = participant.county {
            let state = StateFIPS.state(ofCounty: county) ?? "no state"
            guard approvedList.performanceYear == year, approvedList.medicaidAPMAvailable(inCounty: county) else {
                return "no Medicaid Other Payer Advanced APM on the approved list is available in county \(county) (\(state)), where the clinician sees the most patients"
            }
        } else {
            guard approvedList.performanceYear == year, let state = payer.state, approvedList.statesWithMedicaidAPM.contains(state) else {
                return "no Medicaid Other Payer Advanced APM on the approved list in \(payer.state ?? "the state")"
            }
        }
        guard payer.mayTakePart else {
            return payer.specialtyEligible == false
                ? "the clinician's specialty does not let them take part in the Medicaid arrangement"
                : "the entity was not eligible to join a Medicaid Other Payer Advanced APM in \(payer.state ?? "the state")"
        }
        return nil
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
                    table.threshold(status: status, method: score.method).allPayerMedicareMinimum.map { score.allPayerMedicareExact >= $0 }
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

    static func percent(_ part: Exact, of whole: Exact) -> Exact {
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
        self.medicareScore = (option == .medicare ? score.medicareOptionScore ?? score.medicareScore : score.medicareScore).rounded(4)
        self.allPayerScore = option == .allPayer ? score.allPayerScore?.rounded(4) : nil
    }
}
