import Foundation
import Testing

@testable import OPAPMCore
@testable import OPAPMEngine
@testable import OPAPMFiles
@testable import OPAPMLaw
@testable import OPAPMModel
@testable import OPAPMPublishing
@testable import OPAPMQP
@testable import OPAPMRules
import OPAPMXML

/// The fast paths that read dates and write paths must agree with the slow, obvious ones.
@Suite struct TextFormTests {
    @Test func isoDatesReadStrictly() {
        #expect(CalendarDate(iso: "2024-02-29") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(iso: "2024-12-31Z") == CalendarDate(year: 2024, month: 12, day: 31))
        #expect(CalendarDate(iso: "2024-12-31+05:00") == CalendarDate(year: 2024, month: 12, day: 31))
        for bad in ["", "2024-1-011", "2024-13-01", "2024-00-10", "2024-01-32", "2024/01/01", "-0001-01-01", "20240101", "2024-01-0"] {
            #expect(CalendarDate(iso: bad) == nil, "\(bad)")
        }
    }
}

/// A place read from a document writes its path only when asked, and it is the path the tree writes.
@Suite struct SourceLocationTests {
    @Test func deferredPathsAreTheTreesPaths() throws {
        let builder = XMLTreeBuilder()
        let document = "<submission>" + String(repeating: "<band/>", count: 12) + "<note/></submission>"
        let diagnostics = SecureXMLParser(schema: nil, limits: XMLLimits()).parse(bytes: Array(document.utf8), handler: builder)
        #expect(diagnostics.isEmpty)
        let root = try #require(builder.root)
        let nodes = [root] + root.children
        #expect(nodes.map(\.path).contains("/submission/band[12]"))
        for node in nodes {
            let deferred = OPAPMCore.SourceLocation(line: 3, column: 4, element: node.deferredPath)
            let written = OPAPMCore.SourceLocation(line: 3, column: 4, path: node.path)
            #expect(deferred.path == node.path && deferred == written && deferred.hashValue == written.hashValue)
            let decoded = try JSONDecoder().decode(OPAPMCore.SourceLocation.self, from: JSONEncoder().encode(deferred))
            #expect(decoded == written)
            var changed = deferred
            changed.path = "/elsewhere"
            #expect(changed.path == "/elsewhere")
        }
    }
}
