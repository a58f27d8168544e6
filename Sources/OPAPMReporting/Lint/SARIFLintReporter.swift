import OPAPMCore

/// SARIF 2.1.0 for code scanning: every rule in `tool.driver.rules`, results with repo-relative
/// physical locations, the element path as a logical location, and fingerprints that survive line moves.
public struct SARIFLintReporter: LintReporter {
    public static let name = "sarif"
    public init() {}

    struct Log: Encodable {
        var version = "2.1.0"
        var schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case version
            case schema = "$schema"
            case runs
        }
    }
    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var originalUriBaseIds: [String: ArtifactLocation]
    }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable {
        var name = "opapm"
        var version: String
        var informationUri: String
        var rules: [Rule]
    }
    struct Text: Encodable { var text: String }
    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var helpUri: String
        var help: Text
        var defaultConfiguration: Configuration
        var properties: Properties
    }
    struct Configuration: Encodable { var level: String }
    struct Properties: Encodable { var citation: String }
    struct Result: Encodable {
        var ruleId: String
        /// Left out for an id without a rule entry: a wrong index would point at another rule.
        var ruleIndex: Int?
        var level: String
        package var message: Text
        var locations: [Location]
        var partialFingerprints: [String: String]
        var properties: ResultProperties?
    }
    /// What the finding rests on: the paragraphs cited for its year, and each value of the law it used
    /// with its provenance; `provenance` is the weakest of them.
    struct ResultProperties: Encodable {
        var citation: String?
        var provenance: String?
        var law: [LawValue]?
    }
    struct LawValue: Encodable {
        var name: String
        var value: String
        var provenance: String
        var source: String
    }
    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
        var logicalLocations: [LogicalLocation]?
    }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }
    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
    }
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int?
    }
    struct LogicalLocation: Encodable {
        var fullyQualifiedName: String
        var kind = "element"
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    public func render(_ report: LintReport) throws -> String {
        let catalog = LintReport.ruleCatalog
        let index = Dictionary(catalog.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let base = report.docsBaseURL.hasSuffix("/") ? report.docsBaseURL : report.docsBaseURL + "/"
        let rules = catalog.map { rule in
            Rule(
                id: rule.id, name: rule.title, shortDescription: Text(text: rule.title),
                fullDescription: Text(text: rule.summary), helpUri: base + rule.helpPath,
                help: Text(text: "\(rule.summary) See \(base + rule.helpPath)."),
                defaultConfiguration: Configuration(level: Self.level(rule.severity)),
                properties: Properties(citation: rule.citation))
        }
        let results = report.findings.map { finding in
            Result(
                ruleId: finding.rule, ruleIndex: index[finding.rule], level: Self.level(finding.severity),
                message: Text(text: finding.message),
                locations: [
                    Location(
                        physicalLocation: PhysicalLocation(
                            artifactLocation: Self.artifact(finding.file),
                            region: finding.line > 0
                                ? Region(startLine: finding.line, startColumn: finding.column > 0 ? finding.column : nil)
                                : nil),
                        logicalLocations: finding.path.isEmpty ? nil : [LogicalLocation(fullyQualifiedName: finding.path)])
                ],
                partialFingerprints: ["opapm/v1": Fingerprint.of(finding)],
                properties: Self.properties(finding))
        }
        let root = ArtifactLocation(uri: Self.fileURI(directory: report.sourceRoot), uriBaseId: nil)
        let driver = Driver(version: report.toolVersion, informationUri: base + "docs/user-guide.md", rules: rules)
        return try JSONOutput.encode(Log(runs: [Run(tool: Tool(driver: driver), results: results, originalUriBaseIds: ["%SRCROOT%": root])]))
    }

    static func properties(_ finding: Finding) -> ResultProperties? {
        guard finding.citation != nil || finding.law != nil else { return nil }
        let law = finding.law?.map { LawValue(name: $0.name, value: $0.value, provenance: $0.provenance.rawValue, source: $0.source) }
        return ResultProperties(
            citation: finding.citation, provenance: finding.law?.map(\.provenance).max()?.rawValue, law: law)
    }

    /// A file as SARIF locates it: a relative path as a percent-encoded reference against `%SRCROOT%`,
    /// an absolute one as a `file:` URI.
    static func artifact(_ path: String) -> ArtifactLocation {
        if path.hasPrefix("/") { return ArtifactLocation(uri: "file://" + percentEncoded(path), uriBaseId: nil) }
        var relative = percentEncoded(path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
        // A first segment with a colon would read as a scheme.
        if let colon = relative.firstIndex(of: ":"), !relative[..<colon].contains("/") { relative = "./" + relative }
        return ArtifactLocation(uri: relative, uriBaseId: "%SRCROOT%")
    }

    /// `file:///abs/dir/`, ending in a slash as SARIF requires of a base.
    static func fileURI(directory: String) -> String {
        let path = directory.hasSuffix("/") ? directory : directory + "/"
        return "file://" + percentEncoded(path)
    }

    /// Every byte but RFC 3986's unreserved characters and the path's own `/` percent-encoded (UTF-8).
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}

/// A stable fingerprint of a finding: FNV-1a over rule, file, element path and message, not the line,
/// so a finding keeps its identity when lines move.
enum Fingerprint {
    static func of(_ finding: Finding) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(finding.rule)|\(finding.file)|\(finding.path)|\(finding.message)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
