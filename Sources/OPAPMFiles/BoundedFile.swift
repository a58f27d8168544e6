import Foundation
import OPAPMXML

/// Reads a small side file (configuration, an approved list, a measure catalogue) whole, refusing
/// what would block or exhaust memory: a pipe or device, a file over `limit` bytes, text that is not
/// UTF-8. Reasons are the system's own words, never a Foundation error's.
public enum BoundedFile {
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func read(_ path: String, limit: Int) -> Result<Data, Refusal> {
        let file = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard file >= 0 else {
            return .failure(Refusal(description: "cannot read: " + SecureXMLParser.openFailureReason(path: path, errno: errno)))
        }
        defer { close(file) }
        return read(open: file, limit: limit)
    }

    /// The file `name` directly in `directory`, opened relative to it without following a symbolic
    /// link: a name with a directory part, or a link, is refused, so nothing outside `directory` is read.
    public static func read(name: String, inDirectory directory: String, limit: Int) -> Result<Data, Refusal> {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            return .failure(Refusal(description: "cannot read: not a file name in the directory"))
        }
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return .failure(Refusal(description: "cannot read: " + String(cString: strerror(errno)))) }
        defer { close(folder) }
        let file = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else {
            let reason = errno == ELOOP ? "is a symbolic link" : String(cString: strerror(errno))
            return .failure(Refusal(description: "cannot read: " + reason))
        }
        defer { close(file) }
        return read(open: file, limit: limit)
    }

    /// An open file read whole: a regular file of at most `limit` bytes.
    private static func read(open file: Int32, limit: Int) -> Result<Data, Refusal> {
        var info = stat()
        guard fstat(file, &info) == 0 else { return .failure(Refusal(description: "cannot read: " + String(cString: strerror(errno)))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(Refusal(description: "cannot read: is a directory"))
        default: return .failure(Refusal(description: "cannot read: is not a regular file (a pipe, device or socket)"))
        }
        guard info.st_size <= limit else {
            return .failure(Refusal(description: "file is \(info.st_size) bytes, over the limit of \(limit) bytes for this kind of file"))
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { Foundation.read(file, $0.baseAddress! + count, $0.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(Refusal(description: "cannot read: " + String(cString: strerror(errno))))
            }
            if got == 0 { break }
            count += got
        }
        guard count <= limit else { return .failure(Refusal(description: "file grew past the limit of \(limit) bytes while read")) }
        return .success(Data(bytes[0..<count]))
    }

    public static func readText(_ path: String, limit: Int) -> Result<String, Refusal> {
        read(path, limit: limit).flatMap { data in
            guard let text = String(data: data, encoding: .utf8) else {
                return .failure(Refusal(description: "is not UTF-8 text"))
            }
            return .success(text)
        }
    }
}
