import CLibXML2
import Foundation

/// Why a file could not be read at all (as opposed to read and found wanting, which is a diagnostic).
public struct XMLReadError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot read: \(reason)" }
}

/// Streams a document through libxml2's SAX parser with the XSD validator plugged in.
///
/// Hostile-input policy: no network, no DTD loading, no entity substitution, no XInclude,
/// any DOCTYPE refused, nesting depth and file size bounded. The file is fed in chunks, so memory
/// does not grow with the document; the handler decides what, if anything, to keep.
public struct SecureXMLParser: Sendable {
    public var schema: CompiledSchema?
    public var limits: XMLLimits

    /// Bytes handed to libxml2 per push; large enough to amortize calls, small enough to stay flat.
    static let chunkSize = 256 * 1024

    public init(schema: CompiledSchema?, limits: XMLLimits = XMLLimits()) {
        XMLLibrary.ensureInitialized()
        self.schema = schema
        self.limits = limits
    }

    /// Parses (and validates, when a schema is set) the regular file at `path`.
    /// - Returns: the diagnostics, in document order; empty when the file is well-formed and valid.
    /// - Throws: `XMLReadError` when the file cannot be opened or read, or is not a regular file.
    public func parse(fileAt path: String, handler: XMLEventHandler) throws(XMLReadError) -> [XMLDiagnostic] {
        // open, fstat and read: no stdio buffer, and one path lookup instead of two (stat, then fopen).
        // O_NONBLOCK: opening a FIFO would otherwise wait for a writer, forever; it is refused below.
        let file = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard file >= 0 else {
            throw XMLReadError(path: path, reason: Self.openFailureReason(path: path, errno: errno))
        }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0 else {
            throw XMLReadError(path: path, reason: String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw XMLReadError(path: path, reason: "is a directory")
        default: throw XMLReadError(path: path, reason: Self.notRegular)
        }
        if Int64(info.st_size) > limits.maxFileBytes {
            return [XMLDiagnostic(
                code: .tooLarge,
                message: "file is \(info.st_size) bytes, over the limit of \(limits.maxFileBytes) bytes",
                line: 0)]
        }
        return try parse(descriptor: file, path: path, sizeHint: Int64(info.st_size), limit: limits.maxFileBytes, handler: handler)
    }

    /// Parses a stream whose size is not known in advance (standard input): reading stops with an
    /// `XML004` diagnostic past `limits.maxStreamBytes`, so an endless pipe ends.
    public func parse(stream descriptor: Int32, name: String, handler: XMLEventHandler) throws(XMLReadError) -> [XMLDiagnostic] {
        try parse(descriptor: descriptor, path: name, sizeHint: nil, limit: min(limits.maxStreamBytes, limits.maxFileBytes), handler: handler)
    }

    /// Why a regular-file read refuses anything else: a pipe or device may never end, or never start.
    public static let notRegular = "is not a regular file (a pipe, device or socket); pass - to read standard input"

    /// open(2)'s reason, with the cases its own words mislead on said plainly.
    public static func openFailureReason(path: String, errno code: Int32) -> String {
        var info = stat()
        if code == ENOENT, lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            return "broken symbolic link (its target does not exist)"
        }
        if code == ENAMETOOLONG { return "path is longer than the system allows (PATH_MAX)" }
        return String(cString: strerror(code))
    }

    private func parse(descriptor file: Int32, path: String, sizeHint: Int64?, limit: Int64, handler: XMLEventHandler)
        throws(XMLReadError) -> [XMLDiagnostic]
    {
        // Sized to the file when it is small: zeroing a full chunk for each of 10,000 small files cost
        // more than a tenth of a batch check. One byte more than the size lets end of file show at once.
        let capacity = Int(min(Int64(Self.chunkSize), max((sizeHint ?? Int64(Self.chunkSize)) + 1, 4096)))
        var buffer = [UInt8](repeating: 0, count: capacity)
        let session = ParseSession(handler: handler, limits: limits, schema: schema, name: path)
        var total: Int64 = 0
        var readFailure: String?
        var lineEnds = LineEnds()
        session.run { feed in
            while true {
                let got = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress, capacity) }
                if got < 0 {
                    if errno == EINTR { continue }
                    readFailure = String(cString: strerror(errno))
                    return
                }
                if got == 0 { return }
                total += Int64(got)
                let count = buffer.withUnsafeMutableBufferPointer { lineEnds.normalize($0, count: got) }
                if total > limit {
                    if sizeHint == nil {
                        session.halt(.tooLarge, "standard input passed the limit of \(limit) bytes (--max-stream-size)", line: 0)
                    } else {
                        // The file grew while being read: refuse rather than read without bound.
                        session.halt(.tooLarge, "file grew past the limit of \(limit) bytes while read", line: 0)
                    }
                    return
                }
                if !buffer.withUnsafeBytes({ feed(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }) { return }
            }
        }
        if let readFailure { throw XMLReadError(path: path, reason: readFailure) }
        return session.finish(emptyInput: total == 0)
    }

    /// Parses an in-memory document; `name` is used in libxml2's own messages.
    public func parse(bytes: some Collection<UInt8>, name: String = "(memory)", handler: XMLEventHandler) -> [XMLDiagnostic] {
        var data = Array(bytes)
        if data.count > limits.maxFileBytes {
            return [XMLDiagnostic(
                code: .tooLarge, message: "document is \(data.count) bytes, over the limit of \(limits.maxFileBytes) bytes",
                line: 0)]
        }
        let session = ParseSession(handler: handler, limits: limits, schema: schema, name: name)
        var lineEnds = LineEnds()
        data.removeLast(data.count - data.withUnsafeMutableBufferPointer { lineEnds.normalize($0, count: $0.count) })
        session.run { feed in
            var start = 0
            while start < data.count {
                let end = min(start + Self.chunkSize, data.count)
                let ok = data.withUnsafeBytes { feed(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
                if !ok { return }
                start = end
            }
        }
        return session.finish(emptyInput: data.isEmpty)
    }
}
