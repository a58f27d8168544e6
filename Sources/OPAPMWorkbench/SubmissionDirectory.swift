import Foundation
import OPAPMCore

/// The workbench's directory of submissions. A file is reached only by its exact name in the
/// directory's own listing (never by a path the request builds), opened relative to the directory
/// without following a symbolic link, and read with a size bound: no request can read outside it.
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

    enum ReadFailure: Error {
        case notListed
        case unreadable(String)
        case tooLarge
    }

    /// The bytes of `name`, when it is one of `names()`.
    func read(_ name: String) throws(ReadFailure) -> [UInt8] {
        guard Self.isPlainName(name), names().contains(name) else { throw .notListed }
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        defer { close(folder) }
        let file = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw .unreadable("not a regular file") }
        guard info.st_size <= maxBytes else { throw .tooLarge }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { Foundation.read(file, $0.baseAddress! + count, $0.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(String(cString: strerror(errno)))
            }
            if got == 0 { break }
            count += got
        }
        guard count <= maxBytes else { throw .tooLarge }
        return Array(bytes[0..<count])
    }
}
