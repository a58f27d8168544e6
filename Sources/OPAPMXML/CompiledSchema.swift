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
        // libxml2 reads the buffer during xmlSchemaParse without copying it, so the whole parse
        // happens while the bytes are pinned.
        let schema: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer -> xmlSchemaPtr? in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars -> xmlSchemaPtr? in
                guard let context = xmlSchemaNewMemParserCtxt(chars, Int32(buffer.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(context) }
                xmlSchemaSetParserStructuredErrors(context, { userData, error in
                    guard let userData, let error else { return }
                    Unmanaged<MessageCollector>.fromOpaque(userData).takeUnretainedValue()
                        .messages.append(XMLLibrary.message(of: error))
                }, Unmanaged.passUnretained(collector).toOpaque())
                return xmlSchemaParse(context)
            }
        }
        guard let schema else {
            throw Failure.invalidSchema(collector.messages.isEmpty ? ["cannot parse the schema"] : collector.messages)
        }
        withExtendedLifetime(collector) {}
        pointer = schema
    }

    deinit {
        xmlSchemaFree(pointer)
    }
}

private final class MessageCollector {
    var messages: [String] = []
}
