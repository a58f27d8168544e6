import Foundation

/// Builds an element tree from parse events, except for elements named in `streamed`: those
/// (typically roster entries, which can number a million) are handed to `onStreamed` with their raw
/// attributes and parent and dropped, content and all, so memory stays flat however long the list.
public final class XMLTreeBuilder: XMLEventHandler {
    /// Receives one streamed element; returns a reason to stop reading (a list over its limit), or nil.
    public typealias StreamedElement = (_ name: String, _ attributes: XMLRawAttributes, _ location: XMLLocation,
        _ parent: XMLElementNode) -> String?

    private let tree = XMLTree()
    /// The document element, once the parse has begun.
    public var root: XMLElementNode? { tree.elements.isEmpty ? nil : XMLElementNode(tree: tree, index: 0) }
    /// An open element: its node, where its text so far sits in the tree's bytes, and whether a child
    /// element has opened in it (text between children is layout, not content). One stack, so that
    /// each event touches one array.
    private struct Open {
        var node: Int32
        var textStart = 0
        var textCount = 0
        var hasChildren = false
    }
    /// The open elements, innermost last.
    @exclusivity(unchecked) private var stack: [Open] = []
    private let streamed: Set<String>
    private let onStreamed: StreamedElement?
    @exclusivity(unchecked) public private(set) var stopReason: String?
    public var rawElementNames: [String] { streamed.sorted() }

    public init(streamed: Set<String> = [], onStreamed: StreamedElement? = nil) {
        self.streamed = streamed
        self.onStreamed = onStreamed
        stack.reserveCapacity(16)
    }

    /// A streamed element: handed on with its parent, not kept. One without a parent (a document whose
    /// root is a streamed name) has nothing to belong to and is dropped.
    public func rawElement(_ name: String, attributes: XMLRawAttributes, location: XMLLocation) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].hasChildren = true
        let parent = stack[stack.count - 1].node
        stopReason = onStreamed?(name, attributes, location, XMLElementNode(tree: tree, index: parent))
    }

    public func startElement(_ name: XMLBytes, position: Int, attributes: XMLRawAttributes,
        location: XMLLocation)
    {
        var parent: Int32 = -1
        if !stack.isEmpty {
            stack[stack.count - 1].hasChildren = true
            parent = stack[stack.count - 1].node
        }
        // A second root element (a well-formedness error libxml2 reports) is kept apart, unreachable.
        let node = tree.append(
            name: name.buffer, position: Int32(clamping: position), attributes: attributes, location: location, parent: parent)
        stack.append(Open(node: node))
    }

    public var wantsCharacters: Bool { !stack.isEmpty && !stack[stack.count - 1].hasChildren }

    /// Text pieces of one element arrive one after another, with nothing else kept in between (a child
    /// element ends the keeping), so they are appended side by side to the tree's bytes.
    public func characters(_ content: XMLBytes) {
        guard wantsCharacters else { return }
        let last = stack.count - 1
        if stack[last].textCount == 0 { stack[last].textStart = tree.bytes.count }
        tree.appendBytes(content.buffer)
        stack[last].textCount += content.count
    }

    /// XML white space (space, tab, CR, LF) trimmed from both ends, in pure Swift: Foundation's
    /// `trimmingCharacters` bridges through NSString and was the largest cost of a batch check.
    public static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        // Usually there is nothing to trim, and the two end bytes say so without a scan.
        guard let head = bytes.first, let tail = bytes.last else { return text }
        if !isSpace(head) && !isSpace(tail) { return text }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
        guard let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == bytes.startIndex && bytes.index(after: last) == bytes.endIndex { return text }
        return String(text[first...last])
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    public func endElement(_ name: XMLBytes) {
        guard let open = stack.popLast(), open.textCount > 0 else { return }
        // Trimmed in place: the element's text is the range without the white space at its ends.
        var start = open.textStart
        var end = open.textStart + open.textCount
        tree.bytes.withUnsafeBufferPointer { bytes in
            while start < end && Self.isSpace(bytes[start]) { start += 1 }
            while end > start && Self.isSpace(bytes[end - 1]) { end -= 1 }
        }
        tree.setText(start: start, count: end - start, of: open.node)
    }
}
