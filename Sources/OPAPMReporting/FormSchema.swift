import Foundation
import OPAPMCore

/// The JSON Schema of a submission's JSON form, made from the same shape the form is converted by, so
/// that the API document (`components.schemas.SubmissionForm` in schemas/openapi.json, held to this by
/// a test) says exactly what the converter takes: each element's fields and no others, lists where
/// the element repeats, a boolean where the XML has one. A blank string is always allowed: it means
/// "not given". What the XML schema checks beyond that (choices, patterns, required elements, how many) is
/// reported by validation as for XML, and so are counts (`maxItems` is not stated), so a form and its XML are judged alike; the choices are in
/// `GET /api/form/shape` for a page's menus.
public indirect enum FormSchema: Encodable, Equatable {
    case text(boolean: Bool)
    case list(FormSchema)
    case object([(String, FormSchema)])

    public static func == (lhs: FormSchema, rhs: FormSchema) -> Bool {
        switch (lhs, rhs) {
        case let (.text(a), .text(b)): a == b
        case let (.list(a), .list(b)): a == b
        case let (.object(a), .object(b)): a.map(\.0) == b.map(\.0) && zip(a, b).allSatisfy { $0.1 == $1.1 }
        default: false
        }
    }

    public static func of(_ shape: ElementShape) -> FormSchema {
        if shape.isPlainText { return text(shape.text) }
        var fields: [(String, FormSchema)] = shape.attributes.map { ($0.name, text($0.value)) }
        if let value = shape.text { fields.append((SubmissionForm.textKey, text(value))) }
        for child in shape.children {
            let element = of(child.element)
            fields.append((child.element.name, child.repeats ? .list(element) : element))
        }
        return .object(fields)
    }

    static func text(_ value: ValueShape?) -> FormSchema {
        .text(boolean: value?.type == "xs:boolean")
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .text(let boolean):
            if boolean {
                try container.encode([TextOnly(type: "string"), TextOnly(type: "boolean")], forKey: Key("anyOf"))
            } else {
                try container.encode("string", forKey: Key("type"))
            }
        case .list(let item):
            try container.encode("array", forKey: Key("type"))
            try container.encode(item, forKey: Key("items"))
        case .object(let fields):
            try container.encode("object", forKey: Key("type"))
            try container.encode(false, forKey: Key("additionalProperties"))
            var properties = container.nestedContainer(keyedBy: Key.self, forKey: Key("properties"))
            for (name, schema) in fields { try properties.encode(schema, forKey: Key(name)) }
        }
    }

    private struct TextOnly: Encodable {
        var type: String
    }
}
