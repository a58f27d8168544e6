import Foundation
import OPAPMCore
import Yams

/// `.opapm.yml`: project defaults for `opapm lint`. Every key is checked; an unknown key or a bad
/// value is an error naming the file and line, so a typo never silently changes what CI enforces.
///
/// ```yaml
/// years: [2025]                # performance years to decide (default: each submission's own)
/// measures: data/measures-data.json   # a CMS catalogue; needs exactly one year
/// ignore: ["samples/invalid/*"]       # fnmatch patterns; * also crosses /
/// rules:
///   SUB004: {severity: off, reason: "deadlines are tracked elsewhere"}
/// ```
public struct LintConfiguration: Sendable, Hashable, Codable {
    public struct RuleSetting: Sendable, Hashable, Codable {
        /// `off`, `note`, `warning` or `error`.
        public var severity: String
        public var reason: String
    }

    public var file: String?
    public var years: [Int]?
    public var measures: String?
    public var ignore: [String] = []
    public var rules: [String: RuleSetting] = [:]

    public init() {}

    public static let fileNames = [".opapm.yml", ".opapm.yaml"]

    /// The nearest configuration file from `directory` upwards, if any.
    /// The nearest configuration file from `directory` upwards, stopping at the repository root (the
    /// first directory holding `.git`): a file above it belongs to someone else's tree. Outside a
    /// repository only `directory` itself is searched.
    public static func find(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        let inRepository = repositoryRoot(from: url) != nil
        while true {
            for name in fileNames {
                let candidate = url.appendingPathComponent(name).path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
            let parent = url.deletingLastPathComponent()
            let atRoot = FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path)
            if !inRepository || atRoot || parent.path == url.path { return nil }
            url = parent
        }
    }

