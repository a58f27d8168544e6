/// One attribute of an element, by local name.
public struct XMLAttribute: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Where an element starts, with its path from the root.
public struct XMLLocation: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// Receives the document as a stream of events, so that large rosters never need to be held in memory.
/// Names are local names; the schema decides which namespace is allowed. Names and text come as
/// `XMLBytes`, valid only during the call: a handler copies what it keeps.
public protocol XMLEventHandler: AnyObject {
    /// False when the handler needs no events (validation only): the parser then skips building them.
    var wantsEvents: Bool { get }
    /// An element opens. `position` is its place among its parent's children of the same name, from 1
    /// (the `[n]` of its path): the parser counts siblings for its own diagnostics and hands the count on.
    func startElement(_ name: XMLBytes, position: Int, attributes: XMLRawAttributes,
        location: XMLLocation)
    /// Text, or a piece of it (libxml2 may split one text into several calls).
    func characters(_ text: XMLBytes)
    /// False when `characters` would drop text arriving now (layout between child elements), so the
    /// parser need not hand it on.
    var wantsCharacters: Bool { get }
    func endElement(_ name: XMLBytes)
    /// Set when the handler has seen more than it accepts (a list over its limit): parsing stops at
    /// once with an `XML007` diagnostic giving this reason.
    var stopReason: String? { get }
    /// Local names of elements to receive through `rawElement` instead of `startElement`: elements that
    /// come by the million. Their content, and their end, are not delivered.
    var rawElementNames: [String] { get }
    func rawElement(_ name: String, attributes: XMLRawAttributes, location: XMLLocation)
}

extension XMLEventHandler {
    public var wantsEvents: Bool { true }
    public var stopReason: String? { nil }
    public var wantsCharacters: Bool { true }
    public var rawElementNames: [String] { [] }
    public func rawElement(_ name: String, attributes: XMLRawAttributes, location: XMLLocation) {}
}
