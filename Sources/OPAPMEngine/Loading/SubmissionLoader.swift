import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules
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

    /// Roster entries: streamed past, never kept, and bounded by `maxRosterEntries`, not by the
    /// parser's element limit.
    static let rosterEntryName = "clinician"

    /// Validates only: no tree is built and nothing is kept.
    public func validate(path: String) throws(XMLReadError) -> [XMLDiagnostic] {
        let diagnostics = try parse(path, handler: DiscardingHandler())
        return diagnostics.isEmpty ? diagnostics : WrongKind.explain(diagnostics, head: WrongKind.head(of: path))
    }

    /// Validates and loads the file at `path` (`InputFiles.standardInput`: standard input).
    public func load(path: String) throws(XMLReadError) -> LoadedFile {
        let reading = Reading(maxRosterEntries: maxRosterEntries)
        var diagnostics = try parse(path, handler: reading.builder)
        if !diagnostics.isEmpty { diagnostics = WrongKind.explain(diagnostics, head: WrongKind.head(of: path)) }
        return reading.finish(path: InputFiles.displayName(path), diagnostics: diagnostics)
    }

    private func parse(_ path: String, handler: XMLEventHandler) throws(XMLReadError) -> [XMLDiagnostic] {
        if path == InputFiles.standardInput {
            return try parser.parse(stream: STDIN_FILENO, name: InputFiles.displayName(path), handler: handler)
        }
        return try parser.parse(fileAt: path, handler: handler)
    }

    /// Validates and loads a document held in memory; `name` stands for its path in findings.
    public func load(bytes: some Collection<UInt8>, name: String) -> LoadedFile {
        let reading = Reading(maxRosterEntries: maxRosterEntries)
        var diagnostics = parser.parse(bytes: bytes, name: name, handler: reading.builder)
        if !diagnostics.isEmpty { diagnostics = WrongKind.explain(diagnostics, head: Array(bytes.prefix(512))) }
        return reading.finish(path: name, diagnostics: diagnostics)
    }

    /// One file being read: the tree builder, with roster entries streamed into the aggregator.
    private final class Reading {
        let rosters = RosterAggregator()
        let builder: XMLTreeBuilder

        init(maxRosterEntries: Int) {
            var entries = 0
            builder = XMLTreeBuilder(streamed: [SubmissionLoader.rosterEntryName]) { [rosters] _, attributes, _, parent in
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
    /// Named so that the element limit leaves roster entries to their own limit, as when loading.
    var rawElementNames: [String] { [SubmissionLoader.rosterEntryName] }
    func startElement(_ name: XMLBytes, position: Int, attributes: XMLRawAttributes, location: XMLLocation) {}
    func characters(_ text: XMLBytes) {}
    func endElement(_ name: XMLBytes) {}
}

/// Counts roster entries per roster element while they stream past, and finds NPIs listed twice
/// anywhere in the submission once reading is done.
final class RosterAggregator {
    /// NPIs remembered for the duplicate check. Beyond this many the check stops, so memory stays flat
    /// however long the roster (8 MiB at most); the summary says how many were not checked.
    static let duplicateCheckLimit = NPILedger.capacity

    private var summaries: [XMLElementNode: RosterSummary] = [:]
    private var ledger = NPILedger()
    /// Where each run of entries of one roster starts in the ledger's sequence, to attribute duplicates.
    private var segments: [(start: Int, key: XMLElementNode)] = []
    private var resolved = false
    /// The roster being read: entries arrive in runs, so plain counters are bumped and the summary
    /// is written once per roster.
    private var current: XMLElementNode?
    private var clinicians = 0
    private var usingCEHRT = 0
    private var unchecked = 0

    /// One roster entry, from its raw attribute bytes (no strings are made for a million entries).
    func add(attributes: XMLRawAttributes, roster: XMLElementNode) {
        if current != roster { switchTo(roster) }
        clinicians += 1
        if attributes.bool("usesCehrt") == true { usingCEHRT += 1 }
        if let npi = attributes.unsignedInteger("npi", maxDigits: 10), !ledger.record(npi) { unchecked += 1 }
    }

    private func switchTo(_ roster: XMLElementNode) {
        flush()
        current = roster
        segments.append((ledger.count, roster))
        let previous = summaries[roster]
        clinicians = previous?.clinicians ?? 0
        usingCEHRT = previous?.usingCEHRT ?? 0
        unchecked = previous?.npisNotCheckedForDuplicates ?? 0
    }

    private func flush() {
        guard let current else { return }
        var summary = RosterSummary(location: SourceLocation(line: current.location.line, element: current.deferredPath))
        summary.clinicians = clinicians
        summary.usingCEHRT = usingCEHRT
        summary.npisNotCheckedForDuplicates = unchecked
        summary.duplicateCheckLimit = Self.duplicateCheckLimit
        summaries[current] = summary
    }

    /// Once reading is done: each repeated occurrence of an NPI counts against the roster it is in.
    private func resolveDuplicates() {
        flush()
        current = nil
        guard !resolved else { return }
        resolved = true
        var firstSequence: [XMLElementNode: Int] = [:]
        for (sequence, npi) in ledger.repeatedOccurrences() {
            // The segment holding this sequence number: the last one starting at or before it.
            var low = 0
            var high = segments.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if segments[middle].start <= sequence { low = middle } else { high = middle - 1 }
            }
            let key = segments[low].key
            summaries[key]?.duplicateNPIs += 1
            if sequence < firstSequence[key] ?? Int.max {
                firstSequence[key] = sequence
                summaries[key]?.firstDuplicateNPI = String(npi)
            }
        }
    }

    func summary(for roster: XMLElementNode) -> RosterSummary? {
        resolveDuplicates()
        return summaries[roster]
    }
}

/// The NPIs of a submission's rosters, in reading order, for the duplicate check. Each is packed with
/// its sequence number into one word (an NPI needs 34 bits, the sequence 20), and sorting the words
/// once at the end puts repeats side by side: on a million-entry roster that is several times faster
/// than probing a hash table that does not fit in cache, and memory is one fixed 8 MiB array.
struct NPILedger {
    static let capacity = 1 << 20
    private static let sequenceBits: UInt64 = 20
    private var packed: [UInt64] = []

    var count: Int { packed.count }

    /// Records one NPI; false when the ledger is full and the NPI goes unchecked.
    mutating func record(_ npi: UInt64) -> Bool {
        guard packed.count < Self.capacity else { return false }
        if packed.isEmpty { packed.reserveCapacity(1024) }
        packed.append(npi << Self.sequenceBits | UInt64(packed.count))
        return true
    }

    /// Every occurrence of an NPI after its first, as (sequence number, NPI), in reading order.
    func repeatedOccurrences() -> [(sequence: Int, npi: UInt64)] {
        let sorted = packed.sorted()
        let mask: UInt64 = (1 << Self.sequenceBits) - 1
        var repeats: [(sequence: Int, npi: UInt64)] = []
        var index = 1
        while index < sorted.count {
            let npi = sorted[index] >> Self.sequenceBits
            if npi == sorted[index - 1] >> Self.sequenceBits {
                repeats.append((Int(sorted[index] & mask), npi))
            }
            index += 1
        }
        return repeats.sorted { $0.sequence < $1.sequence }
    }
}