    /// The first directory from `url` upwards that holds `.git`, or nil.
    static func repositoryRoot(from url: URL) -> URL? {
        var url = url
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return url }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// Configuration files larger than this are refused unread: a real one is a few hundred bytes.
    public static let maxFileBytes = 1024 * 1024

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(file):\(line):\(column): error: \(message)" }
    }

    /// Where YAML's parser stopped and what it found, in one line (Yams' own text repeats the document).
    static func explain(_ error: YamlError) -> (line: Int, column: Int, message: String) {
        func phrase(_ context: YamlError.Context?, _ problem: String) -> String {
            guard let context else { return problem }
            return "\(problem) (\(context.text), from line \(context.mark.line))"
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            return (mark.line, mark.column, phrase(context, problem))
        case let .reader(problem, _, _, _):
            return (1, 1, problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark.line, context.mark.column, "keys given twice: \(duplicates.joined(separator: ", "))")
        default:
            return (1, 1, "the file could not be read as YAML")
        }
    }

    public static func load(path: String) throws(Failure) -> LintConfiguration {
        func fail(_ message: String, _ node: Node?) -> Failure {
            Failure(file: path, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message)
        }
        let text: String
        switch BoundedFile.readText(path, limit: maxFileBytes) {
        case .success(let read): text = read
        case .failure(let reason): throw Failure(file: path, line: 0, column: 0, message: reason.description)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (line, column, message) = Self.explain(error)
            throw Failure(file: path, line: line, column: column, message: "not valid YAML: \(message)")
        } catch {
            throw Failure(file: path, line: 1, column: 1, message: "not valid YAML")
        }
        var configuration = LintConfiguration()
        configuration.file = path
        guard let root else { return configuration }
        guard let mapping = root.mapping else { throw fail("the configuration must be a mapping of keys", root) }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw fail("keys must be strings", keyNode) }
            switch key {
            case "years":
                let items = value.sequence.map(Array.init) ?? [value]
                var years: [Int] = []
                for item in items {
                    guard let year = item.int, PerformanceYearTable.supportedYears.contains(year) else {
                        let range = PerformanceYearTable.supportedYears
                        throw fail("years: '\(item.string ?? "?")' is not a performance year (\(range.lowerBound)–\(range.upperBound))", item)
                    }
                    years.append(year)
                }
                configuration.years = years
            case "measures":
                guard let file = value.string, !file.isEmpty, value.scalar != nil else { throw fail("measures: expected a file path", value) }
                configuration.measures = file
            case "ignore":
                guard let items = value.sequence else { throw fail("ignore: expected a list of patterns", value) }
                for item in items {
                    guard let pattern = item.string, item.scalar != nil else { throw fail("ignore: patterns must be strings", item) }
                    configuration.ignore.append(pattern)
                }
            case "rules":
                guard let rules = value.mapping else { throw fail("rules: expected a mapping of rule ids", value) }
                for (idNode, settings) in rules {
                    guard let id = idNode.string, let rule = RuleRegistry.rule(id: id) else {
                        if let entry = idNode.string.flatMap(FindingCatalogue.entry) {
                            throw fail("rules: \(entry.id) is found by the \(entry.kind.rawValue) checks, not a rule: its severity cannot be changed", idNode)
                        }
                        throw fail("rules: unknown rule '\(idNode.string ?? "?")' (see `opapm rules`)", idNode)
                    }
                    configuration.rules[rule.description.id] = try ruleSetting(
                        settings, key: idNode, id: rule.description.id, fail: fail)
                }
            default:
                throw fail("unknown key '\(key)' (known: years, measures, ignore, rules)", keyNode)
            }
        }
        if configuration.measures != nil && configuration.years?.count != 1 {
            throw fail("measures: needs exactly one year in years", root)
        }
        return configuration
    }

    private static func ruleSetting(_ node: Node, key: Node, id: String, fail: (String, Node?) -> Failure) throws(Failure)
        -> RuleSetting
    {
        guard let mapping = node.mapping else { throw fail("rules.\(id): expected {severity: …, reason: …}", node) }
        var severity: String?
        var reason: String?
        for (keyNode, value) in mapping {
            switch keyNode.string {
            case "severity":
                guard let text = value.string, ["off", "note", "warning", "error"].contains(text) else {
                    throw fail("rules.\(id).severity: '\(value.string ?? "?")' is not off, note, warning or error", value)
                }
                severity = text
            case "reason":
                guard let text = value.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw fail("rules.\(id).reason: must not be empty", value)
                }
                reason = text
            default:
                throw fail("rules.\(id): unknown key '\(keyNode.string ?? "?")' (known: severity, reason)", keyNode)
            }
        }
        guard let severity else { throw fail("rules.\(id): severity is required", key) }
        guard let reason else { throw fail("rules.\(id): a reason is required for every change to a rule", key) }
        return RuleSetting(severity: severity, reason: reason)
    }

    /// Severity overrides for the engine: nil turns a rule off.
    public var severityOverrides: [String: Severity?] {
        rules.mapValues { setting in setting.severity == "off" ? nil : Severity(rawValue: setting.severity) }
    }

    /// Whether a file is ignored: fnmatch without FNM_PATHNAME, so `*` matches across `/`.
    public func ignores(_ file: String) -> Bool {
        let relative = file.hasPrefix("./") ? String(file.dropFirst(2)) : file
        return ignore.contains { fnmatch($0, relative, 0) == 0 }
    }

    /// The effective configuration as YAML, for `--print-config`.
    public func rendered() -> String {
        var out = "# effective opapm lint configuration\n"
        out += "# file: \(file ?? "none (defaults)")\n"
        let years = self.years.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" } ?? "null  # each submission's own years"
        out += "years: \(years)\n"
        out += "measures: \(measures.map(quoted) ?? "null")\n"
        out += "ignore: " + (ignore.isEmpty ? "[]\n" : "\n" + ignore.map { "  - \(quoted($0))\n" }.joined())
        out += "rules:" + (rules.isEmpty ? " {}\n" : "\n")
        for id in rules.keys.sorted() {
            guard let setting = rules[id] else { continue }
            out += "  \(id):\n    severity: \(setting.severity)\n    reason: \(quoted(setting.reason))\n"
        }
        return out
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
