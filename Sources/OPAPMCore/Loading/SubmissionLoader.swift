import Foundation
import OPAPMXML

/// What reading one submission file produced: diagnostics from the XML layer and, when the file
/// is well-formed and valid, the submission.
public struct LoadedFile: Sendable {
    public var path: String
    public var diagnostics: [XMLDiagnostic]
    public var submission: Submission?
}

/// Reads submission files: secure parse, XSD validation against the embedded schema, and conversion
/// to the domain model, with rosters aggregated as they stream past.
public struct SubmissionLoader: Sendable {
    public let parser: SecureXMLParser

    /// The embedded submission schema, compiled once per process.
    public static let submissionSchema: Result<CompiledSchema, Error> = Result {
        try CompiledSchema(text: EmbeddedSchemas.submission)
    }

    public init(limits: XMLLimits = XMLLimits()) throws {
        parser = SecureXMLParser(schema: try Self.submissionSchema.get(), limits: limits)
    }

    /// Validates only: no tree is built and nothing is kept.
    public func validate(path: String) throws(XMLReadError) -> [XMLDiagnostic] {
        try parser.parse(fileAt: path, handler: DiscardingHandler())
    }

    /// Validates and loads the file at `path`.
    public func load(path: String) throws(XMLReadError) -> LoadedFile {
        let rosters = RosterAggregator()
        let builder = XMLTreeBuilder(streamed: ["clinician"]) { _, attributes, _, parent in
            rosters.add(attributes: attributes, roster: parent)
        }
        let diagnostics = try parser.parse(fileAt: path, handler: builder)
        guard diagnostics.isEmpty, let root = builder.root else {
            return LoadedFile(path: path, diagnostics: diagnostics, submission: nil)
        }
        do {
            let submission = try SubmissionReader(file: path, rosters: rosters).read(NodeReader(node: root))
            return LoadedFile(path: path, diagnostics: [], submission: submission)
        } catch {
            let diagnostic = XMLDiagnostic(
                code: .schema, message: error.message, line: error.location.line, path: error.location.path)
            return LoadedFile(path: path, diagnostics: [diagnostic], submission: nil)
        }
    }
}

/// Receives events and keeps nothing: validation alone.
final class DiscardingHandler: XMLEventHandler {
    var wantsEvents: Bool { false }
    func startElement(_ name: String, attributes: [XMLAttribute], location: XMLLocation) {}
    func characters(_ text: String) {}
    func endElement(_ name: String) {}
}

/// Counts roster entries per roster element while they stream past.
final class RosterAggregator {
    /// NPIs remembered for the duplicate check. Beyond this many the check stops, so memory stays flat
    /// however long the roster (about 32 MiB at the limit); the summary says how many were checked.
    static let duplicateCheckLimit = 1_000_000

    private var summaries: [ObjectIdentifier: RosterSummary] = [:]
    private var seen = Set<UInt64>()
    /// The roster being read: entries arrive in runs, so the dictionary is touched once per roster.
    private var currentKey: ObjectIdentifier?
    private var current: RosterSummary?

    func add(attributes: [XMLAttribute], roster: XMLElementNode) {
        let key = ObjectIdentifier(roster)
        if key != currentKey {
            flush()
            currentKey = key
            current = summaries[key] ?? RosterSummary(location: SourceLocation(line: roster.location.line, path: roster.path))
        }
        guard var summary = current else { return }
        current = nil
        summary.clinicians += 1
        for attribute in attributes {
            switch attribute.name {
            case "usesCehrt":
                if attribute.value == "true" || attribute.value == "1" { summary.usingCEHRT += 1 }
            case "npi":
                guard seen.count < Self.duplicateCheckLimit else {
                    summary.npisNotCheckedForDuplicates += 1
                    continue
                }
                if let npi = UInt64(attribute.value), !seen.insert(npi).inserted {
                    summary.duplicateNPIs += 1
                    if summary.firstDuplicateNPI == nil { summary.firstDuplicateNPI = attribute.value }
                }
            default:
                break
            }
        }
        current = summary
    }

    private func flush() {
        if let currentKey, let current { summaries[currentKey] = current }
    }

    func summary(for roster: XMLElementNode) -> RosterSummary? {
        flush()
        return summaries[ObjectIdentifier(roster)]
    }
}
