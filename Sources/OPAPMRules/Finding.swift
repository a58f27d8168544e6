import OPAPMLaw
import OPAPMModel

/// How much a finding matters. Errors block approval; the front end may fail on warnings too (`--strict`).
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One thing a check found, pointing at the element it is about.
public struct Finding: Sendable, Hashable, Codable {
    /// Stable rule id such as `CEHRT001`, or an XML diagnostic id such as `XSD001`.
    public var rule: String
    public var severity: Severity
    /// A short fragment naming the offending value, no trailing period.
    public var message: String
    /// How to fix it.
    public var help: String?
    public var citation: String?
    public var file: String
    public var line: Int
    public var column: Int
    public var path: String
    /// True when the submission lacks what the criterion needs, rather than failing it.
    public var incomplete: Bool
    /// The values of the law the finding rests on for its year, each with its provenance (codified,
    /// secondary, unverified, interpretation); nil for findings about the file rather than the law.
    public var law: [ParameterRow]?

    public init(rule: String, severity: Severity, message: String, help: String? = nil, citation: String? = nil,
        file: String, line: Int, column: Int = 0, path: String, incomplete: Bool = false, law: [ParameterRow]? = nil)
    {
        self.law = law
        self.rule = rule
        self.severity = severity
        self.message = message
        self.help = help
        self.citation = citation
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.incomplete = incomplete
    }
}

extension Finding {
    /// The finding with every text a person reads made safe to show (`DisplayText`), for the text,
    /// GitHub, JUnit and checkstyle formats; JSON and SARIF keep the exact values.
    public var forDisplay: Finding {
        var copy = self
        copy.message = DisplayText.safe(message)
        copy.help = help.map(DisplayText.safe)
        copy.file = DisplayText.safe(file)
        copy.path = DisplayText.safe(path)
        return copy
    }
}
