/// A problem found while reading a document: not well-formed, rejected for safety, over a limit,
/// or invalid against the schema. Diagnostics are data, never thrown: malformed input is a finding.
public struct XMLDiagnostic: Sendable, Hashable, Codable {
    /// Stable identifiers, never renumbered or reused.
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// The document is not well-formed XML (includes encoding errors and truncation).
        case malformed = "XML001"
        /// The document has a DOCTYPE; DTDs and entity declarations are refused outright.
        case doctype = "XML002"
        /// Elements are nested deeper than the depth limit.
        case tooDeep = "XML003"
        /// The file is larger than the size limit.
        case tooLarge = "XML004"
        /// The file is empty.
        case empty = "XML005"
        /// More diagnostics than the per-file limit; the rest were not reported.
        case tooManyDiagnostics = "XML006"
        /// A list (a roster) is longer than its limit; reading stopped there.
        case listTooLong = "XML007"
        /// More elements than the per-document limit (roster entries aside); reading stopped there.
        case tooManyElements = "XML008"
        /// One element's text is longer than the limit; reading stopped there.
        case textTooLong = "XML009"
        /// The document is well-formed but not valid against the schema.
        case schema = "XSD001"
    }

    public var code: Code
    public var message: String
    /// 1-based line; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column; 0 when libxml2 does not report one.
    public var column: Int
    /// Element path such as `/submission/arrangement/apmEntities/apmEntity[2]/tin`; empty when unknown.
    public var path: String

    public init(code: Code, message: String, line: Int, column: Int = 0, path: String = "") {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.path = path
    }
}
