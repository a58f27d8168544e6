/// The elements of one document in a single flat array, linked by index. A batch check reads tens of
/// thousands of small files, and an object per element (with its own children array and path string)
/// cost more to build and free than libxml2 took to parse and validate the file.
public final class XMLTree {
    struct Element {
        var name: String
        var attributes: [XMLAttribute]
        var location: XMLLocation
        /// Text directly inside the element, trimmed of surrounding white space.
        var text = ""
        var parent: Int32
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// Position among the parent's children of the same name, from 1: the `[n]` of the path.
        var siblingIndex: Int32
    }

    private(set) var elements: [Element] = []

    init() {
        elements.reserveCapacity(64)
    }

    /// Appends an element as the last child of `parent` (or as the root, when `parent` is -1), at the
    /// same-name `position` the parser counted.
    func append(name: String, position: Int32, attributes: [XMLAttribute], location: XMLLocation, parent: Int32)
        -> Int32
    {
        cachedPathTable = nil
        let index = Int32(elements.count)
        if parent >= 0 {
            let last = elements[Int(parent)].lastChild
            if last >= 0 { elements[Int(last)].nextSibling = index } else { elements[Int(parent)].firstChild = index }
            elements[Int(parent)].lastChild = index
        }
        elements.append(Element(name: name, attributes: attributes, location: location, parent: parent, siblingIndex: position))
        return index
    }

    func setText(_ text: String, of index: Int32) {
        elements[Int(index)].text = text
    }

    /// The path from the root, such as `/submission/arrangement/apmEntities/apmEntity[2]`. Made only
    /// when asked for (findings and located values).
    func path(of index: Int32) -> String {
        pathTable.path(of: index)
    }

    /// What element paths are written from, kept apart from the tree so that a value read from the
    /// document can name its element later without holding the attributes and text of every element.
    /// Made on first use, and made again if elements were appended since.
    var pathTable: XMLPathTable {
        if let cachedPathTable { return cachedPathTable }
        let table = XMLPathTable(
            names: elements.map(\.name), parents: elements.map(\.parent), siblingIndexes: elements.map(\.siblingIndex))
        cachedPathTable = table
        return table
    }
    private var cachedPathTable: XMLPathTable?
}

/// Names, parents and same-name positions of a document's elements: enough to write any element's path.
/// Immutable once made, so it can be shared across threads with the values that point into it.
public final class XMLPathTable: Sendable {
    let names: [String]
    let parents: [Int32]
    let siblingIndexes: [Int32]

    init(names: [String], parents: [Int32], siblingIndexes: [Int32]) {
        self.names = names
        self.parents = parents
        self.siblingIndexes = siblingIndexes
    }

    /// The path from the root, written in one allocation from the end backwards.
    func path(of index: Int32) -> String {
        var length = 0
        var node = index
        while node >= 0 {
            length += 1 + names[Int(node)].utf8.count
            let position = siblingIndexes[Int(node)]
            if position > 1 { length += 2 + Self.digits(position) }
            node = parents[Int(node)]
        }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var end = length
            func write(byte: UInt8) {
                end -= 1
                buffer[end] = byte
            }
            var node = index
            while node >= 0 {
                var position = siblingIndexes[Int(node)]
                if position > 1 {
                    write(byte: UInt8(ascii: "]"))
                    while position > 0 {
                        write(byte: UInt8(ascii: "0") + UInt8(position % 10))
                        position /= 10
                    }
                    write(byte: UInt8(ascii: "["))
                }
                var name = names[Int(node)]
                name.withUTF8 { bytes in
                    end -= bytes.count
                    for (offset, byte) in bytes.enumerated() { buffer[end + offset] = byte }
                }
                write(byte: UInt8(ascii: "/"))
                node = parents[Int(node)]
            }
            return length
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
    let table: XMLPathTable
    let index: Int32

    public var text: String { table.path(of: index) }
}

/// An element kept in memory, with where it was found: a handle into its document's `XMLTree`. Built
/// by `XMLTreeBuilder`; the domain loader reads it once and converts it to plain values.
public struct XMLElementNode: Hashable {
    let tree: XMLTree
    /// The element's number in document order; the root is 0.
    public let index: Int32

    // Each accessor reads one field in place: copying the whole element out retained and released
    // its name, text and attributes on every step of every lookup.
    public var name: String { tree.elements[Int(index)].name }
    public var attributes: [XMLAttribute] { tree.elements[Int(index)].attributes }
    public var location: XMLLocation { tree.elements[Int(index)].location }
    /// Text directly inside the element, trimmed of surrounding white space.
    public var text: String { tree.elements[Int(index)].text }
    /// The path from the root, such as `/submission/arrangement/apmEntities/apmEntity[2]`.
    public var path: String { tree.path(of: index) }
    /// The same path, to be written later (or never).
    public var deferredPath: XMLElementPath { XMLElementPath(table: tree.pathTable, index: index) }

    public var children: [XMLElementNode] { children { _ in true } }

    public func attribute(_ name: String) -> String? {
        tree.elements[Int(index)].attributes.first { $0.name == name }?.value
    }

    public func child(_ name: String) -> XMLElementNode? {
        var child = tree.elements[Int(index)].firstChild
        while child >= 0 {
            if tree.elements[Int(child)].name == name { return XMLElementNode(tree: tree, index: child) }
            child = tree.elements[Int(child)].nextSibling
        }
        return nil
    }

    public func children(_ name: String) -> [XMLElementNode] {
        children { $0 == name }
    }

    private func children(where matches: (String) -> Bool) -> [XMLElementNode] {
        var found: [XMLElementNode] = []
        var child = tree.elements[Int(index)].firstChild
        while child >= 0 {
            if matches(tree.elements[Int(child)].name) { found.append(XMLElementNode(tree: tree, index: child)) }
            child = tree.elements[Int(child)].nextSibling
        }
        return found
    }

    public static func == (lhs: XMLElementNode, rhs: XMLElementNode) -> Bool {
        lhs.tree === rhs.tree && lhs.index == rhs.index
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(tree))
        hasher.combine(index)
    }
}
