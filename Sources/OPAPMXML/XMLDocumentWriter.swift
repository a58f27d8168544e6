import CLibXML2
import Foundation

/// Writes XML documents through libxml2's text writer, so escaping and encoding are libxml2's,
/// never hand-built strings. Elements are written in the order the calls come.
public final class XMLDocumentWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private var failed = false

    public struct Failure: Error, CustomStringConvertible {
        public var description: String { "libxml2 could not write the document" }
    }

    public init() throws {
        XMLLibrary.ensureInitialized()
        guard let buffer = xmlBufferCreate() else { throw Failure() }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw Failure()
        }
        self.buffer = buffer
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        check(xmlTextWriterSetIndentString(writer, "  "))
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    private func check(_ status: Int32) {
        if status < 0 { failed = true }
    }

    /// Opens an element with attributes (written in the order given).
    public func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        Self.withXMLChars(name) { check(xmlTextWriterStartElement(writer, $0)) }
        for (key, value) in attributes {
            attribute(key, value)
        }
    }

    public func attribute(_ name: String, _ value: String) {
        Self.withXMLChars(name) { name in
            Self.withXMLChars(value) { check(xmlTextWriterWriteAttribute(writer, name, $0)) }
        }
    }

    public func text(_ value: String) {
        Self.withXMLChars(value) { check(xmlTextWriterWriteString(writer, $0)) }
    }

    /// The string's own NUL-terminated UTF-8 bytes, lent to libxml2. Passing a `String` where C wants
    /// `xmlChar *` would copy it into a new array for every call: a list writes a dozen per row.
    /// Characters XML 1.0 cannot hold even escaped (C0 controls but tab, LF and CR; U+FFFE, U+FFFF)
    /// are written as their code, `<U+001B>`, so every document is well-formed whatever a file name holds.
    private static func withXMLChars<R>(_ string: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        let string = xmlSafe(string)
        return string.withCString { pointer in
            pointer.withMemoryRebound(to: xmlChar.self, capacity: string.utf8.count + 1, body)
        }
    }

    static func xmlSafe(_ string: String) -> String {
        func illegal(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE
                || scalar.value == 0xFFFF
        }
        guard string.utf8.contains(where: { $0 < 0x20 || $0 == 0xEF }), string.unicodeScalars.contains(where: illegal) else {
            return string
        }
        var out = ""
        for scalar in string.unicodeScalars {
            if illegal(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public func end() {
        check(xmlTextWriterEndElement(writer))
    }

    /// An element holding only text.
    public func element(_ name: String, _ value: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        guard attributes.isEmpty else {
            start(name, attributes)
            text(value)
            end()
            return
        }
        // One call for start tag, text and end tag: a list writes some ten elements per row.
        Self.withXMLChars(name) { name in
            Self.withXMLChars(value) { check(xmlTextWriterWriteElement(writer, name, $0)) }
        }
    }

    /// Closes every open element and returns the document.
    public func finish() throws -> String {
        String(decoding: try finishedContent(), as: UTF8.self)
    }

    /// Closes every open element and returns the document's UTF-8 bytes, for a file: a list of ten
    /// thousand rows is megabytes that a `String` would copy and check once more.
    public func finishBytes() throws -> [UInt8] {
        [UInt8](try finishedContent())
    }

    /// The finished document in libxml2's buffer, valid while the writer lives.
    private func finishedContent() throws -> UnsafeBufferPointer<UInt8> {
        check(xmlTextWriterEndDocument(writer))
        check(xmlTextWriterFlush(writer))
        guard !failed, let content = xmlBufferContent(buffer) else { throw Failure() }
        return UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer)))
    }
}
