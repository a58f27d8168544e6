import Foundation
import OPAPMFiles
import OPAPMModel

/// The law opapm decides by: every period-keyed value, checked whole when loaded. The built-in law is
/// `law/opapm-law.json`, compiled in; `--law FILE` replaces it with a newer file for a run, so a new year
/// or a statute needs no new release.
public struct Law: Sendable {
    public let document: LawDocument
    /// Each year's entries by key: `entries[year - firstYear][key.ordinal]`, filled by the checks below for
    /// every key and year. Arrays, not dictionaries: every run builds this, and hashing the keys' names
    /// some two thousand times was a tenth of a one-file check's own work.
    private let byYear: [[LawEntry?]]
    /// Where the law came from: `built-in` or the file's path.
    public let origin: String

    public var years: ClosedRange<Int> { document.firstYear...document.lastYear }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Checks the document: its format, each entry's key and value type, and that every key opapm reads
    /// is given for every year exactly once.
    public init(_ document: LawDocument, origin: String) throws(Failure) {
        func fail(_ message: String) -> Failure { Failure(description: "\(DisplayText.safe(origin)): \(message)") }
        guard document.format == "opapm-law/1" else {
            throw fail("format is \(DisplayText.safe(document.format)); this opapm reads opapm-law/1")
        }
        guard document.firstYear <= document.lastYear else { throw fail("firstYear is after lastYear") }
        let firstYear = document.firstYear
        var byYear = [[LawEntry?]](
            repeating: [LawEntry?](repeating: nil, count: LawKey.allCases.count), count: document.lastYear - firstYear + 1)
        for (index, entry) in document.entries.enumerated() {
            func name() -> String { "entry \(index + 1) (\(DisplayText.safe(entry.key)))" }
            guard let key = LawKey(rawValue: entry.key) else { throw fail("\(name()): unknown key") }
            if let problem = key.problem(with: entry.value) { throw fail("\(name()): value \(problem)") }
            let last = entry.to ?? document.lastYear
            guard entry.from <= last else { throw fail("\(name()): from \(entry.from) is after to \(last)") }
            guard entry.from >= firstYear, last <= document.lastYear else {
                throw fail("\(name()): years \(entry.from)–\(last) are outside \(firstYear)–\(document.lastYear)")
            }
            for year in entry.from...last {
                if byYear[year - firstYear][key.ordinal] != nil { throw fail("\(name()): a second value for \(year)") }
                byYear[year - firstYear][key.ordinal] = entry
            }
        }
        for year in document.firstYear...document.lastYear {
            for key in LawKey.allCases where byYear[year - firstYear][key.ordinal] == nil {
                throw fail("\(key.rawValue) has no value for \(year)")
            }
        }
        self.document = document
        self.byYear = byYear
        self.origin = origin
    }

    /// A law file's text, checked (`origin` names it in messages).
    public init(json data: Data, origin: String) throws(Failure) {
        let document: LawDocument
        do {
            document = try JSONFile.decode(LawDocument.self, from: data, what: "an opapm law file")
        } catch {
            throw Failure(description: "\(DisplayText.safe(origin)): \(error.description)")
        }
        try self.init(document, origin: origin)
    }

    /// A law file on disk (`--law FILE`).
    public static func load(path: String) throws(Failure) -> Law {
        switch BoundedFile.read(path, limit: 16 * 1024 * 1024) {
        case .success(let data): return try Law(json: data, origin: path)
        case .failure(let refusal): throw Failure(description: "\(DisplayText.safe(path)): \(refusal.description)")
        }
    }

    /// The law compiled into the binary.
    public static let builtIn: Law = {
        do throws(Failure) {
            return try Law(EmbeddedLaw.document, origin: "built-in")
        } catch {
            // The built-in file is checked by the tests (LawTests) before any release.
            fatalError("the built-in law is invalid: \(error.description)")
        }
    }()

    /// The entry for `key` in `year`, or nil for a year the law does not cover.
    public func entry(_ key: LawKey, _ year: Int) -> LawEntry? {
        years.contains(year) ? byYear[year - document.firstYear][key.ordinal] : nil
    }

    /// The entries in force in `year`, in the order of `LawKey`.
    public func entries(for year: Int) -> [LawEntry] {
        years.contains(year) ? byYear[year - document.firstYear].compactMap { $0 } : []
    }

    /// The same with their keys.
    func keyedEntries(for year: Int) -> [(key: LawKey, entry: LawEntry)] {
        guard years.contains(year) else { return [] }
        return LawKey.allCases.compactMap { key in byYear[year - document.firstYear][key.ordinal].map { (key, $0) } }
    }
}

/// The law a run uses: the built-in one unless `--law` chose another, set once before any work starts
/// (and so before any thread reads it).
public enum ActiveLaw {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var chosen: Law?

    public static var current: Law {
        lock.lock()
        defer { lock.unlock() }
        return chosen ?? Law.builtIn
    }

    public static func use(_ law: Law) {
        lock.lock()
        chosen = law
        lock.unlock()
        PerformanceYearTable.reset()
    }
}
