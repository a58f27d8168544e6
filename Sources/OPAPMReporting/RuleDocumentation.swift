import Foundation
import OPAPMCore

/// Renders rule descriptions: the `rules` table, `explain`, and the generated docs/rules pages.
public enum RuleDocumentation {
    public static func table() -> String {
        var out = ""
        let rules = RuleRegistry.all.map(\.description)
        let width = rules.map(\.id.count).max() ?? 8
        for rule in rules {
            let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            out += "\(id)  \(severity)  \(rule.title)  [\(rule.citation)]\n"
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
            out += "- fails: `\(example.file)` (PY\(example.year))\n"
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

    /// The page for one QP finding id: docs/rules/QPnnn.md.
    public static func page(_ finding: QPDataChecks.Description) -> String {
        var out = "# \(finding.id): \(finding.title)\n\n"
        out += "Found by `opapm qp` in QP data (docs/qp.md). Citation: \(finding.citation).\n\n"
        out += "## What it checks\n\n\(finding.summary)\n\n"
        out += "## How to fix\n\n\(finding.help)\n"
        return out
    }

    /// docs/rules/README.md: the index of rule pages.
    public static func index() -> String {
        var out = "# Rules\n\nGenerated from the rule descriptions (`opapm rules`, `opapm explain ID`); do not edit.\n\n"
        out += "| id | severity | title | citation |\n|---|---|---|---|\n"
        for rule in RuleRegistry.all.map(\.description) {
            out += "| [\(rule.id)](\(rule.id).md) | \(rule.severity.rawValue) | \(rule.title) | \(rule.citation) |\n"
        }
        out += "\nQP data findings (`opapm qp`):\n\n| id | title | citation |\n|---|---|---|\n"
        for finding in QPDataChecks.descriptions {
            out += "| [\(finding.id)](\(finding.id).md) | \(finding.title) | \(finding.citation) |\n"
        }
        out += "\nXML-level findings (from the XML layer, not rules):\n\n"
        for finding in RuleRegistry.xmlFindings {
            out += "- `\(finding.id)`: \(finding.title)\n"
        }
        return out
    }
}
