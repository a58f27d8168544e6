import Foundation
import OPAPMFiles
import OPAPMLaw
import OPAPMModel
import OPAPMRules
import OPAPMXML

/// Expands command-line paths into the submission files to read: files as given, directories
/// searched recursively for `*.xml`, each directory's files in sorted order so runs are repeatable.
/// QP data files (`*.qp.xml`) are not submissions and are skipped when a directory is searched.
///
/// Nothing found is dropped silently: a file or directory that cannot be read, a file name that is not
/// UTF-8 or a path too long for the system comes back in `unread` with its reason, and every command
/// reports it and exits non-zero.
public enum InputFiles {
    /// The path that stands for standard input.
    public static let standardInput = "-"

    /// How a path is shown in findings: standard input as `<stdin>`, every other path as given.
    public static func displayName(_ path: String) -> String { path == standardInput ? "<stdin>" : path }

    /// Why a run cannot start: usage errors, before any file is read.
    public enum Refusal: Error, Sendable, CustomStringConvertible {
        case missing(String)
        case notRegular(String)
        case standardInputTwice

        public var description: String {
            switch self {
            case .missing(let path):
                var info = stat()
                if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                    return "\(DisplayText.safe(path)): broken symbolic link (its target does not exist)"
                }
                return "\(DisplayText.safe(path)): no such file or directory"
            case .notRegular(let path): return "\(DisplayText.safe(path)): \(SecureXMLParser.notRegular)"
            case .standardInputTwice: return "- (standard input) may be given only once"
            }
        }
    }

    /// A file or directory that was found but cannot be read; `path` is printable (bytes that are not
    /// UTF-8 are shown as `\xNN`).
    public struct Unread: Sendable, Hashable {
        public var path: String
        public var reason: String
    }

    /// What a run reads: the files, in order, and what was found but cannot be read.
    public struct Found: Sendable {
        public var files: [String] = []
        public var unread: [Unread] = []
        public var isEmpty: Bool { files.isEmpty && unread.isEmpty }
    }

    public static func collect(_ paths: [String]) throws(Refusal) -> Found {
        var found = Found()
        var seen = Set<String>()
        var standardInputGiven = false
        for path in paths {
            if path == standardInput {
                if standardInputGiven { throw .standardInputTwice }
                standardInputGiven = true
                found.files.append(path)
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                let code = errno
                if code == ENOENT { throw .missing(path) }
                found.unread.append(Unread(path: path, reason: SecureXMLParser.openFailureReason(path: path, errno: code)))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                let walked = xmlFiles(under: path)
                found.unread += walked.unread
                // One path names each file once: only files named by several paths can repeat.
                if paths.count == 1 {
                    found.files = walked.files
                } else {
                    for file in walked.files where seen.insert(file).inserted { found.files.append(file) }
                }
            case S_IFREG:
                if seen.insert(path).inserted { found.files.append(path) }
            default:
                throw .notRegular(path)
            }
        }
        return found
    }

    /// Walks the directory with `readdir`, whose entry types spare a `stat` per file (on 10,000 files
    /// FileManager's enumerator spent more time here than libxml2 spent parsing). Symbolic links to
    /// files are followed; to directories they are not, so a link cycle cannot loop. A `*.xml` entry
    /// that is not a readable regular file is handed on all the same: reading it says why not.
    private static func xmlFiles(under directory: String) -> Found {
        var found = Found()
        var pending = [directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory]
        while let folder = pending.popLast() {
            guard let handle = opendir(folder) else {
                found.unread.append(Unread(path: folder, reason: "cannot open directory: "
                    + SecureXMLParser.openFailureReason(path: folder, errno: errno) + "; its files were not read"))
                continue
            }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                // The name in place, up to its NUL: the record is only as long as its name, so copying
                // the whole 256-byte field could read past the end of readdir's buffer.
                let bytes = Self.name(of: entry)
                guard let name = String(validating: bytes, as: UTF8.self) else {
                    if hasSubmissionSuffix(bytes) || entry.pointee.d_type == DT_DIR {
                        found.unread.append(Unread(
                            path: folder + "/" + escaped(bytes), reason: "the name is not valid UTF-8; rename it to read it"))
                    }
                    continue
                }
                if name == "." || name == ".." { continue }
                let full = folder + "/" + name
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR):
                    pending.append(full)
                case Int32(DT_REG):
                    if isSubmissionName(name) { found.files.append(full) }
                default:
                    // A link, a special file, or a file system that does not report types: ask stat
                    // (which follows links).
                    var info = stat()
                    let exists = stat(full, &info) == 0
                    let isDirectory = exists && (info.st_mode & S_IFMT) == S_IFDIR
                    if isDirectory {
                        if entry.pointee.d_type == DT_UNKNOWN { pending.append(full) }
                    } else if isSubmissionName(name) {
                        found.files.append(full)
                    }
                }
            }
        }
        found.files.sort()
        found.unread.sort { $0.path < $1.path }
        return found
    }

    private static func name(of entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19
        let start = UnsafeRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: CChar.self)
        return Array(UnsafeRawBufferPointer(start: start, count: strlen(start)))
    }

    private static func isSubmissionName(_ name: String) -> Bool {
        name.hasSuffix(".xml") && !name.hasSuffix(".qp.xml")
    }

    private static func hasSubmissionSuffix(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes.suffix(4).elementsEqual(".xml".utf8)
    }

    /// The name with every byte that is not printable ASCII as `\xNN`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return text
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
