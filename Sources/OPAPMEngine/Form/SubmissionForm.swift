import Foundation
import OPAPMXML

/// The JSON form of a submission, what the workbench's page sends and `opapm convert` writes: each
/// element an object of its attributes, its text (`value`) and its child elements, by name; an element
/// with only text is a string; an element that may repeat is a list. Every value is a string exactly
/// as the XML writes it (`"10000000.00"`, `"true"`), so amounts stay exact. The mapping is
/// `SubmissionShape`'s, read from the schema: nothing here names an element.
public indirect enum FormValue: Sendable, Hashable {
    case text(String)
    /// `true` or `false` sent as a JSON boolean: taken only where the XML has a boolean.
    case boolean(Bool)
    case list([FormValue])
    case object([FormField])

    /// Blank all the way down: a form field left empty, which means "not given".
    public var isBlank: Bool {
        switch self {
        case .text(let text): text.allSatisfy(\.isWhitespace)
        case .boolean: false
        case .list(let items): items.allSatisfy(\.isBlank)
        case .object(let fields): fields.allSatisfy(\.value.isBlank)
        }
    }

    /// The text of a string, or of a boolean as XML writes it.
    public var text: String? {
        switch self {
        case .text(let text): text
        case .boolean(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    public subscript(_ name: String) -> FormValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.name == name }?.value
    }
}

public struct FormField: Sendable, Hashable {
    public var name: String
    public var value: FormValue
    public init(_ name: String, _ value: FormValue) {
        self.name = name
        self.value = value
    }
}

extension FormValue: Codable {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Strings, lists and objects; `true` and `false` are taken as the strings they are in XML. A JSON
    /// number is refused: read as a binary fraction, 0.1 or a 20-digit amount would not stay exact.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if let text = try? single.decode(String.self) {
                self = .text(text)
                return
            }
            if let flag = try? single.decode(Bool.self) {
                self = .boolean(flag)
                return
            }
            if (try? single.decode(Double.self)) != nil {
                throw DecodingError.typeMismatch(String.self, DecodingError.Context(codingPath: decoder.codingPath,
                    debugDescription: "a number is written as a string (\"40\", \"10000000.00\") so that it stays exact"))
            }
            if single.decodeNil() {
                throw DecodingError.typeMismatch(String.self, DecodingError.Context(codingPath: decoder.codingPath,
                    debugDescription: "a field not given is left out or blank (\"\"), not null"))
            }
        }
        if var items = try? decoder.unkeyedContainer() {
            var values: [FormValue] = []
            while !items.isAtEnd { values.append(try items.decode(FormValue.self)) }
            self = .list(values)
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        // The order of a JSON object's keys carries no meaning; the schema orders the document.
        self = .object(try container.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
            FormField($0.stringValue, try container.decode(FormValue.self, forKey: $0))
        })
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .boolean(let flag):
            var single = encoder.singleValueContainer()
            try single.encode(flag)
        case .list(let items):
            var list = encoder.unkeyedContainer()
            for item in items { try list.encode(item) }
        case .object(let fields):
            var container = encoder.container(keyedBy: Key.self)
            for field in fields { try container.encode(field.value, forKey: Key(stringValue: field.name)) }
        }
    }
}

/// Why a form could not be written as XML, naming the field as the form does
/// (`arrangement.financialRisk.lossSharing.band[0].ratePercent`).
public struct FormError: Error, Sendable, CustomStringConvertible {
    public var field: String
    public var reason: String
    public var description: String { field.isEmpty ? reason : "\(field): \(reason)" }
}

/// A document that is not schema-valid has no form; these say why.
public struct InvalidDocument: Error, Sendable {
    public var diagnostics: [XMLDiagnostic]
}

/// Converts between a submission's XML and its JSON form, both ways, by the schema's shape.
public struct SubmissionForm: Sendable {
    /// The key of an element's own text in its object.
    public static let textKey = "value"
    let document: SubmissionShape.Document

    public init() throws(SubmissionShape.Failure) {
        document = try SubmissionShape.submission.get()
    }

