import CLibXML2
import Foundation

/// An XSD compiled once and shared, read-only, by every parse in the process.
public final class CompiledSchema: @unchecked Sendable {
    // Safe to share: libxml2 never mutates a compiled schema during validation, and each
    // validation gets its own xmlSchemaValidCtxt.
    let pointer: xmlSchemaPtr

    public enum Failure: Error, CustomStringConvertible {
        case invalidSchema([String])
        public var description: String {
            switch self {
            case .invalidSchema(let messages): return "invalid schema: " + messages.joined(separator: "; ")
            }
        }
    }

    /// Compiles schema text. No network access: the schema must be self-contained.
    public init(text: String) throws {
        XMLLibrary.ensureInitialized()
        let collector = MessageCollector()
        let bytes = Array(text.utf8)
        let context: xmlSchemaParserCtxtPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlSchemaNewMemParserCtxt($0, Int32(buffer.count))
            }
        }
        guard let context else { throw Failure.invalidSchema(["cannot create schema parser"]) }
        defer { xmlSchemaFreeParserCtxt(context) }
        let unmanaged = Unmanaged.passUnretained(collector)
        xmlSchemaSetParserStructuredErrors(context, { userData, error in
            guard let userData, let error else { return }
            Unmanaged<MessageCollector>.fromOpaque(userData).takeUnretainedValue()
                .messages.append(XMLLibrary.message(of: error))
        }, unmanaged.toOpaque())
        guard let schema = xmlSchemaParse(context) else {
            throw Failure.invalidSchema(collector.messages)
        }
        pointer = schema
    }

    deinit {
        xmlSchemaFree(pointer)
    }
}

private final class MessageCollector {
    var messages: [String] = []
}
