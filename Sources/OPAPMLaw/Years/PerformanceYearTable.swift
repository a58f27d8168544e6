import Foundation
import OPAPMFiles
import OPAPMModel

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

    /// The years' values in year order: a lookup is an index, with no hashing (a batch asks several
    /// times per file).
    /// Each year is built the first time it is asked for: a one-file check needs one year of eleven.
    private final class Built: @unchecked Sendable {
        let law: Law
        let firstYear: Int
        private let lock = NSLock()
        /// Read and written only under `lock`; its length is `count`, fixed, so the bounds check needs no lock.
        private var years: [PerformanceYearParameters?]
        private let count: Int

        init(_ law: Law) {
            self.law = law
            firstYear = law.years.lowerBound
            count = law.years.count
            years = Array(repeating: nil, count: law.years.count)
        }

        func parameters(for year: Int) -> PerformanceYearParameters? {
            let index = year - firstYear
            guard index >= 0 && index < count else { return nil }
            lock.lock()
            defer { lock.unlock() }
            if let built = years[index] { return built }
            let built = PerformanceYearParameters(law: law, year: year)
            years[index] = built
            return built
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var built: Built?

    /// Only the reference is read under the lock.
    private static var current: Built {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let made = Built(ActiveLaw.current)
        built = made
        return made
    }

    /// Forgets the built table, for a newly chosen law.
    static func reset() {
        lock.lock()
        built = nil
        lock.unlock()
    }

    public static func parameters(for year: Int) throws(UnsupportedYear) -> PerformanceYearParameters {
        guard let parameters = current.parameters(for: year) else { throw UnsupportedYear(year: year) }
        return parameters
    }
}
