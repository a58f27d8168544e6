import ArgumentParser
import Foundation
import OPAPMCore
import OPAPMXML

/// Small pieces every command uses; failures here are usage errors (exit 2).
enum CommandSupport {
    static func files(_ paths: [String]) throws -> [String] {
        do {
            let files = try InputFiles.collect(paths)
            if files.isEmpty { throw fail("no .xml files found in \(paths.joined(separator: ", "))") }
            return files
        } catch let missing as InputFiles.Missing {
            throw fail(missing.description)
        }
    }

    static func loader(_ limits: XMLLimits) throws -> SubmissionLoader {
        do {
            return try SubmissionLoader(limits: limits)
        } catch {
            throw fail("internal error: \(error)")
        }
    }

    static func checkYear(_ year: Int) throws {
        do {
            _ = try PerformanceYearTable.parameters(for: year)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Prints the message to standard error and exits with status 2.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("opapm: error: \(message)\n".utf8))
        return ExitCode(2)
    }
}
