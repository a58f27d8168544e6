import ArgumentParser
import Foundation
import OPAPMCore

/// Small pieces every command uses; failures here are usage errors (exit 2).
enum CommandSupport {
    /// The submission files `paths` name. Starts the worker threads first, so that they are up by
    /// the time the files are.
    static func files(_ paths: [String], jobs: Int?) throws -> InputFiles.Found {
        warmUpWorkerThreads(jobs: jobs)
        let found: InputFiles.Found
        do {
            found = try InputFiles.collect(paths)
        } catch {
            throw fail(error.description)
        }
        if found.isEmpty { throw fail("no .xml files found in \(paths.map(DisplayText.safe).joined(separator: ", "))") }
        return found
    }

    static func loader(_ options: LimitOptions) throws -> SubmissionLoader {
        do {
            return try SubmissionLoader(limits: options.limits, maxRosterEntries: options.maxRoster)
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

    /// Refuses, before any work, a report path that is one of the run's `inputs` or would be read as one
    /// (`OutputSafety.checkReport`).
    static func checkReportPath(_ path: String, inputs: [String]) throws {
        do {
            try OutputSafety.checkReport(path, inputs: inputs)
        } catch {
            throw fail("\(error.description); nothing written")
        }
    }

    /// Writes a report through a temporary file and a rename (`AtomicFile.replace`).
    static func writeReport(_ text: String, to path: String) throws {
        do {
            try AtomicFile.replace(path, with: text)
        } catch {
            throw fail(error.description)
        }
    }

    /// Hands `produce` a sink for the parts of a report, written to `path` through `AtomicFile.Writer`
    /// (nil: standard output, as they come).
    static func writeStreamed(to path: String?, _ produce: (_ sink: (String) -> Void) -> Void) throws {
        guard let path else {
            produce { print($0, terminator: "") }
            return
        }
        do {
            let writer = try AtomicFile.Writer(path)
            produce(writer.write)
            try writer.commit()
        } catch {
            throw fail(error.description)
        }
    }

    /// Appends to a file another program owns (`AppendedFile`).
    static func append(_ text: String, to path: String) throws {
        do {
            try AppendedFile.append(text, to: path)
        } catch {
            throw fail(error.description)
        }
    }

    /// Ends the process with `status` once everything is written, without freeing what the run built:
    /// the determinations of a batch of tens of thousands of files take a noticeable part of a second to
    /// free on one thread, and the system takes the memory back at once. `exit` flushes standard output.
    static func exitWithoutTeardown(_ status: Int32) -> Never {
        exit(status)
    }

    /// Messages name files and values from outside: each is made safe to show on a terminal.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("opapm: \(DisplayText.safe(message))\n".utf8))
    }

    /// Prints the message to standard error and exits with status 2.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("opapm: error: \(DisplayText.safe(message))\n".utf8))
        return ExitCode(2)
    }
}
