import ArgumentParser
import OPAPMCore
import OPAPMReporting

/// `opapm convert`: a submission's XML to its JSON form (what the workbench's page sends), and a JSON
/// form back to schema-valid XML; the mapping is the schema's (docs/schema.md, "The JSON form").
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a submission between its XML and its JSON form.",
        usage: "opapm convert <file> [--output <output>]",
        discussion: """
            A .json file is written as XML, anything else read as XML is written as its JSON form. XML written from \
            a form is validated first: nothing invalid is written. The output must be a new file.
            Exit status: 0 converted, 1 not a valid submission, 2 usage error, unreadable input or output refused.
            """)

    @Argument(help: "A submission's XML, or its JSON form (.json).")
    var file: String

    @Option(name: .shortAndLong, help: "File to write (must not exist); default: standard output.")
    var output: String?

    @OptionGroup var limits: LimitOptions

    func run() throws {
        let loader = try CommandSupport.loader(limits)
        switch FormConversion.run(input: file, output: output, loader: loader, limit: Int(limits.maxFileSize)) {
        case .converted(let bytes):
            if let bytes { print(String(decoding: bytes, as: UTF8.self), terminator: "") }
            if let output { print("\(FormConversion.kind(of: [], name: file) == .json ? "XML" : "JSON form") written to \(DisplayText.safe(output))") }
        case .invalid(let failure):
            for problem in failure.problems { CommandSupport.warn("\(file): \(problem)") }
            throw ExitCode(1)
        case .refused(let reason):
            throw CommandSupport.fail(reason)
        }
    }
}
