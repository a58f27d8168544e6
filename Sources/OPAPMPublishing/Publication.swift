import Foundation
import OPAPMEngine
import OPAPMFiles
import OPAPMModel

/// One format the list is written in. Publishing decides what goes on the list and replaces the
/// directory as a whole; the reporting stage knows how each format looks (`ListFormat`).
public protocol ListRendition: Sendable {
    func fileName(year: Int) -> String
    func render(_ list: PublishedList, changes: ListChanges?) throws -> [UInt8]
}

/// `opapm publish` as one workflow: decide every file, build the year's list, compare it with an
/// earlier one, and replace the output directory with every format or with nothing.
public struct Publication {
    public var paths: [String]
    public var year: Int
    public var out: String
    /// The formats, the costliest to render first: each is rendered and written on its own thread,
    /// so files are written while the costliest is still being rendered.
    public var renditions: [any ListRendition]
    public var skipInvalid = false
    public var asOf: String?
    public var previous: String?
    public var withSource = false
    public var jobs: Int?

    public init(paths: [String], year: Int, out: String, renditions: [any ListRendition]) {
        self.paths = paths
        self.year = year
        self.out = out
        self.renditions = renditions
    }

    /// Why nothing was written; the message says what to do.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public struct Outcome: Sendable {
        public var list: PublishedList
        public var changes: ListChanges?
        /// The files written, by name, sorted.
        public var written: [String]
    }

    /// Refuses, before any file is read, an output that is an input or a directory opapm did not write.
    public func checkOutput() throws(Failure) {
        do {
            try OutputSafety.checkListDirectory(out, inputs: paths, readBeforeWriting: [previous].compactMap { $0 })
        } catch {
            throw Failure(description: "\(error.description); nothing written")
        }
        do {
            try ListDirectory.checkReplaceable(out)
        } catch {
            throw Failure(description: error.description)
        }
    }

    /// Decides `files` and writes the list. `warn` hears each skipped file and each arrangement left
    /// off for a duplicate.
    public func run(_ files: InputFiles.Found, loader: SubmissionLoader, progress: OPAPMEngine.Progress?, warn: (String) -> Void)
        throws(Failure) -> Outcome
    {
        try checkOutput()
        var engine = DeterminationEngine()
        // The list needs decisions only: neither the changes that would pass nor the curves.
        engine.findsRemedies = false
        engine.drawsLiabilityCurve = false
        let results = engine.determine(files, loader: loader, years: nil, jobs: jobs, keepingSubmissions: false,
            progress: progress)
        progress?.finish()

        let skipped = try Self.skippedFiles(results, skipInvalid: skipInvalid, out: out, warn: warn)
        for result in results where !result.arrangements.isEmpty {
            for finding in result.arrangements[0].findings where finding.rule == DuplicateArrangements.ruleId {
                warn("\(DisplayText.safe(result.path)): not listed: [\(finding.rule)] \(DisplayText.safe(finding.message))")
            }
        }
        let list = ApprovedListBuilder.build(
            results, year: year, asOf: asOf, skipped: skipped, jobs: jobs, withSource: withSource)
        var changes: ListChanges?
        if let previous {
            do throws(JSONFile.Failure) {
                changes = ListChanges(from: try PublishedList.load(path: previous), to: list)
            } catch {
                throw Failure(description: "\(DisplayText.safe(previous)): cannot read the previous list: \(error.description)")
            }
        }
        let written = try write(list, changes: changes, warn: warn)
        return Outcome(list: list, changes: changes, written: written)
    }

    /// Files that were not decided: each is skipped (and named in the list) when `skipInvalid` allows or
    /// it is only invalid against the schema; otherwise the run fails with nothing written.
    public static func skippedFiles(_ results: [FileDetermination], skipInvalid: Bool, out: String, warn: (String) -> Void)
        throws(Failure) -> [SkippedFile]
    {
        var skipped: [SkippedFile] = []
        var fatal = false
        for result in results where !result.loaded {
            let unparsable = result.unreadable || result.findings.contains { $0.rule != "XSD001" }
            let reason = (unparsable ? "cannot be read or parsed: " : "invalid against the submission schema: ")
                + (result.findings.first.map { "[\($0.rule)] " + ($0.line > 0 ? "line \($0.line): " : "") + $0.message } ?? "unknown")
            if unparsable && !skipInvalid {
                warn("\(DisplayText.safe(result.path)): \(DisplayText.safe(reason))")
                fatal = true
            } else {
                warn("\(DisplayText.safe(result.path)): skipped, \(DisplayText.safe(reason))")
                skipped.append(SkippedFile(file: result.path, reason: reason))
            }
        }
        if fatal {
            throw Failure(description: "nothing written to \(DisplayText.safe(out)); fix the files above or use --skip-invalid")
        }
        return skipped
    }

    /// Every rendition into a new directory that replaces `out` only once all are written.
    private func write(_ list: PublishedList, changes: ListChanges?, warn: (String) -> Void) throws(Failure) -> [String] {
        let year = year
        let replacement: ListDirectory
        do {
            replacement = try ListDirectory(out, files: renditions.map { $0.fileName(year: year) })
        } catch {
            throw Failure(description: error.description)
        }
        let outcomes = renditions.parallelMap(jobs: jobs) { rendition -> (String, String?) in
            let name = rendition.fileName(year: year)
            do {
                return (name, replacement.write(try rendition.render(list, changes: changes), named: name))
            } catch {
                return (name, "\(error)")
            }
        }
        if let failure = outcomes.lazy.compactMap({ $0.1 }).first {
            replacement.discard()
            throw Failure(description: "cannot write \(DisplayText.safe(out)): \(failure); nothing changed")
        }
        do {
            if let warning = try replacement.commit() { warn(warning) }
        } catch {
            throw Failure(description: error.description)
        }
        return outcomes.map(\.0).sorted()
    }
}
