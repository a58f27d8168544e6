import ArgumentParser
import OPAPMCore

/// Bounds on reading untrusted submission files, shared by every command that reads them.
struct LimitOptions: ParsableArguments {
    @Option(help: "Largest input file accepted, in bytes.")
    var maxFileSize: Int64 = ReadingLimits.defaultMaxFileBytes

    @Option(help: "Deepest element nesting accepted.")
    var maxDepth: Int = ReadingLimits.defaultMaxDepth

    @Option(help: "Most roster entries (clinicians) one submission may list; reading stops past it. Check, lint and publish read rosters; validate and qp do not count them.")
    var maxRoster: Int = SubmissionLoader.defaultMaxRosterEntries

    @Option(help: "Most elements one document may have, roster entries not counted.")
    var maxElements: Int = ReadingLimits.defaultMaxElements

    @Option(help: "Longest text of one element accepted, in bytes.")
    var maxTextSize: Int = ReadingLimits.defaultMaxTextBytes

    @Option(help: "Most bytes read from standard input (-).")
    var maxStreamSize: Int64 = ReadingLimits.defaultMaxStreamBytes

    @Option(help: "Most XML diagnostics reported per file.")
    var maxDiagnostics: Int = ReadingLimits.defaultMaxDiagnostics

    @Option(help: "Threads to use (default: all cores). Output is the same for any number.")
    var jobs: Int?

    func validate() throws {
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
        guard maxDepth > 0 else { throw ValidationError("--max-depth must be positive") }
        guard maxRoster > 0 else { throw ValidationError("--max-roster must be positive") }
        guard maxElements > 0 else { throw ValidationError("--max-elements must be positive") }
        guard maxTextSize > 0 else { throw ValidationError("--max-text-size must be positive") }
        guard maxStreamSize > 0 else { throw ValidationError("--max-stream-size must be positive") }
        guard maxDiagnostics > 0 else { throw ValidationError("--max-diagnostics must be positive") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    var limits: ReadingLimits {
        ReadingLimits(
            maxFileBytes: maxFileSize, maxDepth: maxDepth, maxDiagnostics: maxDiagnostics, maxElements: maxElements,
            maxTextBytes: maxTextSize, maxStreamBytes: maxStreamSize)
    }
}
