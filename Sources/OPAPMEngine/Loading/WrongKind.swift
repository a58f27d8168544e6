import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules
import OPAPMXML

/// Names the right command when a file of another kind is given where a submission is expected: QP data,
/// an approved list, a law file or other JSON. libxml2's own words for these ("Document is empty", "No
/// matching global declaration available for the validation root") say nothing a user can act on.
package enum WrongKind {
    /// The first diagnostic rewritten when it shows the file is of another kind; the rest dropped then.
    static func explain(_ diagnostics: [XMLDiagnostic], head: [UInt8]) -> [XMLDiagnostic] {
        guard let first = diagnostics.first else { return diagnostics }
        if first.code == .malformed || first.code == .empty, let byte = head.first(where: { !XMLBytes.isSpaceByte($0) }),
            byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")
        {
            let what = String(decoding: head, as: UTF8.self)
            let hint: String
            if what.contains("\"opapm-law/") {
                hint = "this is a law file: give it with --law FILE"
            } else if what.contains("\"performanceYear\"") || what.contains("\"arrangements\"") {
                hint = "this is JSON (an approved list?): an approved list is given with --approved (`opapm qp`, `opapm check`)"
            } else {
                hint = "this is JSON: opapm reads submissions and QP data as XML (docs/schema.md, docs/qp.md)"
            }
            return [XMLDiagnostic(code: first.code, message: hint, line: first.line, column: first.column, path: first.path)]
        }
        guard first.code == .schema, let root = Self.undeclaredRoot(first.message) else { return diagnostics }
        let hint: String
        switch root {
        case ("urn:opapm:qp-data:1", "qpData"):
            hint = "this is QP data, not a submission: use `opapm qp FILE --year PY --approved LIST` (docs/qp.md)"
        case ("urn:opapm:approved-list:1", "approvedList"):
            hint = "this is an approved list written by `opapm publish`, not a submission"
        case (_, "submission"):
            hint = "the root element submission is in the namespace '\(root.namespace)'; a submission's is urn:opapm:submission:1 (docs/schema.md)"
        default:
            let shown = root.namespace.isEmpty ? root.name : "{\(root.namespace)}\(root.name)"
            hint = "the root element is \(shown); a submission's is {urn:opapm:submission:1}submission (docs/schema.md)"
        }
        return [XMLDiagnostic(code: .schema, message: hint, line: first.line, column: first.column, path: first.path)]
    }

    /// The same for `opapm qp`, which expects QP data.
    package static func explainForQP(_ diagnostics: [XMLDiagnostic], head: [UInt8]) -> [XMLDiagnostic] {
        guard let first = diagnostics.first else { return diagnostics }
        if first.code == .schema, let root = undeclaredRoot(first.message), root == ("urn:opapm:submission:1", "submission") {
            return [XMLDiagnostic(code: .schema, message: "this is a submission, not QP data: use `opapm check FILE`",
                line: first.line, column: first.column, path: first.path)]
        }
        if first.code == .schema, let root = undeclaredRoot(first.message), root != ("urn:opapm:approved-list:1", "approvedList") {
            // Any other root: said against QP data's root, not a submission's.
            let shown = root.namespace.isEmpty ? root.name : "{\(root.namespace)}\(root.name)"
            return [XMLDiagnostic(code: .schema, message: "the root element is \(shown); QP data's is {urn:opapm:qp-data:1}qpData (docs/qp.md)",
                line: first.line, column: first.column, path: first.path)]
        }
        let explained = explain(diagnostics, head: head)
        // A hint that sends QP data to `opapm qp` is no hint here; the others hold.
        return explained.first?.message.hasPrefix("this is QP data") == true ? diagnostics : explained
    }

    /// The namespace and name of a root element libxml2 found no declaration for, from its message.
    static func undeclaredRoot(_ message: String) -> (namespace: String, name: String)? {
        guard message.contains("No matching global declaration available for the validation root"),
            let open = message.range(of: "Element '"), let close = message.range(of: "':", range: open.upperBound..<message.endIndex)
        else { return nil }
        let element = message[open.upperBound..<close.lowerBound]
        if element.hasPrefix("{"), let end = element.firstIndex(of: "}") {
            return (String(element[element.index(after: element.startIndex)..<end]), String(element[element.index(after: end)...]))
        }
        return ("", String(element))
    }

    /// The first bytes of a file, to tell JSON from XML (empty when it cannot be read).
    package static func head(of path: String) -> [UInt8] {
        guard path != InputFiles.standardInput, let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return Array((try? handle.read(upToCount: 512)) ?? Data())
    }
}
