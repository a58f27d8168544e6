import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules

/// The decision for one arrangement and performance year.
public enum Determination: String, Sendable, Hashable, Codable {
    case approved
    case notApproved = "not-approved"
    /// The submission lacks what a criterion needs.
    case incomplete
}

/// The figures behind a decision, rounded for reporting (percents to 4 decimals, dollars to cents).
public struct Figures: Sendable, Hashable, Codable {
    public var route: RiskRoute?
    public var cehrtMinimumPercent: Exact?
    public var cehrtRequiredPercent: Exact?
    /// CEHRT share by APM Entity TIN, computed from rosters.
    public var cehrtShareByEntity: [String: Exact]?
    public var expectedExpenditures: Exact?
    public var totalRiskRequirementPercent: Exact?
    public var totalRiskRequirementBasis: String?
    /// The benchmark stated, when the (d)(6) cap assessed risk against lower counterfactual spending
    /// (`expectedExpenditures` is then that spending).
    public var expectedExpendituresCappedFrom: Exact?
    public var totalRiskPercent: Exact?
    public var totalRiskDollars: Exact?
    public var totalRiskUnbounded: Bool?
    public var totalRiskPercentOfRevenue: Exact?
    public var marginalRiskMethod: MarginalRiskMethod?
    public var marginalWindowStartPercent: Exact?
    public var marginalWindowEndPercent: Exact?
    public var averageMarginalRiskPercent: Exact?
    public var lowestMarginalRiskPercent: Exact?
    public var averageMarginalRiskWithoutAllowancesPercent: Exact?
    /// Average and lowest rate over (0, u], without the small-loss allowance: the test is met over either
    /// window, since the allowance is never used against the arrangement.
    public var averageMarginalRiskFromZeroPercent: Exact?
    public var lowestMarginalRiskFromZeroPercent: Exact?
    /// Corners of the liability curve L(x), overrun and liability as percents of expected expenditures.
    public var liabilityCurve: [CurvePoint]?
    public var smallLossPercent: Exact?
    public var marginalRiskMinimumPercent: Exact?
    public var medicalHomeElementsMet: Int?
    /// How many of the seven elements the law asks for.
    public var medicalHomeElementsMinimum: Int?
    public var medicalHomeAmountAtRiskPercent: Exact?
    public var medicalHomeMinimumPercent: Exact?
    /// The provenance of each threshold above that comes from the law, by the figure's name
    /// (`cehrtMinimumPercent`, `totalRiskRequirementPercent`, …): codified, secondary, unverified or
    /// interpretation. `parameters` gives each value's paragraph and amendment.
    public var provenance: FigureProvenance?

    public init() {}
}

/// How firm the law value behind each figure is, by the figure's name; a field is nil when the figure
/// is absent. Plain fields, not a dictionary: every arrangement of a batch carries one.
public struct FigureProvenance: Sendable, Hashable, Codable {
    public var route: Provenance?
    public var cehrtMinimumPercent: Provenance?
    public var totalRiskRequirementPercent: Provenance?
    public var expectedExpendituresCappedFrom: Provenance?
    public var marginalRiskMethod: Provenance?
    public var smallLossPercent: Provenance?
    public var marginalRiskMinimumPercent: Provenance?
    public var averageMarginalRiskFromZeroPercent: Provenance?
    public var medicalHomeElementsMinimum: Provenance?
    public var medicalHomeMinimumPercent: Provenance?

    public init() {}

    /// The provenance of the figure `name` (the JSON key), for reports that name figures.
    public subscript(_ name: String) -> Provenance? {
        switch name {
        case "route": return route
        case "cehrtMinimumPercent": return cehrtMinimumPercent
        case "totalRiskRequirementPercent": return totalRiskRequirementPercent
        case "expectedExpendituresCappedFrom": return expectedExpendituresCappedFrom
        case "marginalRiskMethod": return marginalRiskMethod
        case "smallLossPercent": return smallLossPercent
        case "marginalRiskMinimumPercent": return marginalRiskMinimumPercent
        case "averageMarginalRiskFromZeroPercent": return averageMarginalRiskFromZeroPercent
        case "medicalHomeElementsMinimum": return medicalHomeElementsMinimum
        case "medicalHomeMinimumPercent": return medicalHomeMinimumPercent
        default: return nil
        }
    }
}

/// One arrangement's determination for one performance year, with its reasons.
public struct ArrangementDetermination: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var performanceYear: Int
    public var determination: Determination
    public var figures: Figures
    public var findings: [Finding]
    /// The year-table values the decision used.
    public var parameters: [ParameterRow]
    /// For a failing numeric criterion, the smallest single change that passes it, verified (`WhatWouldPass`).
    public var wouldPass: [Remedy]? = nil
}

/// Everything `check` says about one file.
public struct FileDetermination: Sendable, Hashable, Codable {
    public var path: String
    /// File-level findings: unreadable, not well-formed, invalid against the schema.
    public var findings: [Finding]
    public var arrangements: [ArrangementDetermination]
    /// The submission, when it loaded and the caller kept it (the HTML report draws from it; other
    /// reports and the list let it go on the worker thread); not part of reports.
    public var submission: Submission?
    /// What the steps across files need of the submission, when it loaded: kept even when the
    /// submission is not.
    public var summary: SubmissionSummary?
    /// True when the file could not be read at all (exit status 2).
    public var unreadable: Bool
    /// True when the file loaded as a submission (it was read, well-formed and valid).
    @inlinable public var loaded: Bool { summary != nil }

    enum CodingKeys: String, CodingKey {
        case path, findings, arrangements
    }

    public init(path: String, findings: [Finding], arrangements: [ArrangementDetermination], submission: Submission?,
        unreadable: Bool)
    {
        self.path = path
        self.findings = findings
        self.arrangements = arrangements
        self.submission = submission
        self.summary = submission.map(SubmissionSummary.init)
        self.unreadable = unreadable
    }

    /// A file that could not be read, with the reason (`IO001`).
    public static func unreadable(path: String, reason: String) -> FileDetermination {
        let finding = Finding(rule: "IO001", severity: .error, message: "cannot read: \(reason)", file: path, line: 0, path: "")
        return FileDetermination(path: path, findings: [finding], arrangements: [], submission: nil, unreadable: true)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        findings = try container.decode([Finding].self, forKey: .findings)
        arrangements = try container.decode([ArrangementDetermination].self, forKey: .arrangements)
        submission = nil
        unreadable = false
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(findings, forKey: .findings)
        try container.encode(arrangements, forKey: .arrangements)
    }
}