    public var shape: ElementShape { document.root }

    // MARK: XML to form

    /// The form of a schema-valid document; the loader's diagnostics when it is not valid. Roster
    /// entries are streamed past the tree and gathered per roster, so a long roster costs its form only.
    public func form(ofXML bytes: [UInt8], name: String, loader: SubmissionLoader) -> Result<FormValue, InvalidDocument> {
        let rosters = StreamedEntries()
        let builder = XMLTreeBuilder(streamed: [SubmissionLoader.rosterEntryName]) { name, attributes, _, parent in
            var fields: [FormField] = []
            for index in 0..<attributes.count {
                fields.append(FormField(attributes.name(at: index).string, .text(attributes.value(at: index).string)))
            }
            rosters.entries[parent, default: []].append(fields)
            return nil
        }
        let diagnostics = loader.parser.parse(bytes: bytes, name: name, handler: builder)
        guard diagnostics.isEmpty, let root = builder.root else { return .failure(InvalidDocument(diagnostics: diagnostics)) }
        return .success(value(of: root, shape: shape, rosters: rosters))
    }

    private final class StreamedEntries {
        var entries: [XMLElementNode: [[FormField]]] = [:]
    }

    private func value(of node: XMLElementNode, shape: ElementShape, rosters: StreamedEntries) -> FormValue {
        if shape.isPlainText { return .text(node.text) }
        var fields: [FormField] = []
        for attribute in shape.attributes {
            if let value = node.attribute(attribute.name) { fields.append(FormField(attribute.name, .text(value))) }
        }
        if shape.text != nil { fields.append(FormField(Self.textKey, .text(node.text))) }
        for child in shape.children {
            var values: [FormValue]
            if child.element.name == SubmissionLoader.rosterEntryName {
                values = (rosters.entries[node] ?? []).map { entry in
                    .object(child.element.attributes.compactMap { attribute in entry.first { $0.name == attribute.name } })
                }
            } else {
                values = node.children(child.element.name).map { value(of: $0, shape: child.element, rosters: rosters) }
            }
            guard !values.isEmpty else { continue }
            fields.append(FormField(child.element.name, child.repeats ? .list(values) : values[0]))
        }
        return .object(fields)
    }

    // MARK: Form to XML

    /// The document a form describes, in the schema's order. Blank fields are left out (an optional
    /// element not given); a field the schema does not have is refused, so a misspelt name is never
    /// dropped in silence. What is missing or malformed is the schema's to say, when the document is
    /// validated like any other file.
    public func xml(of form: FormValue) throws(FormError) -> [UInt8] {
        let writer: XMLDocumentWriter
        do {
            writer = try XMLDocumentWriter()
        } catch {
            throw FormError(field: "", reason: "\(error)")
        }
        try write(form, as: shape, field: "", into: writer, namespace: document.namespace)
        do {
            return try writer.finishBytes()
        } catch {
            throw FormError(field: "", reason: "\(error)")
        }
    }

    private func write(_ value: FormValue, as shape: ElementShape, field: String, into writer: XMLDocumentWriter, namespace: String? = nil)
        throws(FormError)
    {
        if shape.isPlainText {
            guard let text = value.text else { throw FormError(field: field, reason: "is a piece of text, written as a string") }
            writer.element(shape.name, text)
            return
        }
        guard case .object(let fields) = value else {
            throw FormError(field: field, reason: "is an object of \(Self.names(shape).joined(separator: ", "))")
        }
        let known = Set(Self.names(shape))
        if let unknown = fields.first(where: { !known.contains($0.name) }) {
            throw FormError(field: Self.join(field, unknown.name),
                reason: "is not part of \(shape.name) (it has \(Self.names(shape).joined(separator: ", ")))")
        }
        try Self.checkKinds(fields, of: shape, field: field)
        func given(_ name: String) -> FormValue? {
            fields.first { $0.name == name && !$0.value.isBlank }?.value
        }
        writer.start(shape.name)
        if let namespace { writer.attribute("xmlns", namespace) }
        for attribute in shape.attributes {
            if let text = given(attribute.name)?.text { writer.attribute(attribute.name, text) }
        }
        if shape.text != nil, let text = given(Self.textKey)?.text { writer.text(text) }
        for child in shape.children {
            guard let value = given(child.element.name) else { continue }
            let name = Self.join(field, child.element.name)
            if child.repeats, case .list(let items) = value {
                for (index, item) in items.enumerated() where !item.isBlank {
                    try write(item, as: child.element, field: "\(name)[\(index)]", into: writer)
                }
            } else {
                try write(value, as: child.element, field: name, into: writer)
            }
        }
        writer.end()
    }

