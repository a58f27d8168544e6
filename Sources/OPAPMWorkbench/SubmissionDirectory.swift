import Foundation
import OPAPMCore

/// The workbench's directory of submissions. A file is reached only by its exact name in the
/// directory's own listing (never by a path the request builds), opened relative to the directory
/// without following a symbolic link, and read with a size bound (`BoundedFile.read(name:inDirectory:)`):
/// no request can read outside it.
struct SubmissionDirectory: Sendable {
    let path: String
    let maxBytes: Int

    /// The `.xml` regular files directly in the directory, in natural order (`file-2` before `file-10`).
    func names() -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        var names: [String] = []
        for name in entries where name.hasSuffix(".xml") && Self.isPlainName(name) {
            var info = stat()
            guard lstat(path + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            names.append(name)
        }
        return names.sorted { NaturalOrder.precedes($0, $1) }
    }

    /// A name with no directory part, no `..`, no control character.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\\")
            && !name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// The bytes of `name`, read relative to the directory without following a link (`BoundedFile`).
    /// Callers pass only names from `names()`; the listing is not made again for each file.
    func read(_ name: String) -> Result<Data, BoundedFile.Refusal> {
        BoundedFile.read(name: name, inDirectory: path, limit: maxBytes)
    }
}

extension SubmissionDirectory {
    /// What a file's bytes are, for `ETag` and `If-Match`: an edit is saved only over the version it
    /// was opened from. FNV-1a (64 bits) and the length, enough to tell two versions of one file apart.
    static func version(of bytes: some Collection<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "-\(bytes.count)\""
    }

    /// Why a save was refused.
    enum SaveRefusal: Error {
        /// The file changed (or appeared, or went) since the edit began: the version now, nil when absent.
        case stale(current: String?)
        case notARegularFile
        case failed(String)
    }

    /// Only one save at a time in this process, so that the version compared is the version replaced.
    private static let saving = NSLock()

    /// Writes `bytes` as `name` if the file is still at `expected` (nil: it must not exist yet): over the
    /// old version by a temporary file and a rename (`AtomicFile.replace`), or as a new file by a link
    /// that fails if someone made one meanwhile (`AtomicFile.create`). Never a half-written file; never
    /// another version replaced unseen.
    func save(_ bytes: [UInt8], as name: String, expected: String?) -> Result<String, SaveRefusal> {
        Self.saving.lock()
        defer { Self.saving.unlock() }
        let target = path + "/" + name
        var info = stat()
        let exists = lstat(target, &info) == 0
        if exists && info.st_mode & S_IFMT != S_IFREG { return .failure(.notARegularFile) }
        var current: String?
        if exists {
            switch read(name) {
            case .success(let data): current = Self.version(of: data)
            case .failure(let refusal): return .failure(.failed(refusal.description))
            }
        }
        guard current == expected else { return .failure(.stale(current: current)) }
        if exists {
            let replaced: Result<Void, WriteFailure> = bytes.withUnsafeBytes { bytes in
                Result { () throws(WriteFailure) in try AtomicFile.replace(target, with: bytes) }
            }
            if case .failure(let failure) = replaced { return .failure(.failed(failure.description)) }
        } else if let failure = AtomicFile.create(target, with: bytes) {
            return .failure(failure == String(cString: strerror(EEXIST)) ? .stale(current: nil)
                : .failed("cannot write \(DisplayText.safe(name)): \(failure)"))
        }
        return .success(Self.version(of: bytes))
    }
}
