import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules

/// A progress line on standard error for long runs at a terminal: `opapm: 1200 of 20000 files`, redrawn
/// in place four times a second once the run has taken two seconds, and cleared at the end. Nothing is
/// written when standard error is not a terminal (CI logs, pipes), so reports stay as they were.
public final class Progress: @unchecked Sendable {
    private let total: Int
    private let noun: String
    private let lock = NSLock()
    private var done = 0
    private var finished = false
    private var shown = false
    private let started = Date()
    private let delay: TimeInterval

    /// A progress line for `total` files when standard error is a terminal, else nil.
    /// `OPAPM_PROGRESS_AFTER` (seconds) changes the two-second delay (the tests set 0).
    public static func forTerminal(total: Int, noun: String = "files") -> Progress? {
        guard isatty(STDERR_FILENO) == 1, total > 1 else { return nil }
        let delay = ProcessInfo.processInfo.environment["OPAPM_PROGRESS_AFTER"].flatMap(TimeInterval.init) ?? 2
        let progress = Progress(total: total, noun: noun, delay: delay)
        let thread = Thread { progress.run() }
        thread.start()
        return progress
    }

    private init(total: Int, noun: String, delay: TimeInterval) {
        self.total = total
        self.noun = noun
        self.delay = delay
    }

    /// One more item done (any thread).
    public func tick() {
        lock.lock()
        done += 1
        lock.unlock()
    }

    /// Stops the line and clears it.
    public func finish() {
        // Under the lock, as the line is drawn: a line drawn after the clearing would stay.
        lock.lock()
        finished = true
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        lock.unlock()
    }

    private func run() {
        while true {
            lock.lock()
            if finished {
                lock.unlock()
                return
            }
            if Date().timeIntervalSince(started) >= delay {
                shown = true
                FileHandle.standardError.write(Data("\ropapm: \(done) of \(total) \(noun)".utf8))
            }
            lock.unlock()
            Thread.sleep(forTimeInterval: 0.25)
        }
    }
}
