import Dispatch
import Foundation

/// Starts the worker threads `parallelMap` will use, so that they are up by the time the work is:
/// Dispatch makes them on first demand, and on a batch that left one thread alone with the first
/// files for its first ten milliseconds. Call it before serial set-up work (walking directories).
public func warmUpWorkerThreads(jobs: Int? = nil) {
    let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
    for _ in 1..<Swift.max(workers, 1) { DispatchQueue.global().async {} }
}

extension Array where Element: Sendable {
    /// Maps on up to `jobs` threads (default: all cores) and returns results in input order, so
    /// output never depends on scheduling or on the number of threads. Each thread takes the next
    /// element not yet taken, so one large file (or one costly list format) does not leave the other
    /// threads idle behind a fixed share.
    public func parallelMap<T: Sendable>(jobs: Int? = nil, _ transform: @Sendable (Element) -> T) -> [T] {
        let workers = Swift.min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, count)
        guard workers > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        let input = self
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.claim() {
                results.store(transform(input[index]), at: index)
            }
        }
        return results.values()
    }
}

/// Write-once slots filled from many threads; each index is claimed, and written, by exactly one thread.
/// Each slot is its own memory, written without the lock: only claiming an index takes it (taking it
/// twice per file as well moved its cache line between the cores twice as often).
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int
    private var next = 0
    private let lock = NSLock()

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// The next index no thread has taken, or nil when all are taken.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    /// Written once, by the thread that claimed `index`; read only after every thread has finished
    /// (`concurrentPerform` returns then).
    func store(_ value: T, at index: Int) {
        slots[index] = value
    }

    /// The results, moved out of their slots: copying them out retained every part of every result
    /// on one thread, and freeing the slots released it all again.
    func values() -> [T] {
        var values: [T] = []
        values.reserveCapacity(count)
        for index in 0..<count {
            if let value = slots[index].take() { values.append(value) }
        }
        return values
    }
}
