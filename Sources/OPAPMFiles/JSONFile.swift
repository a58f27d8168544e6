import Foundation
import OPAPMModel

/// Decodes a JSON side file (an approved list, a previous list, a measure catalogue) with messages a
/// person can act on: which field, what was expected, where the syntax broke. Never Swift's own
/// `DecodingError` text.
public enum JSONFile {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Largest side file read: CMS's measures-data.json is about 3 MB and a list of 10,000 rows 5 MB.
    public static let maxBytes = 256 * 1024 * 1024

    /// `what` names the kind of file in messages ("an approved list").
    public static func decode<T: Decodable>(_ type: T.Type, path: String, what: String) throws(Failure) -> T {
        let data: Data
        switch BoundedFile.read(path, limit: maxBytes) {
        case .success(let read): data = read
        case .failure(let refusal): throw Failure(description: refusal.description)
        }
        return try decode(type, from: data, what: what)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String) throws(Failure) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw Failure(description: explain(error, data: data, what: what))
        } catch {
            throw Failure(description: "cannot be read as \(what)")
        }
    }

    static func explain(_ error: DecodingError, data: Data, what: String) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "not \(what): field \(path(context.codingPath + [key])) is missing"
        case .valueNotFound(let expected, let context):
            return "not \(what): field \(path(context.codingPath)) is null; expected \(describe(expected))"
        case .typeMismatch(let expected, let context):
            return "not \(what): field \(path(context.codingPath)) should be \(describe(expected))"
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "not \(what): field \(path(context.codingPath)) has a value out of range"
        case .dataCorrupted:
            return syntax(data, what: what)
        @unknown default:
            return "cannot be read as \(what)"
        }
    }

    /// Swift's decoder says only "not valid JSON" also when the JSON is valid but a number does not fit;
    /// Foundation's parser tells the two apart and says where the syntax broke.
    private static func syntax(_ data: Data, what: String) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return "not \(what): a number in it is out of range for its field (too large, or a fraction where a whole number is expected)"
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? ""
            if detail.contains("not representable") { return "not \(what): a number in it is too large to represent" }
            if let range = detail.range(of: #"character (\d+)"#, options: .regularExpression),
                let offset = Int(detail[range].dropFirst("character ".count))
            {
                let (line, column) = position(of: offset, in: data)
                return "is not valid JSON: syntax error at line \(line), column \(column)"
            }
            return "is not valid JSON"
        }
    }

    /// The 1-based line and column of byte `offset`.
    static func position(of offset: Int, in data: Data) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// `arrangements[2].states`, from a coding path.
    static func path(_ keys: [CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "(the whole document)" : DisplayText.safe(text)
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: return "a whole number"
        case is Double.Type, is Decimal.Type, is Exact.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            return "\(type)".hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
