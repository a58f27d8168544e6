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

    /// Writes `text` to a new file at `path` straight from the string's bytes (no copy into `Data`);
    /// returns why it could not, or nil.
    static func writeFile(_ text: String, to path: String) -> String? {
        var text = text
        return text.withUTF8 { writeFile(UnsafeRawBufferPointer($0), to: path) }
    }

    /// The same, from bytes.
    static func writeFile(_ bytes: [UInt8], to path: String) -> String? {
        bytes.withUnsafeBytes { writeFile($0, to: path) }
    }

    private static func writeFile(_ bytes: UnsafeRawBufferPointer, to path: String) -> String? {
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard file >= 0 else { return String(cString: strerror(errno)) }
        var failure: String?
        var offset = 0
        while offset < bytes.count {
            let written = write(file, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                break
            }
            offset += written
        }
        if close(file) != 0 && failure == nil { return String(cString: strerror(errno)) }
        return failure
    }

    /// Writes a regular file through a temporary file in the same directory, then renames: never a
    /// half-written report. A device or pipe (`/dev/stdout`, `/dev/full`) is written in place, since
    /// renaming over it would replace the device itself.
    static func writeAtomically(_ text: String, to path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            if let failure = writeFile(text, to: path) { throw fail("cannot write \(path): \(failure)") }
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

    /// A directory's replacement being written beside it: files go into `staging`, then `swapIn`
    /// replaces the directory in one step, so readers see the old files or the new ones, and a
    /// failure (`discard`) leaves the old ones untouched.
    struct DirectoryReplacement: Sendable {
        let path: String
        let target: URL
        let staging: URL
        let retired: URL

        init(_ path: String) throws {
            self.path = path
            target = URL(fileURLWithPath: path).standardizedFileURL
            let parent = target.deletingLastPathComponent()
            let pid = ProcessInfo.processInfo.processIdentifier
            staging = parent.appendingPathComponent(".\(target.lastPathComponent).new-\(pid)")
            retired = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(pid)")
            do {
                try? FileManager.default.removeItem(at: staging)
                try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            } catch {
                throw fail("cannot write \(path): \(error.localizedDescription); nothing changed")
            }
        }

        /// Writes one file of the new directory; returns why it could not, or nil. Callable from any
        /// thread, one file per call.
        func write(_ bytes: [UInt8], named name: String) -> String? {
            writeFile(bytes, to: staging.path + "/" + name)
        }

        func discard() {
            try? FileManager.default.removeItem(at: staging)
        }

        func swapIn() throws {
            let manager = FileManager.default
            var isDirectory: ObjCBool = false
            let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
            if exists && !isDirectory.boolValue {
                discard()
                throw fail("\(path) exists and is not a directory; nothing changed")
            }
            if exists && rename(target.path, retired.path) != 0 {
                let reason = String(cString: strerror(errno))
                discard()
                throw fail("cannot replace \(path): \(reason); nothing changed")
            }
            guard rename(staging.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                if exists { _ = rename(retired.path, target.path) }
                discard()
                throw fail("cannot replace \(path): \(reason); nothing changed")
            }
            if exists { try? manager.removeItem(at: retired) }
        }
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
