import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules
import OPAPMXML

/// Reads typed values out of a schema-valid element tree. The schema has already enforced
/// presence and lexical form; a miss here means the schema and the loader disagree, reported as
/// `LoadError` rather than a crash.
package struct NodeReader {
    package let node: XMLElementNode

    package init(node: XMLElementNode) {
        self.node = node
    }

    var location: SourceLocation {
        SourceLocation(line: node.location.line, column: node.location.column, element: node.deferredPath)
    }

    package func element(_ name: String) throws(LoadError) -> NodeReader {
        guard let child = node.child(name) else { throw LoadError.missing(name, in: node) }
        return NodeReader(node: child)
    }

    package func optionalElement(_ name: String) -> NodeReader? {
        node.child(name).map(NodeReader.init)
    }

    package func elements(_ name: String) -> [NodeReader] {
        node.children(name).map(NodeReader.init)
    }

    package func text(_ name: String) throws(LoadError) -> String {
        try element(name).node.text
    }

    package func optionalText(_ name: String) -> String? {
        node.child(name)?.text
    }

    package func attribute(_ name: String) throws(LoadError) -> String {
        guard let value = node.attribute(name) else { throw LoadError.missing("@" + name, in: node) }
        return value
    }

    func code<T: RawRepresentable>(_ name: String, as type: T.Type) throws(LoadError) -> T where T.RawValue == String {
        let child = try element(name)
        guard let value = T(rawValue: child.node.text) else { throw LoadError.badValue(child.node.text, at: child.node) }
        return value
    }

    package func attributeCode<T: RawRepresentable>(_ name: String, as type: T.Type, default fallback: T? = nil)
        throws(LoadError) -> T where T.RawValue == String
    {
        guard let raw = node.attribute(name) else {
            if let fallback { return fallback }
            throw LoadError.missing("@" + name, in: node)
        }
        guard let value = T(rawValue: raw) else { throw LoadError.badValue(raw, at: node) }
        return value
    }

    var decimalValue: Decimal? { Self.decimal(node.text) }
    var boolValue: Bool? { Self.bool(node.text) }

    func decimal(_ name: String) throws(LoadError) -> Located<Decimal> {
        let child = try element(name)
        guard let value = child.decimalValue else { throw LoadError.badValue(child.node.text, at: child.node) }
        return Located(value, at: child.location)
    }

    func optionalDecimal(_ name: String) throws(LoadError) -> Located<Decimal>? {
        guard optionalElement(name) != nil else { return nil }
        return try decimal(name)
    }

    func integer(_ name: String) throws(LoadError) -> Located<Int> {
        let child = try element(name)
        guard let value = Int(child.node.text) else { throw LoadError.badValue(child.node.text, at: child.node) }
        return Located(value, at: child.location)
    }

    func bool(_ name: String) throws(LoadError) -> Located<Bool> {
        let child = try element(name)
        guard let value = child.boolValue else { throw LoadError.badValue(child.node.text, at: child.node) }
        return Located(value, at: child.location)
    }

    package func boolAttribute(_ name: String, default fallback: Bool) throws(LoadError) -> Bool {
        guard let raw = node.attribute(name) else { return fallback }
        guard let value = Self.bool(raw) else { throw LoadError.badValue(raw, at: node) }
        return value
    }

    package func decimalAttribute(_ name: String) throws(LoadError) -> Decimal? {
        guard let raw = node.attribute(name) else { return nil }
        guard let value = Self.decimal(raw) else { throw LoadError.badValue(raw, at: node) }
        return value
    }

    package func date(_ name: String) throws(LoadError) -> Located<CalendarDate> {
        let child = try element(name)
        guard let value = CalendarDate(iso: child.node.text) else { throw LoadError.badValue(child.node.text, at: child.node) }
        return Located(value, at: child.location)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// A plain decimal (optional sign, digits, optional fraction; no exponent), converted exactly.
    /// Up to 19 digits are read straight into the significand: `Decimal(string:)` costs more than the
    /// rest of loading a submission. Longer numbers go through it.
    package static func decimal(_ text: String) -> Decimal? {
        // Attribute values keep XML white space (xs:decimal collapses it); element text is already trimmed.
        let trimmed = XMLTreeBuilder.trimmed(text)
        var bytes = trimmed.utf8[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var significand: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            digits += 1
            if seenPoint { fractionDigits += 1 }
            if digits <= 19 { significand = significand * 10 + UInt64(byte - UInt8(ascii: "0")) }
        }
        guard digits > 0 else { return nil }
        guard digits <= 19 else { return Decimal(string: trimmed, locale: posix) }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(significand))
    }

    static func bool(_ text: String) -> Bool? {
        switch XMLTreeBuilder.trimmed(text) {
        case "true", "1": return true
        case "false", "0": return false
        default: return nil
        }
    }
}

/// The tree passed the schema but could not be read into the model (a schema/loader mismatch).
public struct LoadError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation
    public var description: String { message }

    package static func missing(_ name: String, in node: XMLElementNode) -> LoadError {
        LoadError(message: "missing \(name) in \(node.name)",
            location: SourceLocation(line: node.location.line, element: node.deferredPath))
    }

    static func badValue(_ value: String, at node: XMLElementNode) -> LoadError {
        LoadError(message: "unexpected value '\(value)' in \(node.name)",
            location: SourceLocation(line: node.location.line, element: node.deferredPath))
    }
}
