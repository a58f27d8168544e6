import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Maps on up to `jobs` threads (default: all cores) and returns results in input order, so
    /// output never depends on scheduling or on the number of threads.
    public func parallelMap<T: Sendable>(jobs: Int? = nil, _ transform: @Sendable (Element) -> T) -> [T] {
        let workers = Swift.min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, count)
        guard workers > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        let input = self
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: input.count, by: workers) {
                results.store(transform(input[index]), at: index)
            }
        }
        return results.values()
    }
}

/// Write-once slots filled from many threads; each index is written by exactly one iteration.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ value: T, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [T] {
        slots.compactMap { $0 }
    }
}
