import ArgumentParser
import Foundation
import OPAPMCore
import OPAPMXML

/// Small pieces every command uses; failures here are usage errors (exit 2).
enum CommandSupport {
    /// The submission files `paths` name. Starts the worker threads first, so that they are up by
    /// the time the files are.
    static func files(_ paths: [String], jobs: Int?) throws -> [String] {
        warmUpWorkerThreads(jobs: jobs)
        do {
            let files = try InputFiles.collect(paths)
            if files.isEmpty { throw fail("no .xml files found in \(paths.joined(separator: ", "))") }
            return files
        } catch let missing as InputFiles.Missing {
            throw fail(missing.description)
        }
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

    /// Writes a regular file through a temporary file in the same directory, then renames: never a
    /// half-written report. A device or pipe (`/dev/stdout`, `/dev/full`) is written in place, since
    /// renaming over it would replace the device itself.
    /// Writes `text` to a new file at `path` straight from the string's bytes (no copy into `Data`);
    /// returns why it could not, or nil.
    static func writeFile(_ text: String, to path: String) -> String? {
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard file >= 0 else { return String(cString: strerror(errno)) }
        var text = text
        let failure: String? = text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(file, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
        if close(file) != 0 && failure == nil { return String(cString: strerror(errno)) }
        return failure
    }

    static func writeAtomically(_ text: String, to path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            guard let handle = FileHandle(forWritingAtPath: path) else { throw fail("cannot write \(path)") }
            do {
                try handle.write(contentsOf: Data(text.utf8))
                try handle.close()
            } catch {
                throw fail("cannot write \(path): \(error.localizedDescription)")
            }
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        if let failure = writeFile(text, to: temporary.path) {
            try? FileManager.default.removeItem(at: temporary)
            throw fail("cannot write \(path): \(failure)")
        }
        // rename(2) replaces the target in one step: readers see the old file or the new one, never half.
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw fail("cannot write \(path): \(reason)")
        }
    }

    static func append(_ text: String, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() else { throw fail("cannot write \(path)") }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
    }

    /// Writes `files` into a new directory beside `path`, then swaps it in: readers see the old list or the
    /// new one, and a failure leaves the old one untouched.
    static func replaceDirectory(_ path: String, with files: [String: String]) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).new-\(pid)")
        let retired = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(pid)")
        let manager = FileManager.default
        do {
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw fail("cannot write \(path): \(error.localizedDescription); nothing changed")
        }
        // Each file on its own thread, from the string's own bytes: a list of tens of thousands of
        // rows is megabytes per format.
        let folder = staging.path
        let failures = files.keys.sorted().parallelMap { name -> String? in
            guard let text = files[name] else { return nil }
            return writeFile(text, to: folder + "/" + name)
        }
        if let failure = failures.lazy.compactMap({ $0 }).first {
            try? manager.removeItem(at: staging)
            throw fail("cannot write \(path): \(failure); nothing changed")
        }
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            try? manager.removeItem(at: staging)
            throw fail("\(path) exists and is not a directory; nothing changed")
        }
        if exists && rename(target.path, retired.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(at: staging)
            throw fail("cannot replace \(path): \(reason); nothing changed")
        }
        guard rename(staging.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(retired.path, target.path) }
            try? manager.removeItem(at: staging)
            throw fail("cannot replace \(path): \(reason); nothing changed")
        }
        if exists { try? manager.removeItem(at: retired) }
    }

    /// Ends the process with `status` once everything is written, without freeing what the run built:
    /// the determinations of a batch of tens of thousands of files take a noticeable part of a second to
    /// free on one thread, and the system takes the memory back at once. `exit` flushes standard output.
    static func exitWithoutTeardown(_ status: Int32) -> Never {
        exit(status)
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("opapm: \(message)\n".utf8))
    }

    /// Prints the message to standard error and exits with status 2.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("opapm: error: \(message)\n".utf8))
        return ExitCode(2)
    }
}
