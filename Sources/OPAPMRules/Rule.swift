import Foundation
import OPAPMLaw
import OPAPMModel

/// A sample file that shows a rule passing or failing, for one performance year. These are the
/// rule's documentation and its test data at once.
public struct RuleExample: Sendable, Hashable {
    /// Path relative to the repository root, such as `samples/approved/...xml`.
    public var file: String
    public var year: Int
    /// Further `opapm check` options the example needs, such as an approved list.
    public var options: String
    /// For a failing example, the element the rule must flag (its path as findings write it): the test
    /// checks the finding points there, not merely that the rule fires somewhere in the file.
    public var at: String?

    public init(_ file: String, year: Int, options: String = "", at: String? = nil) {
        self.file = file
        self.year = year
        self.options = options
        self.at = at
    }
}

/// What a rule is: its stable id, what it checks, why, and where the law says so.
public struct RuleDescription: Sendable, Hashable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var citation: String
    /// What it checks, in one or two sentences.
    public var summary: String
    /// Why it matters.
    public var rationale: String
    /// How to fix a failure.
    public var help: String
    public var passing: [RuleExample]
    public var failing: [RuleExample]
    /// The financial-risk route the rule belongs to; nil when it applies to every arrangement.
    public var route: RiskRoute?
    /// The values of the law the rule decides by: each finding carries them for its year, with their
    /// provenance, so a reader sees how firm the threshold behind it is.
    public var law: [LawKey]

    public init(id: String, title: String, severity: Severity, citation: String, summary: String, rationale: String,
        help: String, passing: [RuleExample], failing: [RuleExample], route: RiskRoute? = nil, law: [LawKey] = [])
    {
        self.route = route
        self.law = law
        self.id = id
        self.title = title
        self.severity = severity
        self.citation = citation
        self.summary = summary
        self.rationale = rationale
        self.help = help
        self.passing = passing
        self.failing = failing
    }
}

/// A problem a rule found; the engine adds the rule's id, severity and citation.
public struct Violation: Sendable, Hashable {
    public var message: String
    public var location: SourceLocation
    public var help: String?
    public var incomplete: Bool
    /// Overrides the rule's default severity for this finding (for notes on review paths).
    public var severity: Severity?
    /// The paragraphs in force for the year decided, from the law file, where they differ by year from
    /// the rule's own citation (which names the current text).
    public var citation: String?
    /// The values of the law this finding rests on, where they are fewer than the rule's (one deadline of six).
    public var law: [LawKey]?

    public init(_ message: String, at location: SourceLocation, help: String? = nil, incomplete: Bool = false,
        severity: Severity? = nil, citation: String? = nil, law: [LawKey]? = nil)
    {
        self.law = law
        self.message = message
        self.location = location
        self.help = help
        self.incomplete = incomplete
        self.severity = severity
        self.citation = citation
    }
}

/// One criterion. Rules are small values; each lives in its own file.
public protocol Rule: Sendable {
    /// What the rule is. Static, so that a rule itself is an empty value: the engine copies every
    /// rule for every file, and a description stored in the rule made each copy retain and release
    /// arrays shared by all threads.
    static var about: RuleDescription { get }
    var description: RuleDescription { get }
    func check(_ context: RuleContext) -> [Violation]
}

extension Rule {
    public var description: RuleDescription { Self.about }
}

/// How the arrangement meets the financial risk criterion, decided before the rules run.
public enum RiskRoute: String, Sendable, Hashable, Codable {
    /// (d)(1) and (d)(3): the generally applicable standards.
    case general
    /// (d)(2) and (d)(4): the Medicaid Medical Home Model standards.
    case medicalHome = "medical-home"
    /// (d)(7): full capitation.
    case capitation
}

/// Everything a rule may look at for one arrangement and performance year.
public struct RuleContext: Sendable {
    public let submission: Submission  // fixed: statedNumbers is read from it
    public var year: Int
    public var parameters: PerformanceYearParameters
    public var catalogue: MeasureCatalogue?
    public var route: RiskRoute
    /// The general-standard risk figures, when the terms allow them to be computed.
    public var risk: RiskAnalysis?
    /// Arrangement ids on an approved list for this year, when one was given.
    public var approvedArrangementIds: Set<String>?
    /// Every amount and percent the arrangement states, gathered once for the three range rules.
    public let statedNumbers: [StatedNumber]

    /// Lent, not copied: rules read a field or two, and a copy retained every part of the arrangement.
    public var arrangement: Arrangement {
        _read { yield submission.arrangement }
    }

    public init(submission: Submission, year: Int, parameters: PerformanceYearParameters, catalogue: MeasureCatalogue?,
        route: RiskRoute, risk: RiskAnalysis?, approvedArrangementIds: Set<String>?)
    {
        self.submission = submission
        self.year = year
        self.parameters = parameters
        self.catalogue = catalogue
        self.route = route
        self.risk = risk
        self.approvedArrangementIds = approvedArrangementIds
        statedNumbers = submission.arrangement.statedNumbers
    }
}
