import Foundation
import OPAPMCore

/// JSON for other tools: Codable models, sorted keys, so the same inputs give the same bytes.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The top-level shape of `check --format json`: `{"files": [...]}`.
public struct CheckReport: Codable, Sendable {
    public var files: [FileDetermination]
    public init(files: [FileDetermination]) { self.files = files }
}
