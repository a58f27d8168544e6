/// The element paths of one document, written only when one is read. Loading gives each value the
/// number of its element; most never appear in a finding, and writing every path cost more than
/// deciding the rules that read them. The model sees only this promise, not the tree behind it; a
/// class, so that copying a location copies one reference.
public protocol ElementPaths: AnyObject, Sendable {
    /// The written path of element `index`, such as `/submission/arrangement/cehrt/requiredPercent`.
    func path(of index: Int32) -> String
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
            case .element(let paths, let index): return paths.path(of: index)
            }
        }
        set { storedPath = .written(newValue) }
    }

    /// A path given as text, or an element's, to be written when read (`ElementPaths`).
    private enum StoredPath: Sendable {
        case written(String)
        case element(any ElementPaths, Int32)
    }
    private var storedPath: StoredPath

    public init(line: Int, column: Int = 0, path: String) {
        self.line = line
        self.column = column
        self.storedPath = .written(path)
    }

    /// The place of element `index` of a document, its path written when first read.
    public init(line: Int, column: Int = 0, paths: any ElementPaths, element index: Int32) {
        self.line = line
        self.column = column
        self.storedPath = .element(paths, index)
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
