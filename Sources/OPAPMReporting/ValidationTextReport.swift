import OPAPMCore
import OPAPMXML

/// `file:line:col: error: [ID] message` lines, the shape editors and CI logs parse.
public enum ValidationTextReport {
    public static func render(_ outcomes: [ValidationOutcome]) -> String {
        var out = ""
        var invalid = 0
        for outcome in outcomes {
            if let reason = outcome.readError {
                out += "\(DisplayText.safe(outcome.path)): error: [IO001] cannot read: \(DisplayText.safe(reason))\n"
                invalid += 1
                continue
            }
            if !outcome.diagnostics.isEmpty { invalid += 1 }
            for diagnostic in outcome.diagnostics {
                out += DisplayText.location(outcome.path, line: diagnostic.line, column: diagnostic.column)
                out += ": error: [\(diagnostic.code.rawValue)] "
                out += DisplayText.safe(diagnostic.message)
                if !diagnostic.path.isEmpty { out += " (at \(DisplayText.safe(diagnostic.path)))" }
                out += "\n"
            }
        }
        let files = outcomes.count == 1 ? "1 file" : "\(outcomes.count) files"
        out += invalid == 0 ? "\(files) valid\n" : "\(invalid) of \(files) invalid\n"
        return out
    }
}
