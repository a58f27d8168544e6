import Foundation
import OPAPMCore
import OPAPMXML

/// `opapm convert` and the workbench: a submission's XML to its JSON form and back (`SubmissionForm`).
/// XML written from a form is validated like any file before it is handed out, so a converted file is
/// always schema-valid; what is wrong is said by form field.
public enum FormConversion {
    public enum Kind: String, Sendable {
        case xml, json
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// One line per problem, each naming the field or the line.
        public var problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    /// The kind of a document: by its name's extension, else by its first character.
    public static func kind(of bytes: [UInt8], name: String) -> Kind {
        let lowered = name.lowercased()
        if lowered.hasSuffix(".json") { return .json }
        if lowered.hasSuffix(".xml") { return .xml }
        return bytes.first { !XMLBytes.isSpaceByte($0) } == UInt8(ascii: "{") ? .json : .xml
    }

    /// The other form of the document: XML for a JSON form, the JSON form for XML.
    public static func convert(_ bytes: [UInt8], name: String, loader: SubmissionLoader) -> Result<[UInt8], Failure> {
        switch kind(of: bytes, name: name) {
        case .json: xml(fromJSON: bytes, name: name, loader: loader)
        case .xml: json(fromXML: bytes, name: name, loader: loader)
        }
    }

    /// The JSON form of a schema-valid document.
    public static func json(fromXML bytes: [UInt8], name: String, loader: SubmissionLoader) -> Result<[UInt8], Failure> {
        let form: SubmissionForm
        do {
            form = try SubmissionForm()
        } catch {
            return .failure(Failure(problems: ["internal error: \(error)"]))
        }
        switch form.form(ofXML: bytes, name: name, loader: loader) {
        case .success(let value):
            guard let json = try? JSONOutput.encodeBytes(value) else { return .failure(Failure(problems: ["the form could not be written"])) }
            return .success(json)
        case .failure(let invalid):
            return .failure(Failure(problems: invalid.diagnostics.map { "line \($0.line): \($0.message)" }))
        }
    }

    /// The document a JSON form describes, or why it cannot be written or (when `validated`) is not valid.
    public static func xml(fromJSON bytes: [UInt8], name: String, loader: SubmissionLoader, validated: Bool = true)
        -> Result<[UInt8], Failure>
    {
        let form: SubmissionForm
        do {
            form = try SubmissionForm()
        } catch {
            return .failure(Failure(problems: ["internal error: \(error)"]))
        }
        let value: FormValue
        do {
            value = try JSONFile.decode(FormValue.self, from: Data(bytes), what: "a submission's JSON form")
        } catch {
            return .failure(Failure(problems: [error.description]))
        }
        if validated { return xml(of: value, form: form, name: name, loader: loader) }
        do {
            return .success(try form.xml(of: value))
        } catch {
            return .failure(Failure(problems: [error.description]))
        }
    }

    /// A submission sent as XML or as its JSON form, as XML; when `validated`, refused unless schema-valid.
    public static func submissionXML(_ bytes: [UInt8], isJSON: Bool, name: String, loader: SubmissionLoader, validated: Bool)
        -> Result<[UInt8], Failure>
    {
        if isJSON { return xml(fromJSON: bytes, name: name, loader: loader, validated: validated) }
        if validated {
            let diagnostics = loader.load(bytes: bytes, name: name).diagnostics
            if !diagnostics.isEmpty { return .failure(Failure(problems: diagnostics.map { "line \($0.line): \($0.message)" })) }
        }
        return .success(bytes)
    }

    /// The document a form describes, validated.
    public static func xml(of value: FormValue, form: SubmissionForm, name: String, loader: SubmissionLoader) -> Result<[UInt8], Failure> {
        let xml: [UInt8]
        do {
            xml = try form.xml(of: value)
        } catch {
            return .failure(Failure(problems: [error.description]))
        }
        let diagnostics = loader.load(bytes: xml, name: name).diagnostics
        guard diagnostics.isEmpty else {
            return .failure(Failure(problems: diagnostics.map { diagnostic in
                let field = form.field(forElementPath: diagnostic.path)
                return field.isEmpty ? diagnostic.message : "\(field): \(diagnostic.message)"
            }))
        }
        return .success(xml)
    }
}

extension FormConversion {
    /// What `opapm convert` ends with.
    public enum Outcome: Sendable {
        /// The converted document, for standard output (nil when it was written to a file).
        case converted([UInt8]?)
        /// The input is not a valid submission in either form: exit 1.
        case invalid(Failure)
        /// The input could not be read, or the output not written: exit 2.
        case refused(String)
    }

    /// Reads `input` (bounded), converts it, and writes the result to `output`, a file that must not
    /// exist yet (convert never replaces a file; written whole or not at all, `AtomicFile.create`), or
    /// hands it back for standard output.
    public static func run(input: String, output: String?, loader: SubmissionLoader, limit: Int) -> Outcome {
        if let output, FileManager.default.fileExists(atPath: output) || output == input {
            return .refused("\(output) exists; convert writes only a new file, so choose another name or remove it; nothing written")
        }
        let bytes: [UInt8]
        switch BoundedFile.read(input, limit: limit) {
        case .success(let data): bytes = [UInt8](data)
        case .failure(let refusal): return .refused(refusal.description)
        }
        switch convert(bytes, name: input, loader: loader) {
        case .failure(let failure):
            return .invalid(failure)
        case .success(let converted):
            guard let output else { return .converted(converted) }
            if let failure = AtomicFile.create(output, with: converted) { return .refused("cannot write \(DisplayText.safe(output)): \(failure)") }
            return .converted(nil)
        }
    }
}
