import Foundation
import Testing

@testable import OPAPMXML

/// A tiny schema so the XML layer is tested on its own.
let testSchema = """
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test" xmlns="urn:test"
        elementFormDefault="qualified">
      <xs:element name="root">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="item" maxOccurs="unbounded">
              <xs:complexType>
                <xs:sequence><xs:element name="value" type="xs:integer"/></xs:sequence>
              </xs:complexType>
            </xs:element>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
    </xs:schema>
    """

/// Records what the parser delivered, to prove nothing from outside leaked in.
final class Recorder: XMLEventHandler {
    var elements: [String] = []
    var ends: [String] = []
    var text = ""
    func startElement(_ name: XMLBytes, position: Int, attributes: XMLRawAttributes, location: XMLLocation) {
        elements.append(name.string)
    }
    func characters(_ text: XMLBytes) { self.text += text.string }
    func endElement(_ name: XMLBytes) { ends.append(name.string) }
}

func parse(_ text: String, schema: Bool = true, limits: XMLLimits = XMLLimits()) throws -> ([XMLDiagnostic], Recorder) {
    let parser = SecureXMLParser(schema: schema ? try CompiledSchema(text: testSchema) : nil, limits: limits)
    let recorder = Recorder()
    return (parser.parse(bytes: Array(text.utf8), handler: recorder), recorder)
}

