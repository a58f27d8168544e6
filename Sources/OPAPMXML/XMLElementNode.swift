import Foundation

/// The elements of one document in a single flat array, linked by index, with every name, attribute
/// and text kept as UTF-8 in one byte array. A batch check reads tens of thousands of small files:
/// an object per element cost more to build and free than libxml2 took to parse and validate the file,
/// and a string per name, attribute and text still cost as much as the rules that read them. Strings
/// are made only for what is read.
public final class XMLTree {
    /// A run of `bytes`.
    struct Span: Sendable {
        var start: Int
        var count: Int
    }

    /// Plain values only, so that appending, copying and freeing elements touch no reference counts.
    struct Element: Sendable {
        var name: Span
        var attributes: Span
        var text = Span(start: 0, count: 0)
        var line: Int
        var column: Int
        var parent: Int32
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// Position among the parent's children of the same name, from 1: the `[n]` of the path.
        var siblingIndex: Int32
    }

    struct Attribute: Sendable {
        var name: Span
        var value: Span
    }

    @exclusivity(unchecked) private(set) var elements: [Element] = []
    /// Every element's attributes, in document order; an element's are the run its `attributes` names.
    @exclusivity(unchecked) private(set) var attributes: [Attribute] = []
    /// Names, attribute values and texts, as UTF-8.
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []

    init() {
        // Room for an ordinary submission (some fifty elements, twenty attributes, a kilobyte of names
        // and text), so that building its tree allocates once per array.
        elements.reserveCapacity(64)
        attributes.reserveCapacity(32)
        bytes.reserveCapacity(2048)
    }

    /// Appends an element as the last child of `parent` (or as the root, when `parent` is -1), at the
    /// same-name `position` the parser counted.
    func append(
        name: UnsafeBufferPointer<UInt8>, position: Int32, attributes raw: XMLRawAttributes, location: XMLLocation,
        parent: Int32
    ) -> Int32 {
        cachedPathTable = nil
        let index = Int32(elements.count)
        if parent >= 0 {
            let last = elements[Int(parent)].lastChild
            if last >= 0 { elements[Int(last)].nextSibling = index } else { elements[Int(parent)].firstChild = index }
            elements[Int(parent)].lastChild = index
        }
        let nameSpan = appendBytes(name)
        let firstAttribute = attributes.count
        for attribute in 0..<raw.count {
            attributes.append(Attribute(name: appendBytes(raw.name(at: attribute).buffer), value: appendBytes(raw.value(at: attribute).buffer)))
        }
        elements.append(Element(
            name: nameSpan, attributes: Span(start: firstAttribute, count: attributes.count - firstAttribute),
            line: location.line, column: location.column, parent: parent, siblingIndex: position))
        return index
    }

    @discardableResult
    func appendBytes(_ piece: UnsafeBufferPointer<UInt8>) -> Span {
        let start = bytes.count
        bytes.append(contentsOf: piece)
        return Span(start: start, count: piece.count)
    }

    func setText(start: Int, count: Int, of index: Int32) {
        elements[Int(index)].text = Span(start: start, count: count)
    }

    func string(_ span: Span) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[span.start..<span.start + span.count]), as: UTF8.self) }
    }

    /// The children of `parent` whose name is `name` (every child when nil), in document order.
    func children(of parent: Int32, named name: String?) -> [XMLElementNode] {
        var found: [XMLElementNode] = []
        forEachChild(of: parent, named: name) { child in
            found.append(XMLElementNode(tree: self, index: child))
            return true
        }
        return found
    }

    /// The first child of `parent` called `name`, or -1.
    func firstChild(of parent: Int32, named name: String) -> Int32 {
        var found: Int32 = -1
        forEachChild(of: parent, named: name) { child in
            found = child
            return false
        }
        return found
    }

    /// Calls `body` with each child of `parent` called `name` (every child when nil) until it returns
    /// false. Names are compared as bytes, with the wanted name's bytes fetched once.
    private func forEachChild(of parent: Int32, named name: String?, _ body: (Int32) -> Bool) {
        var wanted = name ?? ""
        wanted.withUTF8 { wanted in
            elements.withUnsafeBufferPointer { elements in
                bytes.withUnsafeBufferPointer { bytes in
                    var child = elements[Int(parent)].firstChild
                    while child >= 0 {
                        if name == nil || Self.equal(elements[Int(child)].name, wanted, in: bytes) {
                            guard body(child) else { return }
                        }
                        child = elements[Int(child)].nextSibling
                    }
                }
            }
        }
    }

    /// The value of the attribute of `element` called `name`, or nil.
    func attribute(of element: Int32, named name: String) -> String? {
        let run = elements[Int(element)].attributes
        var wanted = name
        let match: Int? = wanted.withUTF8 { wanted in
            bytes.withUnsafeBufferPointer { bytes in
                (run.start..<run.start + run.count).first { Self.equal(attributes[$0].name, wanted, in: bytes) }
            }
        }
        return match.map { string(attributes[$0].value) }
    }

    private static func equal(_ span: Span, _ wanted: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        guard span.count == wanted.count else { return false }
        guard span.count > 0 else { return true }
        return memcmp(bytes.baseAddress! + span.start, wanted.baseAddress!, span.count) == 0
    }

    /// The path from the root, such as `/submission/arrangement/apmEntities/apmEntity[2]`. Made only
    /// when asked for (findings and located values).
    func path(of index: Int32) -> String {
        pathTable.path(of: index)
    }

    /// What element paths are written from, kept apart from the tree so that a value read from the
    /// document can name its element later. A snapshot of the element and byte arrays, which share
    /// storage with the tree until it changes. Made on first use, and made again if elements were
    /// appended since.
    var pathTable: XMLPathTable {
        if let cachedPathTable { return cachedPathTable }
        let table = XMLPathTable(elements: elements, bytes: bytes)
        cachedPathTable = table
        return table
    }
    @exclusivity(unchecked) private var cachedPathTable: XMLPathTable?
}

