import Foundation
import Testing

@testable import OPAPMCore
@testable import OPAPMEngine
@testable import OPAPMModel

/// Long text (descriptions, evidence) may run over several lines, as a payer pastes it from a contract
/// or an editor wraps it; names and titles stay on one line; neither may be only white space.
@Suite struct SchemaTextTests {
    let sample = "samples/approved/other-payer-aligned-medical-home.xml"

    func loaded(_ change: ((String) -> String)? = nil) throws -> LoadedFile {
        let text = try String(contentsOfFile: repositoryPath(sample), encoding: .utf8)
        let changed = change?(text) ?? text
        if change != nil { #expect(changed != text, "the change must apply to the sample") }
        return try SubmissionLoader().load(bytes: Array(changed.utf8), name: "test.xml")
    }

    /// Replaces the text of the first `<element>` with `value`.
    func replacing(_ element: String, with value: String) -> (String) -> String {
        { text in
            guard let start = text.range(of: "<\(element)>"), let end = text.range(of: "</\(element)>", range: start.upperBound..<text.endIndex)
            else { return text }
            return text.replacingCharacters(in: start.upperBound..<end.lowerBound, with: value)
        }
    }

    @Test(arguments: ["description", "partnershipEvidence", "evidence"], ["\n", "\r\n", "\n\n   "])
    func longTextMaySpanLines(element: String, lineBreak: String) throws {
        let value = "First paragraph of the terms." + lineBreak + "Second paragraph, section 4.2."
        let file = try loaded(replacing(element, with: value))
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics.map(\.message))")
        let submission = try #require(file.submission)
        let original = try #require(try loaded().submission)
        // Decided as the one-line original is: the text is reported, never weighed.
        let engine = DeterminationEngine()
        #expect(engine.determine(submission, year: 2024).determination == engine.determine(original, year: 2024).determination)
        if element == "description" {
            // XML turns a carriage return and line feed into one line feed; the rest is kept as written.
            #expect(submission.arrangement.description == value.replacingOccurrences(of: "\r\n", with: "\n"))
        }
    }

    @Test func namesStayOnOneLine() throws {
        let file = try loaded(replacing("name", with: "Lakeshore\nPhysician Partners"))
        #expect(file.submission == nil)
        #expect(file.diagnostics.map(\.code) == [.schema])
        #expect(file.diagnostics.first?.path == "/submission/submitter/name")
    }

    @Test(arguments: [" ", "\n", " \r\n\t "])
    func longTextOfOnlyWhiteSpaceIsRefused(value: String) throws {
        let file = try loaded(replacing("description", with: value))
        #expect(file.submission == nil)
        #expect(file.diagnostics.map(\.code) == [.schema])
        #expect(file.diagnostics.first?.path == "/submission/arrangement/description")
    }
}
