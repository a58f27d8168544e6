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

    /// Parses (and validates, when a schema is set) the file at `path`.
    /// - Returns: the diagnostics, in document order; empty when the file is well-formed and valid.
    /// - Throws: `XMLReadError` when the file cannot be opened or read.
    public func parse(fileAt path: String, handler: XMLEventHandler) throws(XMLReadError) -> [XMLDiagnostic] {
        // open, fstat and read: no stdio buffer, and one path lookup instead of two (stat, then fopen).
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else {
            throw XMLReadError(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0 else {
            throw XMLReadError(path: path, reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw XMLReadError(path: path, reason: "is a directory")
        }
        if Int64(info.st_size) > limits.maxFileBytes {
            return [XMLDiagnostic(
                code: .tooLarge,
                message: "file is \(info.st_size) bytes, over the limit of \(limits.maxFileBytes) bytes",
                line: 0)]
        }
        // Sized to the file when it is small: zeroing a full chunk for each of 10,000 small files cost
        // more than a tenth of a batch check. One byte more than the size lets end of file show at once.
        let capacity = Int(min(Int64(Self.chunkSize), max(Int64(info.st_size) + 1, 4096)))
        var buffer = [UInt8](repeating: 0, count: capacity)
        let session = ParseSession(handler: handler, limits: limits, schema: schema, name: path)
        var total: Int64 = 0
        var readFailure: String?
        session.run { feed in
            while true {
                let count = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress, capacity) }
                if count < 0 {
                    if errno == EINTR { continue }
                    readFailure = String(cString: strerror(errno))
                    return
                }
                if count == 0 { return }
                total += Int64(count)
                if total > limits.maxFileBytes {
                    // The file grew while being read: refuse rather than read without bound.
                    session.report(.tooLarge, "file grew past the limit of \(limits.maxFileBytes) bytes while read", line: 0)
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
        let data = Array(bytes)
        if data.count > limits.maxFileBytes {
            return [XMLDiagnostic(
                code: .tooLarge, message: "document is \(data.count) bytes, over the limit of \(limits.maxFileBytes) bytes",
                line: 0)]
        }
        let session = ParseSession(handler: handler, limits: limits, schema: schema, name: name)
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
