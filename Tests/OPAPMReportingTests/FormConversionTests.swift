import Foundation
import Testing

@testable import OPAPMCore
@testable import OPAPMEngine
@testable import OPAPMModel
@testable import OPAPMReporting
@testable import OPAPMRules

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Every schema-valid submission the repository holds (samples and test fixtures).
private func validSubmissions() throws -> [(name: String, bytes: [UInt8])] {
    let loader = try SubmissionLoader()
    var found: [(String, [UInt8])] = []
    for directory in ["samples", "Tests/Fixtures"] {
        let base = root.appendingPathComponent(directory)
        let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)!
        for case let url as URL in walker where url.pathExtension == "xml" && !url.lastPathComponent.hasSuffix(".qp.xml") {
            guard let data = FileManager.default.contents(atPath: url.path), data.count < 4_000_000 else { continue }
            let bytes = [UInt8](data)
            if loader.load(bytes: bytes, name: url.path).submission != nil { found.append((url.path, bytes)) }
        }
    }
    return found.sorted { $0.0 < $1.0 }
}

/// What a determination says, without the lines: a document written from its form has its own layout.
private func decided(_ bytes: [UInt8], loader: SubmissionLoader) -> [String] {
    var engine = DeterminationEngine()
    engine.findsRemedies = true
    let result = engine.determine(loader.load(bytes: bytes, name: "x.xml"), years: nil)
    return result.findings.map { "\($0.rule) \($0.severity) \($0.path) \($0.message)" }
        + result.arrangements.flatMap { arrangement in
            ["\(arrangement.performanceYear) \(arrangement.determination)"]
                + arrangement.findings.map { "\($0.rule) \($0.severity) \($0.path) \($0.message)" }
                + (arrangement.wouldPass ?? []).map { "\($0.rule) \($0.path) \($0.to)" }
        }
}

@Suite struct FormConversionTests {
    @Test func everyValidSubmissionRoundTripsThroughItsForm() throws {
        let loader = try SubmissionLoader()
        let form = try SubmissionForm()
        let files = try validSubmissions()
        #expect(files.count > 60)
        for (name, bytes) in files {
            let value = try form.form(ofXML: bytes, name: name, loader: loader).get()
            let written = try FormConversion.xml(of: value, form: form, name: name, loader: loader).get()
            // Opening and saving without a change: the same form, the same determination, and a fixed point.
            let again = try form.form(ofXML: written, name: name, loader: loader).get()
            #expect(again == value, "\(name)")
            #expect(decided(written, loader: loader) == decided(bytes, loader: loader), "\(name)")
            #expect(try form.xml(of: again) == written, "\(name)")
        }
    }

