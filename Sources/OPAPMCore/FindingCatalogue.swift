import OPAPMEngine
import OPAPMLaw
import OPAPMModel
import OPAPMPublishing
import OPAPMQP
import OPAPMRules
import OPAPMXML

/// Every finding id opapm can emit, declared once: the rules, the XML layer's diagnostics, unreadable
/// files, the cross-file check and the QP data checks. The docs pages, `opapm rules`, `opapm explain`,
/// SARIF's rule list and the lint configuration all read it; a test fails when any output names an id
/// it lacks.
public enum FindingCatalogue {
    /// Where a finding comes from.
    public enum Kind: String, Sendable, Hashable {
        case rule, xml, file, batch, qp
    }

    public struct Entry: Sendable, Hashable {
        public var id: String
        public var kind: Kind
        public var title: String
        public var severity: Severity
        public var citation: String
        public var summary: String
        public var help: String
        /// The rule's full description, for a rule.
        public var rule: RuleDescription?
    }

    public static let all: [Entry] = rules + xml + file + batch + qp

    private static let byId: [String: Entry] = Dictionary(all.map { ($0.id.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })

    /// The entry for `id`, in any letter case.
    public static func entry(_ id: String) -> Entry? { byId[id.uppercased()] }

    static let rules: [Entry] = RuleRegistry.all.map(\.description).map { rule in
        Entry(id: rule.id, kind: .rule, title: rule.title, severity: rule.severity, citation: rule.citation,
            summary: rule.summary, help: rule.help, rule: rule)
    }

    /// What each XML-layer diagnostic means and how to fix it (`DeterminationEngine` attaches the help).
    static let xml: [Entry] = XMLDiagnostic.Code.allCases.map { code in
        let (title, summary, help) = XMLDiagnosticText.describe(code)
        return Entry(id: code.rawValue, kind: .xml, title: title, severity: .error,
            citation: "docs/bad-input.md",
            summary: summary, help: help, rule: nil)
    }

    static let file: [Entry] = [
        Entry(id: "IO001", kind: .file, title: "File cannot be read", severity: .error, citation: "docs/bad-input.md",
            summary: "The file could not be opened or read: it does not exist, is a dangling link, is not a regular file, or "
                + "is unreadable. The run exits 2.",
            help: "check the path and its permissions", rule: nil)
    ]

    static let batch: [Entry] = [
        Entry(id: DuplicateArrangements.ruleId, kind: .batch, title: DuplicateArrangements.title, severity: .error,
            citation: DuplicateArrangements.citation,
            summary: "Two files in one run submit the same arrangement with the same submission date: no way is left to tell "
                + "which one stands, so neither is approved, each file's finding names the other, and the list carries neither. "
                + "A later submission date supersedes an earlier one.",
            help: "give the corrected submission a later submission date, or remove the copy", rule: nil)
    ]

    static let qp: [Entry] = QPDataChecks.descriptions.map { finding in
        Entry(id: finding.id, kind: .qp, title: finding.title, severity: .error, citation: finding.citation,
            summary: finding.summary, help: finding.help, rule: nil)
    }
}