/// Names, parents and same-name positions of a document's elements: enough to write any element's path.
/// Immutable once made, so it can be shared across threads with the values that point into it.
public final class XMLPathTable: Sendable {
    let elements: [XMLTree.Element]
    let bytes: [UInt8]

    init(elements: [XMLTree.Element], bytes: [UInt8]) {
        self.elements = elements
        self.bytes = bytes
    }

    /// The path from the root, written in one allocation from the end backwards.
    public func path(of index: Int32) -> String {
        var length = 0
        var node = index
        while node >= 0 {
            let element = elements[Int(node)]
            length += 1 + element.name.count
            if element.siblingIndex > 1 { length += 2 + Self.digits(element.siblingIndex) }
            node = element.parent
        }
        return bytes.withUnsafeBufferPointer { bytes in
            String(unsafeUninitializedCapacity: length) { buffer in
                var end = length
                func write(byte: UInt8) {
                    end -= 1
                    buffer[end] = byte
                }
                var node = index
                while node >= 0 {
                    let element = elements[Int(node)]
                    var position = element.siblingIndex
                    if position > 1 {
                        write(byte: UInt8(ascii: "]"))
                        while position > 0 {
                            write(byte: UInt8(ascii: "0") + UInt8(position % 10))
                            position /= 10
                        }
                        write(byte: UInt8(ascii: "["))
                    }
                    end -= element.name.count
                    for offset in 0..<element.name.count { buffer[end + offset] = bytes[element.name.start + offset] }
                    write(byte: UInt8(ascii: "/"))
                    node = element.parent
                }
                return length
            }
        }
    }

    private static func digits(_ value: Int32) -> Int {
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }
}

/// An element's path, written only when asked for: most values read from a submission never appear
/// in a finding, and writing every path cost more than deciding the rules that use them.
public struct XMLElementPath: Sendable {
    /// The document's paths, shared by every element of it.
    public let table: XMLPathTable
    /// The element's number in document order.
    public let index: Int32

    public var text: String { table.path(of: index) }
}

/// An element kept in memory, with where it was found: a handle into its document's `XMLTree`. Built
/// by `XMLTreeBuilder`; the domain loader reads it once and converts it to plain values.
public struct XMLElementNode: Hashable {
    let tree: XMLTree
    /// The element's number in document order; the root is 0.
    public let index: Int32

    // Each accessor reads one field in place, and strings are made only for what is asked.
    public var name: String { tree.string(tree.elements[Int(index)].name) }
    public var attributes: [XMLAttribute] {
        let run = tree.elements[Int(index)].attributes
        return tree.attributes[run.start..<run.start + run.count].map {
            XMLAttribute(name: tree.string($0.name), value: tree.string($0.value))
        }
    }
    public var location: XMLLocation {
        XMLLocation(line: tree.elements[Int(index)].line, column: tree.elements[Int(index)].column)
    }
    /// Text directly inside the element, trimmed of surrounding white space.
    public var text: String { tree.string(tree.elements[Int(index)].text) }
    /// The path from the root, such as `/submission/arrangement/apmEntities/apmEntity[2]`.
    public var path: String { tree.path(of: index) }
    /// The same path, to be written later (or never).
    public var deferredPath: XMLElementPath { XMLElementPath(table: tree.pathTable, index: index) }

    public var children: [XMLElementNode] {
        tree.children(of: index, named: nil)
    }

    public func attribute(_ name: String) -> String? {
        tree.attribute(of: index, named: name)
    }

    public func child(_ name: String) -> XMLElementNode? {
        let found = tree.firstChild(of: index, named: name)
        return found >= 0 ? XMLElementNode(tree: tree, index: found) : nil
    }

    public func children(_ name: String) -> [XMLElementNode] {
        tree.children(of: index, named: name)
    }

    public static func == (lhs: XMLElementNode, rhs: XMLElementNode) -> Bool {
        lhs.tree === rhs.tree && lhs.index == rhs.index
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(tree))
        hasher.combine(index)
    }
}