    /// Each field is of its kind, blank or not: an attribute or text is a string, a repeating element a
    /// list, so that `{}` where a string belongs is refused, not taken for "not given".
    static func checkKinds(_ fields: [FormField], of shape: ElementShape, field: String) throws(FormError) {
        for item in fields {
            let name = join(field, item.name)
            if let value = shape.attributes.first(where: { $0.name == item.name })?.value ?? (item.name == textKey ? shape.text : nil) {
                try checkText(item.value, value, field: name)
            } else if let child = shape.child(item.name) {
                if child.repeats {
                    guard case .list(let items) = item.value else { throw FormError(field: name, reason: "may repeat, so it is a list") }
                    for (index, element) in items.enumerated() {
                        try checkKind(element, of: child.element, field: "\(name)[\(index)]")
                    }
                } else {
                    try checkKind(item.value, of: child.element, field: name)
                }
            }
        }
    }

    static func checkKind(_ value: FormValue, of shape: ElementShape, field: String) throws(FormError) {
        switch value {
        case .text, .boolean:
            guard shape.isPlainText, let text = shape.text else {
                throw FormError(field: field, reason: "is an object of \(names(shape).joined(separator: ", "))")
            }
            try checkText(value, text, field: field)
        case .list: throw FormError(field: field, reason: shape.isPlainText ? "is a piece of text, written as a string" : "is an object, not a list")
        case .object(let fields):
            guard !shape.isPlainText else { throw FormError(field: field, reason: "is a piece of text, written as a string") }
            let known = Set(names(shape))
            if let unknown = fields.first(where: { !known.contains($0.name) }) {
                throw FormError(field: join(field, unknown.name), reason: "is not part of \(shape.name) (it has \(names(shape).joined(separator: ", ")))")
            }
            try checkKinds(fields, of: shape, field: field)
        }
    }

    static func checkText(_ value: FormValue, _ shape: ValueShape, field: String) throws(FormError) {
        switch value {
        case .text: return
        case .boolean where shape.type == "xs:boolean": return
        case .boolean: throw FormError(field: field, reason: "is \(shape.type == "text" ? "text" : shape.type), written as a string, not true or false")
        default: throw FormError(field: field, reason: "is text, written as a string")
        }
    }

    static func names(_ shape: ElementShape) -> [String] {
        shape.attributes.map(\.name) + (shape.text != nil ? [textKey] : []) + shape.children.map(\.element.name)
    }

    static func join(_ parent: String, _ name: String) -> String { parent.isEmpty ? name : parent + "." + name }
}

extension SubmissionForm {
    /// The form field an element path names: `/submission/arrangement/lossSharing/band[2]` is
    /// `arrangement.lossSharing.band[1]` (lists count from 0, paths from 1). A path the shape does
    /// not know is given back as it is.
    public func field(forElementPath path: String) -> String {
        var segments = path.split(separator: "/").map(String.init)
        guard segments.first == shape.name else { return path }
        segments.removeFirst()
        var current = shape
        var field = ""
        for segment in segments {
            let name = String(segment.prefix { $0 != "[" })
            let position = Int(segment.dropFirst(name.count + 1).dropLast()) ?? 1
            guard let child = current.child(name) else { return path }
            field = Self.join(field, child.repeats ? "\(name)[\(position - 1)]" : name)
            current = child.element
        }
        return field
    }
}
