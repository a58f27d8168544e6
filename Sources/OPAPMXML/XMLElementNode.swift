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
    /// Children counted by name, for paths. Same-named siblings come in runs (the schema's sequences),
    /// so the current run is counted apart and the dictionary is only made when a name comes back.
    private var childCounts: [String: Int]?
    private var runName: String?
    private var runCount = 0

    init(name: String, attributes: [XMLAttribute], location: XMLLocation, path: String) {
        self.name = name
        self.attributes = attributes
        self.location = location
        self.path = path
    }

    /// The path the next child called `name` will have.
    func nextChildPath(_ name: String) -> String {
        if name != runName {
            if let runName, runCount > 0 {
                if childCounts == nil { childCounts = [:] }
                childCounts?[runName] = runCount
            }
            runName = name
            runCount = childCounts?[name] ?? 0
        }
        runCount += 1
        var childPath = path
        childPath.reserveCapacity(path.utf8.count + name.utf8.count + 6)
        childPath.append("/")
        childPath.append(name)
        if runCount > 1 {
            childPath.append("[")
            childPath.append(String(runCount))
            childPath.append("]")
        }
        return childPath
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
