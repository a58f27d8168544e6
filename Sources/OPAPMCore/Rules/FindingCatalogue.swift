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
        let (title, summary, help) = xmlText(code)
        return Entry(id: code.rawValue, kind: .xml, title: title, severity: .error,
            citation: "docs/bad-input.md",
            summary: summary, help: help, rule: nil)
    }

    static func xmlText(_ code: XMLDiagnostic.Code) -> (title: String, summary: String, help: String) {
        switch code {
        case .malformed:
            return ("Document is not well-formed XML",
                "The file is not well-formed XML: a syntax error, a bad encoding, or a truncated document. Nothing is decided.",
                "fix the XML syntax at the position shown")
        case .doctype:
            return ("DOCTYPE declarations are refused",
                "Submissions may not declare a DTD or entities: opapm refuses them outright, never loading or expanding them.",
                "remove the DOCTYPE declaration; submissions may not declare DTDs or entities")
        case .tooDeep:
            return ("Elements nested deeper than the limit",
                "Elements are nested deeper than --max-depth allows; reading stopped there.",
                "submissions nest about seven levels; check the structure or raise --max-depth")
        case .tooLarge:
            return ("File larger than the size limit",
                "The file (or standard input) is larger than --max-file-size (--max-stream-size for -); it was not read.",
                "split the submission or raise --max-file-size (--max-stream-size for standard input)")
        case .empty:
            return ("File is empty", "The file has no content.", "the file has no content")
        case .tooManyDiagnostics:
            return ("More diagnostics than the per-file limit",
                "More problems than --max-diagnostics; the rest were not reported.",
                "fix the first problems and run again, or raise --max-diagnostics")
        case .listTooLong:
            return ("Roster longer than the limit",
                "A roster lists more clinicians than --max-roster; reading stopped there.",
                "split the roster across submissions, or raise --max-roster")
        case .tooManyElements:
            return ("More elements than the limit",
                "The document has more elements than --max-elements (roster entries aside); reading stopped there.",
                "a submission has a few hundred elements; check the file or raise --max-elements")
        case .textTooLong:
            return ("Element text longer than the limit",
                "An element's text is longer than --max-text-size; reading stopped there.",
                "shorten the element's text or raise --max-text-size")
        case .schema:
            return ("Not valid against the submission schema",
                "The document is well-formed but not valid against schemas/submission.xsd (or schemas/qp-data.xsd for QP data): "
                    + "the message names the element and what was expected.",
                "see docs/schema.md for the element's definition")
        }
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
