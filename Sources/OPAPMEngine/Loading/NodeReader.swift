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

    var decimalValue: Exact? { Self.decimal(node.text) }
    var boolValue: Bool? { Self.bool(node.text) }

    func decimal(_ name: String) throws(LoadError) -> Located<Exact> {
        let child = try element(name)
        guard let value = child.decimalValue else { throw LoadError.badValue(child.node.text, at: child.node) }
        return Located(value, at: child.location)
    }

    func optionalDecimal(_ name: String) throws(LoadError) -> Located<Exact>? {
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

    package func decimalAttribute(_ name: String) throws(LoadError) -> Exact? {
        guard let raw = node.attribute(name) else { return nil }
        guard let value = Self.decimal(raw) else { throw LoadError.badValue(raw, at: node) }
        return value
    }

    package func date(_ name: String) throws(LoadError) -> Located<CalendarDate> {
        let child = try element(name)
        guard let value = CalendarDate(iso: child.node.text) else { throw LoadError.badValue(child.node.text, at: child.node) }
        return Located(value, at: child.location)
    }

    /// A plain decimal (optional sign, digits, optional fraction; no exponent), read exactly.
    package static func decimal(_ text: String) -> Exact? {
        // Attribute values keep XML white space (xs:decimal collapses it); element text is already trimmed.
        Exact(decimalText: XMLTreeBuilder.trimmed(text))
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
