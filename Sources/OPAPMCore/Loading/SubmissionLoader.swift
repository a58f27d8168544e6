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
    /// Most roster entries (clinicians, over all APM Entities) one submission may list.
    public let maxRosterEntries: Int

    /// Two million: more than every clinician who bills Medicare Part B (about 1.3 million), so a real
    /// roster always fits, while a runaway file stops early instead of reading for minutes.
    public static let defaultMaxRosterEntries = 2_000_000

    /// The embedded submission schema, compiled once per process.
    public static let submissionSchema: Result<CompiledSchema, Error> = Result {
        try CompiledSchema(text: EmbeddedSchemas.submission)
    }

    public init(limits: XMLLimits = XMLLimits(), maxRosterEntries: Int = SubmissionLoader.defaultMaxRosterEntries) throws {
        parser = SecureXMLParser(schema: try Self.submissionSchema.get(), limits: limits)
        self.maxRosterEntries = maxRosterEntries
    }

    /// Validates only: no tree is built and nothing is kept.
    public func validate(path: String) throws(XMLReadError) -> [XMLDiagnostic] {
        try parser.parse(fileAt: path, handler: DiscardingHandler())
    }

    /// Validates and loads the file at `path`.
    public func load(path: String) throws(XMLReadError) -> LoadedFile {
        let reading = Reading(maxRosterEntries: maxRosterEntries)
        let diagnostics = try parser.parse(fileAt: path, handler: reading.builder)
        return reading.finish(path: path, diagnostics: diagnostics)
    }

    /// Validates and loads a document held in memory; `name` stands for its path in findings.
    public func load(bytes: some Collection<UInt8>, name: String) -> LoadedFile {
        let reading = Reading(maxRosterEntries: maxRosterEntries)
        let diagnostics = parser.parse(bytes: bytes, name: name, handler: reading.builder)
        return reading.finish(path: name, diagnostics: diagnostics)
    }

    /// One file being read: the tree builder, with roster entries streamed into the aggregator.
    private final class Reading {
        let rosters = RosterAggregator()
        let builder: XMLTreeBuilder

        init(maxRosterEntries: Int) {
            var entries = 0
            builder = XMLTreeBuilder(streamed: ["clinician"]) { [rosters] _, attributes, _, parent in
                entries += 1
                guard entries <= maxRosterEntries else {
                    return "roster has more than \(maxRosterEntries) clinicians (limit per submission; --max-roster)"
                }
                rosters.add(attributes: attributes, roster: parent)
                return nil
            }
        }

        func finish(path: String, diagnostics: [XMLDiagnostic]) -> LoadedFile {
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
    /// however long the roster (16 MiB at most); the summary says how many were not checked.
    static let duplicateCheckLimit = NPISet.capacity

    private var summaries: [ObjectIdentifier: RosterSummary] = [:]
    private var seen = NPISet()
    /// The roster being read: entries arrive in runs, so plain counters are bumped and the summary
    /// is written once per roster.
    private var current: (key: ObjectIdentifier, roster: XMLElementNode)?
    private var clinicians = 0
    private var usingCEHRT = 0
    private var duplicates = 0
    private var unchecked = 0
    private var firstDuplicate: String?

    func add(attributes: [XMLAttribute], roster: XMLElementNode) {
        let key = ObjectIdentifier(roster)
        if current?.key != key { switchTo(key, roster) }
        clinicians += 1
        for attribute in attributes {
            switch attribute.name {
            case "usesCehrt":
                if attribute.value == "true" || attribute.value == "1" { usingCEHRT += 1 }
            case "npi":
                guard let npi = UInt64(attribute.value) else { continue }
                switch seen.insert(npi) {
                case .inserted: break
                case .present:
                    duplicates += 1
                    if firstDuplicate == nil { firstDuplicate = attribute.value }
                case .full: unchecked += 1
                }
            default:
                break
            }
        }
    }

    private func switchTo(_ key: ObjectIdentifier, _ roster: XMLElementNode) {
        flush()
        current = (key, roster)
        let previous = summaries[key]
        clinicians = previous?.clinicians ?? 0
        usingCEHRT = previous?.usingCEHRT ?? 0
        duplicates = previous?.duplicateNPIs ?? 0
        unchecked = previous?.npisNotCheckedForDuplicates ?? 0
        firstDuplicate = previous?.firstDuplicateNPI
    }

    private func flush() {
        guard let current else { return }
        var summary = RosterSummary(location: SourceLocation(line: current.roster.location.line, path: current.roster.path))
        summary.clinicians = clinicians
        summary.usingCEHRT = usingCEHRT
        summary.duplicateNPIs = duplicates
        summary.firstDuplicateNPI = firstDuplicate
        summary.npisNotCheckedForDuplicates = unchecked
        summaries[current.key] = summary
    }

    func summary(for roster: XMLElementNode) -> RosterSummary? {
        flush()
        return summaries[ObjectIdentifier(roster)]
    }
}

/// A fixed-size open-addressing set of NPIs (linear probing, half full at most): no rehashing and no
/// per-insert allocation on a million-entry roster, and memory that cannot grow past 16 MiB.
struct NPISet {
    static let capacity = 1 << 20
    private static let slots = capacity * 2
    private var table: [UInt64] = []
    private(set) var count = 0

    enum Outcome { case inserted, present, full }

    mutating func insert(_ npi: UInt64) -> Outcome {
        if table.isEmpty { table = Array(repeating: 0, count: Self.slots) }
        // 0 marks an empty slot; NPIs are ten-digit numbers, never 0.
        let key = npi == 0 ? UInt64.max : npi
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 43) & (Self.slots - 1)
        while true {
            let slot = table[index]
            if slot == key { return .present }
            if slot == 0 {
                guard count < Self.capacity else { return .full }
                table[index] = key
                count += 1
                return .inserted
            }
            index = (index + 1) & (Self.slots - 1)
        }
    }
}
