import OPAPMXML

/// What each XML-layer diagnostic means and how to fix it: the title and summary the finding
/// catalogue shows, and the help the engine attaches to each diagnostic it reports.
public enum XMLDiagnosticText {
    public static func describe(_ code: XMLDiagnostic.Code) -> (title: String, summary: String, help: String) {
        switch code {
        case .malformed:
            return ("Document is not well-formed XML",
                "The file is not well-formed XML: a syntax error, a bad encoding, or a truncated document. Nothing is decided.",
                "fix the XML syntax at the position shown")
        case .doctype:
            return ("DOCTYPE declarations are refused",
                "Submissions may not declare a DTD or entities: opapm refuses them outright, never loading or expanding them.",
                "remove the DOCTYPE declaration; submissions may not declare DTDs or entities")
        case .tooDeep:
            return ("Elements nested deeper than the limit",
                "Elements are nested deeper than --max-depth allows; reading stopped there.",
                "submissions nest about seven levels; check the structure or raise --max-depth")
        case .tooLarge:
            return ("File larger than the size limit",
                "The file (or standard input) is larger than --max-file-size (--max-stream-size for -); it was not read.",
                "split the submission or raise --max-file-size (--max-stream-size for standard input)")
        case .empty:
            return ("File is empty", "The file has no content.", "the file has no content")
        case .tooManyDiagnostics:
            return ("More diagnostics than the per-file limit",
                "More problems than --max-diagnostics; the rest were not reported.",
                "fix the first problems and run again, or raise --max-diagnostics")
        case .listTooLong:
            return ("Roster longer than the limit",
                "A roster lists more clinicians than --max-roster; reading stopped there.",
                "split the roster across submissions, or raise --max-roster")
        case .tooManyElements:
            return ("More elements than the limit",
                "The document has more elements than --max-elements (roster entries aside); reading stopped there.",
                "a submission has a few hundred elements; check the file or raise --max-elements")
        case .textTooLong:
            return ("Element text longer than the limit",
                "An element's text is longer than --max-text-size; reading stopped there.",
                "shorten the element's text or raise --max-text-size")
        case .schema:
            return ("Not valid against the submission schema",
                "The document is well-formed but not valid against schemas/submission.xsd (or schemas/qp-data.xsd for QP data): "
                    + "the message names the element and what was expected.",
                "see docs/schema.md for the element's definition")
        }
    }
}
