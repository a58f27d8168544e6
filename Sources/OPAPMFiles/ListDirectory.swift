import CSystemCalls
import Foundation
import OPAPMModel

/// A published list's directory, replaced as a whole and only ever one opapm wrote.
///
/// - Ownership: each list carries a manifest (`.opapm-manifest`) naming every file opapm wrote into it.
///   An existing directory is replaced only when everything in it is named there (or it is empty), and
///   of an old list only the files it names are removed: a file someone added is never deleted.
/// - Atomicity: the new list is written into a staging directory beside the old one and exchanged with
///   it in one step (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on macOS), so a
///   reader sees the old list or the new one, never neither. Where the file system cannot exchange
///   (ENOSYS, EINVAL) it falls back to two renames, between which the directory is briefly absent.
/// - Concurrency: publishes into one parent directory hold an exclusive `flock` on it from the first
///   check to the last removal, so an overlapping run waits its turn; a staging directory left by a run
///   that was killed is removed by the next one.
public final class ListDirectory: @unchecked Sendable {
    public static let manifestName = ".opapm-manifest"
    static let manifestHeader = "# opapm published list: opapm replaces this directory only while it holds no file but those named below"

    public let path: String
    let target: String
    let parent: String
    let staging: String
    private let files: [String]
    private var lock: Int32 = -1

