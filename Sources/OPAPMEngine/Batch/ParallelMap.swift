import Dispatch
import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules

/// Starts the worker threads `parallelMap` will use, so that they are up by the time the work is:
/// Dispatch makes them on first demand, and on a batch that left one thread alone with the first
/// files for its first ten milliseconds. Call it before serial set-up work (walking directories).
public func warmUpWorkerThreads(jobs: Int? = nil) {
    for _ in 1..<Swift.max(threadCount(jobs: jobs), 1) { DispatchQueue.global().async {} }
}

/// The threads a batch runs on: `jobs` when given, else every core.
func threadCount(jobs: Int?) -> Int {
    jobs ?? ProcessInfo.processInfo.activeProcessorCount
}

extension Array where Element: Sendable {
    /// Maps on up to `jobs` threads (default: all cores) and returns results in input order, so
    /// output never depends on scheduling or on the number of threads. Each thread takes the next
    /// element not yet taken, so one large file (or one costly list format) does not leave the other
    /// threads idle behind a fixed share. Each result is written straight into its place in the
    /// returned array: holding results in slots and moving them out afterwards touched every page of
    /// a batch's results twice on one thread.
    public func parallelMap<T: Sendable>(jobs: Int? = nil, _ transform: @Sendable (Element) -> T) -> [T] {
        let workers = Swift.min(threadCount(jobs: jobs), count)
        guard workers > 1 else { return map(transform) }
        let claims = IndexClaims(count: count)
        let input = self
        return [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            let places = ResultPlaces(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let index = claims.next() {
                    places.initialize(index, to: transform(input[index]))
                }
            }
            // Every index was claimed, and so written, once: the whole buffer is initialized.
            initializedCount = input.count
        }
    }
}

/// Hands out each index below `count` once, to whichever thread asks next.
private final class IndexClaims: @unchecked Sendable {
    private let count: Int
    private var taken = 0
    private let lock = NSLock()

    init(count: Int) {
        self.count = count
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < count else { return nil }
        taken += 1
        return taken - 1
    }
}

/// The uninitialized places of a result array, each written by the one thread that claimed its index.
private struct ResultPlaces<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>

    func initialize(_ index: Int, to value: consuming T) {
        (base + index).initialize(to: value)
    }
}
