/// A path written only when it is read. Loading gives each value the place of its element in the parse
/// tree; most never appear in a finding, and writing every path cost more than deciding the rules that
/// read them. The model sees only this promise, not the tree it comes from.
public protocol DeferredPath: Sendable {
    /// The written path, such as `/submission/arrangement/cehrt/requiredPercent`.
    var text: String { get }
}

/// Where a value came from in a submission file, so a finding can point at it.
public struct SourceLocation: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int
    /// Element path such as `/submission/arrangement/cehrt/requiredPercent`.
    public var path: String {
        get {
            switch storedPath {
            case .written(let text): return text
            case .element(let element): return element.text
            }
        }
        set { storedPath = .written(newValue) }
    }

    /// A path given as text, or one to be written when read (`DeferredPath`).
    private enum StoredPath: Sendable {
        case written(String)
        case element(any DeferredPath)
    }
    private var storedPath: StoredPath

    public init(line: Int, column: Int = 0, path: String) {
        self.line = line
        self.column = column
        self.storedPath = .written(path)
    }

    /// The place of an element read from a document, its path written when first read.
    public init(line: Int, column: Int = 0, element: some DeferredPath) {
        self.line = line
        self.column = column
        self.storedPath = .element(element)
    }

    public static let unknown = SourceLocation(line: 0, path: "")

    public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.line == rhs.line && lhs.column == rhs.column && lhs.path == rhs.path
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(column)
        hasher.combine(path)
    }

    enum CodingKeys: String, CodingKey {
        case line, column, path
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        line = try container.decode(Int.self, forKey: .line)
        column = try container.decode(Int.self, forKey: .column)
        storedPath = .written(try container.decode(String.self, forKey: .path))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(path, forKey: .path)
    }
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
