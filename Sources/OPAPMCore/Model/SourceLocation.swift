/// Where a value came from in a submission file, so a finding can point at it.
public struct SourceLocation: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int
    /// Element path such as `/submission/arrangement/cehrt/requiredPercent`.
    public var path: String

    public init(line: Int, column: Int = 0, path: String) {
        self.line = line
        self.column = column
        self.path = path
    }

    public static let unknown = SourceLocation(line: 0, path: "")
}

/// A value with the place it was read from.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
