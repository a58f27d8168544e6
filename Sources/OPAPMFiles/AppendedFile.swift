import Foundation
import OPAPMModel

/// Adding to the end of a file another program owns, such as GitHub's `$GITHUB_STEP_SUMMARY`: each
/// step appends its part, so the file is never replaced. Created when missing; a pipe, device or
/// directory is refused rather than blocked on.
public enum AppendedFile {
    public static func append(_ text: String, to path: String) throws(WriteFailure) {
        let file = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o644)
        guard file >= 0 else {
            throw WriteFailure("cannot write \(DisplayText.safe(path)): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(file)
            throw WriteFailure("cannot write \(DisplayText.safe(path)): is not a regular file")
        }
        let failure = Array(text.utf8).withUnsafeBytes { AtomicFile.writeAll($0, to: file) }
        let closed = close(file) == 0
        if let failure { throw WriteFailure("cannot write \(DisplayText.safe(path)): \(failure)") }
        if !closed { throw WriteFailure("cannot write \(DisplayText.safe(path)): \(String(cString: strerror(errno)))") }
    }
}
