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
    private var childCounts: [String: Int] = [:]

    init(name: String, attributes: [XMLAttribute], location: XMLLocation, path: String) {
        self.name = name
        self.attributes = attributes
        self.location = location
        self.path = path
    }

    /// The path the next child called `name` will have.
    func nextChildPath(_ name: String) -> String {
        let index = (childCounts[name] ?? 0) + 1
        childCounts[name] = index
        return index > 1 ? "\(path)/\(name)[\(index)]" : "\(path)/\(name)"
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
