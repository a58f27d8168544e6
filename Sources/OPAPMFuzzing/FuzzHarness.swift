import Foundation
import OPAPMCore
import OPAPMReporting

/// One fuzz iteration: the bytes go through everything a submission from outside goes through
/// (secure parse, schema validation, loading, every rule for every year it names, the text and JSON
/// reports), and the invariants a user relies on are checked. A broken invariant traps, so the
/// fuzzer records the input; a crash, hang or sanitizer report is caught by the fuzzer itself.
public enum FuzzHarness {
    private static let loader: SubmissionLoader = {
        // Small limits keep each iteration fast; the limit paths are exercised too.
        guard let loader = try? SubmissionLoader(limits: .init(maxFileBytes: 1 << 20, maxDepth: 64, maxDiagnostics: 50))
        else { fatalError("the embedded submission schema does not compile") }
        return loader
    }()
    private static let engine = DeterminationEngine()

    /// Runs one input. Returns normally unless an invariant is broken.
    public static func run(_ bytes: UnsafeRawBufferPointer) {
        let loaded = loader.load(bytes: bytes, name: "fuzz.xml")
        let file = engine.determine(loaded, years: nil)
        check(file)
        _ = CheckTextReport.render([file])
        guard (try? JSONOutput.encode(CheckReport(files: [file]))) != nil else {
            fatalError("the JSON report could not be encoded")
        }
    }

    /// What must hold for any input, however hostile.
    static func check(_ file: FileDetermination) {
        let fileErrors = file.findings.contains { $0.severity == .error }
        if !file.loaded || fileErrors {
            precondition(file.arrangements.allSatisfy { $0.determination != .approved },
                "approved although the file could not be read as a valid submission")
        }
        for arrangement in file.arrangements where arrangement.determination == .approved {
            precondition(!arrangement.findings.contains { $0.severity == .error },
                "approved with an error finding for \(arrangement.id) \(arrangement.performanceYear)")
        }
        for finding in file.findings + file.arrangements.flatMap(\.findings) {
            precondition(!finding.rule.isEmpty && !finding.message.isEmpty, "a finding without a rule or message")
        }
    }

    /// Replays saved inputs (the regression corpus, or files a fuzzer wrote) through the same checks.
    public static func replay(paths: [String]) throws {
        for path in paths {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            data.withUnsafeBytes { run($0) }
        }
    }
}
