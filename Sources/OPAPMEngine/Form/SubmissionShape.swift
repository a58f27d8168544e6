import Foundation
import OPAPMXML

/// The shape of a submission document (which elements, attributes and text each element holds, in
/// which order, how many times), read from the embedded schema itself, so that the JSON form of a
/// submission and its mapping to XML are defined once, by `schemas/submission.xsd`, and follow it when
/// it changes.
public final class ElementShape: Sendable, Encodable {
    public let name: String
    /// What the element's text is (`Money`, `xs:date`, a list of choices…); nil when it holds no text.
    public let text: ValueShape?
    public let attributes: [AttributeShape]
    /// Child elements, in the order the schema's sequence writes them.
    public let children: [ChildShape]

    init(name: String, text: ValueShape?, attributes: [AttributeShape], children: [ChildShape]) {
        self.name = name
        self.text = text
        self.attributes = attributes
        self.children = children
    }

    /// An element with text and nothing else: its form value is a string.
    public var isPlainText: Bool { attributes.isEmpty && children.isEmpty }

    public func child(_ name: String) -> ChildShape? { children.first { $0.element.name == name } }
}

public struct ChildShape: Sendable, Encodable {
    public let element: ElementShape
    public let required: Bool
    /// More than one may be given: its form value is always a list.
    public let repeats: Bool
    /// The most that may be given; nil: no bound.
    public let maximum: Int?
}

public struct AttributeShape: Sendable, Encodable {
    public let name: String
    public let value: ValueShape
    public let required: Bool
    /// The schema's default, as written when the attribute is absent.
    public let defaultValue: String?
}

/// What a piece of text may be: the schema's type name, and its choices when it lists them.
public struct ValueShape: Sendable, Encodable {
    public let type: String
    public let choices: [String]
}

/// Reads `ElementShape`s from an XSD. The schema uses named and anonymous complex types with
/// sequences, attributes and simple content (extensions of simple or simple-content types), and
/// simple types restricting others; that is what is read. A construct outside it is an error in the
/// schema, found by the tests, not at a user's run.
public enum SubmissionShape {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The document element and its namespace.
    public struct Document: Sendable {
        public let namespace: String
        public let root: ElementShape
    }

    /// The `submission` element of the embedded schema, read once per process.
    public static let submission: Result<Document, Failure> = Result { () throws(Failure) -> Document in
        try read(schema: EmbeddedSchemas.submission, root: "submission")
    }

    static func read(schema text: String, root: String) throws(Failure) -> Document {
        let builder = XMLTreeBuilder()
        let diagnostics = SecureXMLParser(schema: nil).parse(bytes: Array(text.utf8), name: "submission.xsd", handler: builder)
        guard diagnostics.isEmpty, let schema = builder.root else { throw Failure(description: "the schema is not well-formed") }
        let reader = Reader(schema: schema)
        guard let element = schema.children("element").first(where: { $0.attribute("name") == root }) else {
            throw Failure(description: "the schema declares no element \(root)")
        }
        return Document(namespace: schema.attribute("targetNamespace") ?? "", root: try reader.element(element))
    }

    private struct Reader {
        let complexTypes: [String: XMLElementNode]
        let simpleTypes: [String: XMLElementNode]

        init(schema: XMLElementNode) {
            var complex: [String: XMLElementNode] = [:]
            var simple: [String: XMLElementNode] = [:]
            for child in schema.children {
                guard let name = child.attribute("name") else { continue }
                if child.name == "complexType" { complex[name] = child }
                if child.name == "simpleType" { simple[name] = child }
            }
            complexTypes = complex
            simpleTypes = simple
        }

        func element(_ declaration: XMLElementNode) throws(Failure) -> ElementShape {
            guard let name = declaration.attribute("name") else { throw Failure(description: "an element without a name") }
            if let typeName = declaration.attribute("type") {
                if let complex = complexTypes[typeName] { return try complexElement(name, complex) }
                return ElementShape(name: name, text: try value(named: typeName), attributes: [], children: [])
            }
            if let complex = declaration.child("complexType") { return try complexElement(name, complex) }
            if let simple = declaration.child("simpleType") {
                return ElementShape(name: name, text: try value(simple, typeName: "text"), attributes: [], children: [])
            }
            return ElementShape(name: name, text: ValueShape(type: "xs:string", choices: []), attributes: [], children: [])
        }

        func complexElement(_ name: String, _ type: XMLElementNode) throws(Failure) -> ElementShape {
            let (text, attributes, children) = try content(type)
            return ElementShape(name: name, text: text, attributes: attributes, children: children)
        }

        /// A complex type's text, attributes and children.
        func content(_ type: XMLElementNode) throws(Failure) -> (ValueShape?, [AttributeShape], [ChildShape]) {
            var attributes = try type.children("attribute").map { node throws(Failure) in try attribute(node) }
            if let extensionNode = type.child("simpleContent")?.child("extension") {
                guard let base = extensionNode.attribute("base") else { throw Failure(description: "an extension without a base") }
                var text: ValueShape
                if let complex = complexTypes[base] {
                    let (baseText, baseAttributes, _) = try content(complex)
                    guard let baseText else { throw Failure(description: "simple content on \(base), which has no text") }
                    text = baseText
                    attributes = baseAttributes + attributes
                } else {
                    text = try value(named: base)
                }
                attributes += try extensionNode.children("attribute").map { node throws(Failure) in try attribute(node) }
                return (text, attributes, [])
            }
            var children: [ChildShape] = []
            if let sequence = type.child("sequence") {
                for node in sequence.children {
                    guard node.name == "element" else { throw Failure(description: "\(node.name) in a sequence is not read") }
                    let maximum = node.attribute("maxOccurs").map { $0 == "unbounded" ? nil : Int($0) } ?? 1
                    children.append(ChildShape(
                        element: try element(node), required: node.attribute("minOccurs") != "0",
                        repeats: maximum.map { $0 > 1 } ?? true, maximum: maximum))
                }
            }
            return (nil, attributes, children)
        }

        func attribute(_ node: XMLElementNode) throws(Failure) -> AttributeShape {
            guard let name = node.attribute("name") else { throw Failure(description: "an attribute without a name") }
            let value: ValueShape
            if let typeName = node.attribute("type") {
                value = try self.value(named: typeName)
            } else if let simple = node.child("simpleType") {
                value = try self.value(simple, typeName: "text")
            } else {
                value = ValueShape(type: "xs:string", choices: [])
            }
            return AttributeShape(name: name, value: value, required: node.attribute("use") == "required", defaultValue: node.attribute("default"))
        }

        func value(named typeName: String) throws(Failure) -> ValueShape {
            if let simple = simpleTypes[typeName] { return try value(simple, typeName: typeName) }
            guard typeName.hasPrefix("xs:") else { throw Failure(description: "the type \(typeName) is not declared") }
            return ValueShape(type: typeName, choices: typeName == "xs:boolean" ? ["true", "false"] : [])
        }

        /// A simple type's choices are its enumeration; a type without one takes its base's name when
        /// the base is a built-in, so the form knows a date or a boolean.
        func value(_ simple: XMLElementNode, typeName: String) throws(Failure) -> ValueShape {
            let restriction = simple.child("restriction")
            let choices = restriction?.children("enumeration").compactMap { $0.attribute("value") } ?? []
            if choices.isEmpty, let base = restriction?.attribute("base"), base.hasPrefix("xs:"), typeName == "text" {
                return ValueShape(type: base, choices: base == "xs:boolean" ? ["true", "false"] : [])
            }
            return ValueShape(type: typeName, choices: choices)
        }
    }
}
