import ArgumentParser
import Foundation
import OPAPMCore

/// Writes realistic, valid submissions for benchmarks and load tests: any number of files, any roster
/// size, every payer type, the same bytes for the same seed. Hidden: a tool for developers.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write generated submissions (for benchmarks).",
        usage: "opapm generate --out <out> [<options>]", shouldDisplay: false)

    @Option(help: "Directory to write into (created if missing).")
    var out: String

    @Option(help: "Number of submission files.")
    var count = 1

    @Option(help: "Clinicians in the first APM Entity's roster of each file (0: no roster).")
    var roster = 0

    @Option(help: "Seed for the pseudo-random choices.")
    var seed: UInt64 = 2024

    func validate() throws {
        guard count > 0, roster >= 0 else { throw ValidationError("--count must be positive and --roster not negative") }
    }

    func run() throws {
        do {
            try SubmissionGenerator(count: count, roster: roster, seed: seed).write(into: out)
        } catch {
            throw CommandSupport.fail(error.description)
        }
        print("wrote \(count) submission(s) to \(out)")
    }
}
