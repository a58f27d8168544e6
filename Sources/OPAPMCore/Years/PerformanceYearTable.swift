import Foundation

/// Each performance year's values, read from the active law (`ActiveLaw`): the built-in law file or the
/// one `--law` names. Built once per law; a batch of ten thousand files asks for them per file.
public enum PerformanceYearTable {
    /// The years the active law covers.
    public static var supportedYears: ClosedRange<Int> { ActiveLaw.current.years }

    public struct UnsupportedYear: Error, Sendable, CustomStringConvertible {
        public var year: Int
        public var description: String {
            let years = PerformanceYearTable.supportedYears
            return "performance year \(year) is not supported (supported: \(years.lowerBound)–\(years.upperBound))"
        }
    }

    private struct Built: Sendable {
        var table: [Int: PerformanceYearParameters]
        var rows: [Int: [ParameterRow]]
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var built: Built?

    private static var current: Built {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let law = ActiveLaw.current
        let table = Dictionary(uniqueKeysWithValues: law.years.map { ($0, PerformanceYearParameters(law: law, year: $0)) })
        let made = Built(table: table, rows: table.mapValues(\.rows))
        built = made
        return made
    }

    /// Forgets the built table, for a newly chosen law.
    static func reset() {
        lock.lock()
        built = nil
        lock.unlock()
    }

    /// The report rows of each year's values.
    static var rowsByYear: [Int: [ParameterRow]] { current.rows }

    public static func parameters(for year: Int) throws(UnsupportedYear) -> PerformanceYearParameters {
        guard let parameters = current.table[year] else { throw UnsupportedYear(year: year) }
        return parameters
    }
}
