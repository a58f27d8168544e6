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