    @Test func aRosterRoundTrips() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-form-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try SubmissionGenerator(count: 1, roster: 300, seed: 7).write(into: directory.path)
        let file = try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasSuffix(".xml") }!
        let bytes = [UInt8](FileManager.default.contents(atPath: directory.appendingPathComponent(file).path)!)
        let loader = try SubmissionLoader()
        let form = try SubmissionForm()
        let value = try form.form(ofXML: bytes, name: file, loader: loader).get()
        guard case .list(let entities)? = value["arrangement"]?["apmEntities"]?["apmEntity"],
            case .list(let clinicians)? = entities.first?["roster"]?["clinician"]
        else {
            Issue.record("no roster in the form")
            return
        }
        #expect(clinicians.count == 300)
        #expect(clinicians.first?["npi"] != nil && clinicians.first?["usesCehrt"] != nil)
        let written = try FormConversion.xml(of: value, form: form, name: file, loader: loader).get()
        #expect(decided(written, loader: loader) == decided(bytes, loader: loader))
    }

    @Test func theShapeIsTheSchemas() throws {
        let shape = try SubmissionForm().shape
        #expect(shape.name == "submission")
        #expect(shape.attributes.map(\.name) == ["version"])
        #expect(shape.children.map(\.element.name) == [
            "id", "process", "submitter", "payer", "submissionDate", "performanceYears", "contact", "attestation", "arrangement",
        ])
        // No element has an attribute or child named like the key of its own text, nor two of one name.
        func walk(_ element: ElementShape) {
            let names = SubmissionForm.names(element)
            #expect(Set(names).count == names.count, "\(element.name)")
            #expect(!(element.attributes.map(\.name) + element.children.map(\.element.name)).contains(SubmissionForm.textKey))
            element.children.forEach { walk($0.element) }
        }
        walk(shape)
        let payerType = try #require(shape.child("payer")?.element.child("type")?.element.text)
        #expect(payerType.choices.contains("medicaid-ffs") && payerType.choices.contains("commercial"))
        let band = try #require(shape.child("arrangement")?.element.child("financialRisk")?.element.child("lossSharing")?.element.child("band"))
        #expect(band.repeats && band.maximum == 50)
        #expect(band.element.attributes.map(\.name) == ["fromPercent", "toPercent", "ratePercent"])
        #expect(band.element.attributes.map(\.required) == [true, false, true])
        // Simple content extending another simple-content type takes the base's attributes first.
        let characteristic = try #require(shape.child("arrangement")?.element.child("medicalHome")?.element.child("characteristic"))
        #expect(characteristic.element.attributes.map(\.name) == ["met", "name"])
        #expect(characteristic.element.text != nil)
    }

    @Test func elementPathsNameFormFields() throws {
        let form = try SubmissionForm()
        #expect(form.field(forElementPath: "/submission/arrangement/financialRisk/lossSharing/band[2]")
            == "arrangement.financialRisk.lossSharing.band[1]")
        #expect(form.field(forElementPath: "/submission/arrangement/apmEntities/apmEntity") == "arrangement.apmEntities.apmEntity[0]")
        #expect(form.field(forElementPath: "/submission/payer/name") == "payer.name")
        #expect(form.field(forElementPath: "/elsewhere/x") == "/elsewhere/x")
    }

    @Test func aFormThatCannotBeWrittenSaysWhichField() throws {
        let loader = try SubmissionLoader()
        let sample = root.appendingPathComponent("samples/approved/clinician-initiated-apm-entity-commercial.xml").path
        let json = try FormConversion.json(fromXML: [UInt8](FileManager.default.contents(atPath: sample)!), name: sample, loader: loader).get()
        var text = String(decoding: json, as: UTF8.self)
        func failure(_ changed: String) -> String {
            switch FormConversion.xml(fromJSON: Array(changed.utf8), name: "x.json", loader: loader) {
            case .success: "converted"
            case .failure(let failure): failure.description
            }
        }
        // A misspelt field is never dropped in silence.
        #expect(failure(text.replacingOccurrences(of: "\"cehrt\" : {", with: "\"cehrtt\" : {"))
            .contains("arrangement.cehrtt: is not part of arrangement"))
        // A number would not stay exact.
        #expect(failure(text.replacingOccurrences(of: "\"ratePercent\" : \"50\"", with: "\"ratePercent\" : 50"))
            .contains("should be"))
        // What the schema refuses is said by field.
        let bad = failure(text.replacingOccurrences(of: "\"ratePercent\" : \"50\"", with: "\"ratePercent\" : \"fifty\""))
        #expect(bad.contains("arrangement.financialRisk.lossSharing.band[0]"), "\(bad)")
        #expect(failure("{\"payer\": [1]}").contains("should be") || failure("{\"payer\": [1]}").contains("payer"))
        #expect(failure("not json").contains("JSON"))
        // null is not "blank": a field not given is left out or "".
        #expect(failure(text.replacingOccurrences(of: "\"phone\" : \"+1-555-555-0142\"", with: "\"phone\" : null"))
            .contains("contact.phone"))
        // An optional section of blanks is not given either.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var arrangement = try #require(object["arrangement"] as? [String: Any])
        arrangement["qpFigures"] = ["revenueThroughArrangement": "", "totalRevenueFromPayer": " ", "patientsThroughArrangement": ""]
        object["arrangement"] = arrangement
        let blanks = try JSONSerialization.data(withJSONObject: object)
        let withoutFigures = try FormConversion.xml(fromJSON: [UInt8](blanks), name: "x.json", loader: loader).get()
        #expect(!String(decoding: withoutFigures, as: UTF8.self).contains("qpFigures"))
        // A blank optional field is "not given": clearing the phone leaves the element out.
        text = text.replacingOccurrences(of: "\"phone\" : \"+1-555-555-0142\"", with: "\"phone\" : \"\"")
        let written = try FormConversion.xml(fromJSON: Array(text.utf8), name: "x.json", loader: loader).get()
        #expect(!String(decoding: written, as: UTF8.self).contains("<phone>"))
    }
}

/// The API document describes the JSON form exactly as the converter takes it.
@Suite struct FormSchemaTests {
    @Test func theAPIDocumentsFormIsTheShapes() throws {
        let generated = try JSONOutput.encodeBytes(FormSchema.of(try SubmissionForm().shape))
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("schemas/openapi.json"))) as? [String: Any]
        let schemas = (document?["components"] as? [String: Any])?["schemas"] as? [String: Any]
        var documented = try #require(schemas?["SubmissionForm"] as? [String: Any])
        documented["description"] = nil
        documented["example"] = nil
        let expected = try JSONSerialization.jsonObject(with: Data(generated)) as? NSDictionary
        if ProcessInfo.processInfo.environment["OPAPM_RECORD"] != nil {
            try Data(generated).write(to: URL(fileURLWithPath: "/tmp/opapm-submission-form.schema.json"))
        }
        #expect(NSDictionary(dictionary: documented) == expected,
            "components.schemas.SubmissionForm differs from the form's shape: OPAPM_RECORD=1 writes the shape's schema to /tmp/opapm-submission-form.schema.json")
        // The generated schema holds what a page sends: blanks, and booleans where the XML has them.
        let text = String(decoding: generated, as: UTF8.self)
        #expect(text.contains("\"additionalProperties\" : false") && text.contains("\"boolean\"") && !text.contains("maxItems"))
    }
}

@Suite struct AtomicCreateTests {
    /// `AtomicFile.create` writes a new file whole and never replaces one; no temporary file is left.
    @Test func aNewFileIsWrittenWholeAndNeverOverAnother() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-create-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("new.xml").path
        #expect(AtomicFile.create(path, with: Array("first".utf8)) == nil)
        #expect(AtomicFile.create(path, with: Array("second".utf8)) == String(cString: strerror(EEXIST)))
        #expect(FileManager.default.contents(atPath: path) == Data("first".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["new.xml"])
        #expect(AtomicFile.create(folder.appendingPathComponent("no/such/dir.xml").path, with: [1]) != nil)
    }
}
