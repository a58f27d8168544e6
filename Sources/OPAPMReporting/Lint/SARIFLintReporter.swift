import OPAPMCore

/// SARIF 2.1.0 for code scanning: every rule in `tool.driver.rules`, results with repo-relative
/// physical locations, the element path as a logical location, and fingerprints that survive line moves.
public struct SARIFLintReporter: LintReporter {
    public static let name = "sarif"
    public init() {}

    struct Log: Encodable {
        var version = "2.1.0"
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
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
        var originalUriBaseIds = ["%SRCROOT%": ArtifactLocation(uri: "./", uriBaseId: nil)]
    }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable {
        var name = "opapm"
        var version: String
        var informationUri = "docs/user-guide.md"
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
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]
        var partialFingerprints: [String: String]
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
        let index = Dictionary(uniqueKeysWithValues: catalog.enumerated().map { ($0.element.id, $0.offset) })
        let rules = catalog.map { rule in
            Rule(
                id: rule.id, name: rule.title, shortDescription: Text(text: rule.title),
                fullDescription: Text(text: rule.summary), helpUri: rule.helpPath,
                help: Text(text: "\(rule.summary) See \(rule.helpPath)."),
                defaultConfiguration: Configuration(level: Self.level(rule.severity)),
                properties: Properties(citation: rule.citation))
        }
        let results = report.findings.map { finding in
            Result(
                ruleId: finding.rule, ruleIndex: index[finding.rule] ?? 0, level: Self.level(finding.severity),
                message: Text(text: finding.message),
                locations: [
                    Location(
                        physicalLocation: PhysicalLocation(
                            artifactLocation: ArtifactLocation(uri: finding.file, uriBaseId: "%SRCROOT%"),
                            region: finding.line > 0
                                ? Region(startLine: finding.line, startColumn: finding.column > 0 ? finding.column : nil)
                                : nil),
                        logicalLocations: finding.path.isEmpty ? nil : [LogicalLocation(fullyQualifiedName: finding.path)])
                ],
                partialFingerprints: ["opapm/v1": Fingerprint.of(finding)])
        }
        return try JSONOutput.encode(Log(runs: [Run(tool: Tool(driver: Driver(version: report.toolVersion, rules: rules)),
            results: results)]))
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
