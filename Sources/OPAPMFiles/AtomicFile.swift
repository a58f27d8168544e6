import Foundation
import OPAPMModel

/// Why a file could not be written; the message names the path and the system's reason.
public struct WriteFailure: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Writing files so that a reader never sees half of one.
public enum AtomicFile {
    /// Writes `bytes` to a new file at `path`, replacing one there; returns why it could not, or nil.
    public static func write(_ bytes: UnsafeRawBufferPointer, toNewFile path: String, exclusive: Bool = false) -> String? {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC)
        let file = open(path, flags, 0o644)
        guard file >= 0 else { return String(cString: strerror(errno)) }
        let failure = writeAll(bytes, to: file)
        if close(file) != 0 && failure == nil { return String(cString: strerror(errno)) }
        return failure
    }

    /// Writes every byte to the open file, retrying interrupted and short writes; why not, or nil.
    package static func writeAll(_ bytes: UnsafeRawBufferPointer, to file: Int32) -> String? {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = Foundation.write(file, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }

    public static func write(_ bytes: [UInt8], toNewFile path: String, exclusive: Bool = false) -> String? {
        bytes.withUnsafeBytes { write($0, toNewFile: path, exclusive: exclusive) }
    }

    /// Writes a new file at `path` whole or not at all, never replacing one: through a temporary file
    /// beside it, then a hard link, which fails if a file of that name appeared meanwhile. Returns why
    /// it could not (`File exists` for one already there), or nil.
    public static func create(_ path: String, with bytes: [UInt8]) -> String? {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        if let failure = write(bytes, toNewFile: temporary, exclusive: true) {
            if failure != String(cString: strerror(EEXIST)) { unlink(temporary) }
            return failure
        }
        let linked = link(temporary, path)
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        return linked == 0 ? nil : reason
    }

    /// Writes a regular file through a temporary file in the same directory, then renames: never a
    /// half-written report. A device or pipe (`/dev/stdout`, `/dev/full`) is written in place, since
    /// renaming over it would replace the device itself; a directory is refused.
    public static func replace(_ path: String, with text: String) throws(WriteFailure) {
        var text = text
        let result: Result<Void, WriteFailure> = text.withUTF8 { bytes in
            Result { () throws(WriteFailure) in try replace(path, with: UnsafeRawBufferPointer(bytes)) }
        }
        try result.get()
    }

    public static func replace(_ path: String, with bytes: UnsafeRawBufferPointer) throws(WriteFailure) {
        let shown = DisplayText.safe(path)
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            if (info.st_mode & S_IFMT) == S_IFDIR { throw WriteFailure("cannot write \(shown): is a directory") }
            if let failure = write(bytes, toNewFile: path) { throw WriteFailure("cannot write \(shown): \(failure)") }
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        // Exclusive: a file of that name that is not ours is never truncated.
        if let failure = write(bytes, toNewFile: temporary, exclusive: true) {
            if failure != String(cString: strerror(EEXIST)) { unlink(temporary) }
            throw WriteFailure("cannot write \(shown): \(failure)")
        }
        // rename(2) replaces the target in one step: readers see the old file or the new one, never half.
        guard rename(temporary, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteFailure("cannot write \(shown): \(reason)")
        }
    }

    /// A file written in parts and put in place whole at the end: into a temporary file beside `path`,
    /// renamed over it by `commit`. A device or pipe (`/dev/stdout`) is written straight through.
    public final class Writer {
        let path: String
        private let temporary: String?
        private var descriptor: Int32
        private var failure: String?

        public init(_ path: String) throws(WriteFailure) {
            self.path = path
            var info = stat()
            if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
                if (info.st_mode & S_IFMT) == S_IFDIR { throw WriteFailure("cannot write \(DisplayText.safe(path)): is a directory") }
                temporary = nil
                descriptor = open(path, O_WRONLY | O_CLOEXEC)
            } else {
                let url = URL(fileURLWithPath: path)
                let name = ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)"
                let temporary = url.deletingLastPathComponent().appendingPathComponent(name).path
                self.temporary = temporary
                descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            }
            if descriptor < 0 { throw WriteFailure("cannot write \(DisplayText.safe(path)): \(String(cString: strerror(errno)))") }
        }

        deinit {
            if descriptor >= 0 { discard() }
        }

        /// Appends `text`; a failure is kept and reported by `commit`.
        public func write(_ text: String) {
            guard failure == nil else { return }
            var text = text
            failure = text.withUTF8 { AtomicFile.writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
        }

        /// Puts the file in place, or removes the temporary file and says why it could not.
        public func commit() throws(WriteFailure) {
            let closed = close(descriptor) == 0
            descriptor = -1
            if failure == nil && !closed { failure = String(cString: strerror(errno)) }
            if let failure {
                if let temporary { unlink(temporary) }
                throw WriteFailure("cannot write \(DisplayText.safe(path)): \(failure)")
            }
            if let temporary, rename(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw WriteFailure("cannot write \(DisplayText.safe(path)): \(reason)")
            }
        }

        public func discard() {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
            if let temporary { unlink(temporary) }
        }
    }
}
