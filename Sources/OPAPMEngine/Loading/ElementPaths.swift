import OPAPMModel
import OPAPMXML

/// The parse tree's paths are the model's element paths: a value read from a document keeps its
/// element's number and writes the path only if a finding shows it.
extension XMLPathTable: ElementPaths {}

extension SourceLocation {
    /// The place of an element of the parse tree.
    public init(line: Int, column: Int = 0, element: XMLElementPath) {
        self.init(line: line, column: column, paths: element.table, element: element.index)
    }
}
