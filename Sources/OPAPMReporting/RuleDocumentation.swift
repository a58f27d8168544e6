import Foundation
import OPAPMCore

/// Renders rule descriptions: the `rules` table, `explain`, and the generated docs/rules pages.
public enum RuleDocumentation {
    /// `opapm rules`: every id of the catalogue, the rules first.
    public static func table() -> String {
        var out = ""
        let entries = FindingCatalogue.all
        let width = entries.map(\.id.count).max() ?? 8
        for entry in entries {
            let id = entry.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = entry.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            let kind = entry.rule == nil ? " (\(entry.kind.rawValue))" : ""
            out += "\(id)  \(severity)  \(entry.title)\(kind)  [\(entry.citation)]\n"
        }
        return out
    }

    /// The page for one rule, used by both `opapm explain` and docs/rules/ID.md.
    public static func page(_ rule: RuleDescription) -> String {
        var out = "# \(rule.id): \(rule.title)\n\n"
        out += "Default severity: **\(rule.severity.rawValue)**. Citation: \(rule.citation).\n\n"
        out += "## What it checks\n\n\(rule.summary)\n\n"
        out += "## Why it matters\n\n\(rule.rationale)\n\n"
        out += "## How to fix\n\n\(rule.help)\n\n"
        out += lawByYear(rule)
        out += "## Examples\n\n"
        for example in rule.passing {
            out += "- passes: `\(example.file)` (PY\(example.year))\n"
        }
        for example in rule.failing {
            out += "- fails: `\(example.file)` (PY\(example.year))"
            if let at = example.at { out += ", flagging `\(at)`" }
            out += "\n"
        }
        if let example = rule.failing.first {
            // A year opapm has no table for is a usage error with --year; the file's own years show it.
            let year = PerformanceYearTable.supportedYears.contains(example.year) ? " --year \(example.year)" : ""
            let options = example.options.isEmpty ? "" : " " + example.options
            out += "\nTry it, from the repository root:\n\n```console\n$ opapm check \(example.file)\(year)\(options)\n```\n"
        }
        return out
    }

    /// The values of the law the rule decides by, each period with its value and provenance, from the
    /// active law: what changes by year, read from the same file the decisions are.
    static func lawByYear(_ rule: RuleDescription) -> String {
        guard !rule.law.isEmpty else { return "" }
        let law = ActiveLaw.current
        var out = "## The law it decides by, by performance year\n\n"
        out += "From `law/opapm-law.json` ([the law by performance year](../law.md)); every finding carries these values for its year.\n\n"
        out += "| value | PY | in force | provenance | source |\n|---|---|---|---|---|\n"
        for key in rule.law {
            for entry in law.document.entries where entry.key == key.rawValue {
                out += "| `\(key.rawValue)` | \(entry.years(lastYear: law.document.lastYear)) | \(LawTable.cell(entry.value.shown)) | "
                out += "\(entry.provenance.rawValue) | \(LawTable.cell(entry.citation)) |\n"
            }
        }
        return out + "\n"
    }

    /// The page for any id of the catalogue: a rule's full page, or the page of an XML, file, batch or QP finding.
    public static func page(_ entry: FindingCatalogue.Entry) -> String {
        if let rule = entry.rule { return page(rule) }
        let source = switch entry.kind {
        case .xml: "the secure XML reader, before any rule runs (docs/bad-input.md)"
        case .file: "the file reader (docs/bad-input.md)"
        case .batch: "the check across the files of one run"
        case .qp: "`opapm qp` in QP data (docs/qp.md)"
        case .rule: "a rule"
        }
        var out = "# \(entry.id): \(entry.title)\n\n"
        out += "Found by \(source). Severity: **\(entry.severity.rawValue)**. Citation: \(entry.citation).\n\n"
        out += "## What it checks\n\n\(entry.summary)\n\n"
        out += "## How to fix\n\n\(entry.help)\n"
        return out
    }

    /// docs/rules/README.md: the index of rule pages.
    public static func index() -> String {
        var out = "# Rules\n\nGenerated from the rule descriptions (`opapm rules`, `opapm explain ID`); do not edit.\n\n"
        out += "| id | severity | title | citation |\n|---|---|---|---|\n"
        for rule in RuleRegistry.all.map(\.description) {
            out += "| [\(rule.id)](\(rule.id).md) | \(rule.severity.rawValue) | \(rule.title) | \(rule.citation) |\n"
        }
        out += "\nFindings from outside the rules: the XML reader, unreadable files, the cross-file check and QP data.\n\n"
        out += "| id | found by | title |\n|---|---|---|\n"
        for entry in FindingCatalogue.all where entry.rule == nil {
            out += "| [\(entry.id)](\(entry.id).md) | \(entry.kind.rawValue) | \(entry.title) |\n"
        }
        return out
    }
}