    /// Takes the lock, checks the directory is one opapm may replace, clears stale staging directories
    /// and starts the new list with its manifest naming `files`. Blocks while another publish holds the lock.
    public init(_ path: String, files: [String]) throws(WriteFailure) {
        self.path = path
        self.files = files.sorted()
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        target = absolute.path
        parent = absolute.deletingLastPathComponent().path
        let name = absolute.lastPathComponent
        staging = parent + "/" + Self.stagingPrefix(name) + String(ProcessInfo.processInfo.processIdentifier)
        let shown = DisplayText.safe(path)
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteFailure("cannot write \(shown): cannot create \(DisplayText.safe(parent)); nothing changed")
        }
        lock = open(parent, O_RDONLY | O_CLOEXEC | O_DIRECTORY)
        guard lock >= 0 else { throw WriteFailure("cannot write \(shown): \(String(cString: strerror(errno))); nothing changed") }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                release()
                throw WriteFailure("cannot write \(shown): cannot lock \(DisplayText.safe(parent)): \(reason); nothing changed")
            }
        }
        do throws(WriteFailure) {
            try Self.checkReplaceable(target, shown: shown)
            for stale in Self.entries(of: parent) where stale.hasPrefix(Self.stagingPrefix(name)) {
                Self.removeOwned(parent + "/" + stale)
            }
            guard mkdir(staging, 0o755) == 0 else {
                throw WriteFailure("cannot write \(shown): \(String(cString: strerror(errno))); nothing changed")
            }
            let manifest = ([Self.manifestHeader] + self.files).joined(separator: "\n") + "\n"
            if let failure = AtomicFile.write(Array(manifest.utf8), toNewFile: staging + "/" + Self.manifestName, exclusive: true) {
                Self.removeOwned(staging)
                throw WriteFailure("cannot write \(shown): \(failure); nothing changed")
            }
        } catch {
            release()
            throw error
        }
    }

    deinit { release() }

    /// Writes one file of the new list, one of those named at the start; returns why it could not, or
    /// nil. Callable from any thread, one file per call.
    public func write(_ bytes: [UInt8], named name: String) -> String? {
        guard files.contains(name) else { return "internal error: \(name) is not in the list's manifest" }
        return AtomicFile.write(bytes, toNewFile: staging + "/" + name, exclusive: true)
    }

    /// Leaves the old list as it was.
    public func discard() {
        Self.removeOwned(staging)
        release()
    }

    /// Puts the new list in place in one step and removes the old one's files. Returns a warning when
    /// the old directory could not be removed whole (someone added a file meanwhile; it is kept).
    public func commit() throws(WriteFailure) -> String? {
        defer { release() }
        let shown = DisplayText.safe(path)
        var info = stat()
        let exists = lstat(target, &info) == 0
        if !exists {
            if opapm_rename_no_replace(staging, target) == 0 { return nil }
            if (errno == ENOSYS || errno == EINVAL) && rename(staging, target) == 0 { return nil }
            let reason = String(cString: strerror(errno))
            Self.removeOwned(staging)
            throw WriteFailure("cannot write \(shown): \(reason); nothing changed")
        }
        if opapm_exchange_paths(staging, target) != 0 {
            guard errno == ENOSYS || errno == EINVAL else {
                let reason = String(cString: strerror(errno))
                Self.removeOwned(staging)
                throw WriteFailure("cannot replace \(shown): \(reason); nothing changed")
            }
            // No exchange here: move the old list aside, then the new one in.
            let aside = staging + ".old"
            guard rename(target, aside) == 0 else {
                let reason = String(cString: strerror(errno))
                Self.removeOwned(staging)
                throw WriteFailure("cannot replace \(shown): \(reason); nothing changed")
            }
            guard rename(staging, target) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(aside, target)
                Self.removeOwned(staging)
                throw WriteFailure("cannot replace \(shown): \(reason); nothing changed")
            }
            _ = rename(aside, staging)
        }
        // The staging path now holds the old list.
        if Self.removeOwned(staging) { return nil }
        return "the previous list was kept at \(DisplayText.safe(staging)): it holds files opapm did not write"
    }

    private func release() {
        if lock >= 0 {
            close(lock)  // closing drops the flock
            lock = -1
        }
    }

    /// Refuses a target that is not a directory, is a link, or holds anything its manifest does not name:
    /// checked before the run's work (to fail fast) and again under the lock.
    public static func checkReplaceable(_ target: String) throws(WriteFailure) {
        try checkReplaceable(target, shown: DisplayText.safe(target))
    }

    private static func checkReplaceable(_ target: String, shown: String) throws(WriteFailure) {
        var info = stat()
        guard lstat(target, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: throw WriteFailure("--out \(shown) is a symbolic link; give the directory itself; nothing changed")
        default: throw WriteFailure("\(shown) exists and is not a directory; nothing changed")
        }
        let present = entries(of: target)
        if present.isEmpty { return }
        guard let owned = manifest(of: target) else {
            throw WriteFailure(
                "--out \(shown) holds files opapm did not write (no \(manifestName)), such as "
                    + "\(DisplayText.safe(present.sorted()[0])); opapm replaces only a list directory it wrote: "
                    + "give a new or empty directory; nothing changed")
        }
        if let stranger = present.sorted().first(where: { $0 != manifestName && !owned.contains($0) }) {
            throw WriteFailure(
                "--out \(shown) holds \(DisplayText.safe(stranger)), which opapm did not write; move it away or give "
                    + "another directory; nothing changed")
        }
    }

    static func stagingPrefix(_ name: String) -> String { "." + name + ".opapm-staging-" }

    /// The names in `directory`, without `.` and `..`; empty when it cannot be read.
    static func entries(of directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }

    /// The file names a directory's manifest lists, or nil when it has none.
    static func manifest(of directory: String) -> Set<String>? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + manifestName),
            let text = String(data: data, encoding: .utf8), text.hasPrefix(manifestHeader)
        else { return nil }
        return Set(text.split(separator: "\n").dropFirst().map(String.init).filter { !$0.contains("/") && $0 != ".." })
    }

    /// Removes the files `directory`'s manifest names, the manifest, and the directory if it is then
    /// empty; true when the directory is gone. Nothing the manifest does not name is touched.
    @discardableResult
    static func removeOwned(_ directory: String) -> Bool {
        guard let owned = manifest(of: directory) else { return rmdir(directory) == 0 }
        for name in owned { unlink(directory + "/" + name) }
        unlink(directory + "/" + manifestName)
        return rmdir(directory) == 0
    }
}
