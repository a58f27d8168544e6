import Foundation
import Testing

@testable import OPAPMXML

/// Roster attributes are read from libxml2's bytes as the schema means them (xs:boolean, NPI digits).
@Suite struct XMLBytesTests {
    func bytes<T>(_ text: String, _ body: (XMLBytes) -> T) -> T {
        Array(text.utf8).withUnsafeBufferPointer { body(XMLBytes($0)) }
    }

    @Test func booleansAndDigitsAreReadAsTheSchemaMeansThem() {
        #expect(bytes("true", \.isXMLTrue) && bytes(" 1 ", \.isXMLTrue))
        #expect(!bytes("false", \.isXMLTrue) && !bytes("", \.isXMLTrue) && !bytes("TRUE", \.isXMLTrue))
        #expect(bytes("1234567893") { $0.digits(maxCount: 10) } == 1_234_567_893)
        #expect(bytes("12345678901") { $0.digits(maxCount: 10) } == nil)
        #expect(bytes("12a4") { $0.digits(maxCount: 10) } == nil)
        #expect(bytes("usesCehrt") { $0.equals("usesCehrt") } && !bytes("usesCehr") { $0.equals("usesCehrt") })
        #expect(bytes("Größe", \.string) == "Größe")
    }
}

/// Issue 21 item 7: no declaration the XML layer makes public takes or returns an unsafe pointer.
@Suite struct XMLPublicAPITests {
    @Test func noPublicDeclarationMentionsAnUnsafePointer() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/OPAPMXML")
        var offending: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("public ") && !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") && line.contains("Unsafe") {
                offending.append("\(name):\(number + 1): \(line)")
            }
        }
        #expect(offending.isEmpty, "\(offending)")
    }
}