@Suite struct HostileInputTests {
    @Test func externalEntityPointingAtALocalFileIsNotRead() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-secret-\(getpid()).txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE root [<!ENTITY leak SYSTEM "file://\(secret.path)">]>
            <root xmlns="urn:test"><item><value>&leak;</value></item></root>
            """
        let (diagnostics, recorder) = try parse(document)
        #expect(diagnostics.map(\.code) == [.doctype])
        #expect(diagnostics[0].line == 2)
        #expect(!recorder.text.contains("TOP-SECRET"))
        #expect(recorder.elements.isEmpty)
    }

    @Test func billionLaughsFailsFastWithoutExpanding() throws {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            let previous = "&lol\(level - 1);"
            entities += "<!ENTITY lol\(level) \"\(String(repeating: previous, count: 10))\">"
        }
        let document = "<?xml version=\"1.0\"?>\n<!DOCTYPE root [\(entities)]>\n<root xmlns=\"urn:test\">&lol9;</root>"
        let (diagnostics, recorder) = try parse(document)
        #expect(diagnostics.first?.code == .doctype)
        #expect(recorder.text.count < 100)
    }

    @Test func hundredThousandNestedElementsGiveAFinding() throws {
        let depth = 100_000
        let document = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let (diagnostics, _) = try parse(document, schema: false)
        #expect(diagnostics.map(\.code) == [.tooDeep])
        #expect(diagnostics[0].message.contains("64"))
    }

    @Test func depthAtTheLimitIsAcceptedAndOneMoreIsNot() throws {
        let limits = XMLLimits(maxDepth: 5)
        let atLimit = String(repeating: "<a>", count: 5) + String(repeating: "</a>", count: 5)
        #expect(try parse(atLimit, schema: false, limits: limits).0.isEmpty)
        let over = String(repeating: "<a>", count: 6) + String(repeating: "</a>", count: 6)
        #expect(try parse(over, schema: false, limits: limits).0.map(\.code) == [.tooDeep])
    }

    @Test(arguments: [
        ("empty", "", XMLDiagnostic.Code.empty),
        ("truncated", "<root xmlns=\"urn:test\"><item><value>1</va", .malformed),
        ("binary", "\u{0}\u{1}\u{2}\u{3}PK\u{3}\u{4}", .malformed),
        ("text", "just some words", .malformed),
    ])
    func badDocumentsGiveAFinding(name: String, text: String, code: XMLDiagnostic.Code) throws {
        let (diagnostics, _) = try parse(text)
        #expect(diagnostics.first?.code == code, "\(name)")
    }

    @Test func invalidUTF8GivesAFinding() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root xmlns=\"urn:test\"><item><value>".utf8)
        bytes += [0xFF, 0xFE, 0xC3]
        bytes += Array("</value></item></root>".utf8)
        let parser = SecureXMLParser(schema: try CompiledSchema(text: testSchema))
        let diagnostics = parser.parse(bytes: bytes, handler: Recorder())
        #expect(diagnostics.first?.code == .malformed)
        #expect(diagnostics.first?.line == 2)
    }

    @Test func fileOverTheSizeLimitIsRefusedBeforeParsing() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-size-\(getpid()).xml")
        let document = "<root xmlns=\"urn:test\"><item><value>1</value></item></root>"
        try document.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let size = Int64(document.utf8.count)
        let atLimit = SecureXMLParser(schema: try CompiledSchema(text: testSchema), limits: XMLLimits(maxFileBytes: size))
        #expect(try atLimit.parse(fileAt: url.path, handler: Recorder()).isEmpty)
        let under = SecureXMLParser(schema: nil, limits: XMLLimits(maxFileBytes: size - 1))
        #expect(try under.parse(fileAt: url.path, handler: Recorder()).map(\.code) == [.tooLarge])
    }

    @Test func missingFileIsAReadErrorNotADiagnostic() throws {
        let parser = SecureXMLParser(schema: nil)
        #expect(throws: XMLReadError.self) {
            _ = try parser.parse(fileAt: "/nonexistent/opapm/file.xml", handler: Recorder())
        }
    }

    @Test func diagnosticsPerFileAreCapped() throws {
        let items = String(repeating: "<item><value>x</value></item>", count: 20)
        let (diagnostics, _) = try parse("<root xmlns=\"urn:test\">\(items)</root>", limits: XMLLimits(maxDiagnostics: 5))
        #expect(diagnostics.count == 6)
        #expect(diagnostics.last?.code == .tooManyDiagnostics)
    }
}

@Suite struct LocationTests {
    @Test func schemaErrorNamesTheElementPathAndLine() throws {
        let document = "<root xmlns=\"urn:test\">\n<item><value>1</value></item>\n<item><value>x</value></item>\n</root>"
        let (diagnostics, _) = try parse(document)
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].code == .schema)
        #expect(diagnostics[0].line == 3)
        #expect(diagnostics[0].path == "/root/item[2]/value")
    }

    /// Sibling positions stay right past the point where counting switches to a dictionary (32 names)
    /// and across nested elements: the too-deep diagnostic names the one element past the limit by path.
    @Test(arguments: [
        ("<r>\(manyNames)<n3/><n39/><n3/><n3><d/></n3></r>", 2, "/r/n3[4]/d"),
        ("<r><a/><b/><a/><b><x/><x/><c/></b><b><x/><c/><x/><x><d/></x></b></r>", 3, "/r/b[3]/x[3]/d"),
        ("<r><b>\(manyNames)</b><a/><b/><a/><b><n1/><n1><d/></n1></b></r>", 3, "/r/b[3]/n1[2]/d"),
    ])
    func diagnosticPathsCountSiblings(document: String, depth: Int, path: String) throws {
        let (diagnostics, _) = try parse(document, schema: false, limits: XMLLimits(maxDepth: depth))
        #expect(diagnostics.map(\.code) == [.tooDeep])
        #expect(diagnostics.first?.path == path)
    }

    @Test func endTagsNameTheElementsTheyClose() throws {
        let (diagnostics, recorder) = try parse("<r><a><b/><c>t</c></a><a/></r>", schema: false)
        #expect(diagnostics.isEmpty)
        #expect(recorder.elements == ["r", "a", "b", "c", "a"])
        #expect(recorder.ends == ["b", "c", "a", "a", "r"])
    }

    @Test func missingChildIsReportedOnTheParent() throws {
        let (diagnostics, _) = try parse("<root xmlns=\"urn:test\">\n<item></item>\n</root>")
        #expect(diagnostics.first?.path == "/root/item")
        #expect(diagnostics.first?.line == 2)
    }

    @Test func linesPast65535AreExact() throws {
        let padding = String(repeating: "\n", count: 70_000)
        let document = "<root xmlns=\"urn:test\">\(padding)<item><value>bad</value></item></root>"
        let (diagnostics, _) = try parse(document)
        #expect(diagnostics.first?.line == 70_001)
    }

    @Test func treeBuilderKeepsPathsAndStreamsNamedElements() throws {
        var streamed = 0
        let builder = XMLTreeBuilder(streamed: ["value"]) { _, _, _, parent in
            #expect(parent.name == "item")
            streamed += 1
            return nil
        }
        let parser = SecureXMLParser(schema: nil)
        let document = "<root><item><value>1</value></item><item><value>2</value><note> hi </note></item></root>"
        #expect(parser.parse(bytes: Array(document.utf8), handler: builder).isEmpty)
        #expect(streamed == 2)
        let items = builder.root?.children("item") ?? []
        #expect(items.map(\.path) == ["/root/item", "/root/item[2]"])
        #expect(items[1].child("note")?.text == "hi")
        #expect(items[0].children.isEmpty)
    }

    @Test func pathsCountSiblingsOfOneNameWhereverTheyAre() throws {
        let builder = XMLTreeBuilder()
        let document = "<r><a/><b/><a/><a/><c/><b/></r>"
        #expect(SecureXMLParser(schema: nil).parse(bytes: Array(document.utf8), handler: builder).isEmpty)
        let paths = builder.root?.children.map(\.path) ?? []
        #expect(paths == ["/r/a", "/r/b", "/r/a[2]", "/r/a[3]", "/r/c", "/r/b[2]"])
    }
}

/// Forty sibling elements of different names, n0 to n39.
private let manyNames = (0..<40).map { "<n\($0)/>" }.joined()

@Suite struct TreeTextTests {
    @Test func textIsTrimmedOfXMLWhiteSpaceAtBothEndsOnly() {
        let cases: [(String, String)] = [("", ""), ("  ", ""), (" a ", "a"), ("a", "a"), ("\n\ta b\r\n", "a b"),
            ("ä ", "ä"), (" ä", "ä"), ("a\u{00A0}", "a\u{00A0}"), ("x  y", "x  y")]
        for (raw, trimmed) in cases { #expect(XMLTreeBuilder.trimmed(raw) == trimmed, "\(raw.debugDescription)") }
    }

    @Test func textInPiecesIsJoinedThenTrimmed() throws {
        let builder = XMLTreeBuilder()
        let parser = SecureXMLParser(schema: nil)
        let diagnostics = parser.parse(
            bytes: Array("<r>\n  <a>  one &amp; two <![CDATA[three]]>\n</a><b>\t</b></r>".utf8), handler: builder)
        #expect(diagnostics.isEmpty)
        let root = try #require(builder.root)
        #expect(root.child("a")?.text == "one & two three")
        #expect(root.child("b")?.text == "")
        #expect(root.text == "")
    }
}
