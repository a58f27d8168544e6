/// An element kept in memory, with where it was found. Built by `XMLTreeBuilder`; the domain
/// loader reads it once and converts it to plain values.
public final class XMLElementNode {
    public let name: String
    public let attributes: [XMLAttribute]
    public let location: XMLLocation
    /// The path from the root, such as `/submission/arrangement/apmEntities/apmEntity[2]`.
    public let path: String
    public private(set) var children: [XMLElementNode] = []
    /// Text directly inside the element, trimmed of surrounding white space.
    public internal(set) var text: String = ""
    /// Children counted by name, for paths; made only once an element has many children, since
    /// counting a few earlier siblings is cheaper than hashing (and a long list stays linear).
    private var childCounts: [String: Int]?
    private static let countingLimit = 32

    init(name: String, attributes: [XMLAttribute], location: XMLLocation, path: String) {
        self.name = name
        self.attributes = attributes
        self.location = location
        self.path = path
    }

    /// The path the next child called `name` will have (the child is appended right after).
    func nextChildPath(_ name: String) -> String {
        let index: Int
        if childCounts == nil && children.count < Self.countingLimit {
            var earlier = 0
            for child in children where child.name == name { earlier += 1 }
            index = earlier + 1
        } else {
            if childCounts == nil {
                childCounts = [:]
                for child in children { childCounts?[child.name, default: 0] += 1 }
            }
            index = (childCounts?[name] ?? 0) + 1
            childCounts?[name] = index
        }
        // One allocation: parent path, "/", name and "[index]" when it is not the first.
        let suffix = index > 1 ? "[\(index)]" : ""
        let length = path.utf8.count + 1 + name.utf8.count + suffix.utf8.count
        var parts = (path, name, suffix)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var position = 0
            func write(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
                (target + position).update(from: source, count: bytes.count)
                position += bytes.count
            }
            parts.0.withUTF8(write)
            buffer[position] = UInt8(ascii: "/")
            position += 1
            parts.1.withUTF8(write)
            parts.2.withUTF8(write)
            return position
        }
    }

    func append(_ child: XMLElementNode) {
        children.append(child)
    }

    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    public func child(_ name: String) -> XMLElementNode? {
        children.first { $0.name == name }
    }

    public func children(_ name: String) -> [XMLElementNode] {
        children.filter { $0.name == name }
    }
}
