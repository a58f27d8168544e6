import Foundation
import OPAPMCore

/// JSON for other tools: Codable models, sorted keys, so the same inputs give the same bytes.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encodeBytes(value), as: UTF8.self)
    }

    /// The same text as `encode`, as bytes for a file.
    public static func encodeBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count + 1)
        bytes.append(contentsOf: data)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}

/// The top-level shape of `check --format json`: `{"files": [...]}`.
public struct CheckReport: Codable, Sendable {
    public var files: [FileDetermination]
    public init(files: [FileDetermination]) { self.files = files }
}
