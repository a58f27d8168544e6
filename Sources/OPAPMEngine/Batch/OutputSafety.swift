import Foundation
import OPAPMFiles
import OPAPMModel

/// Why opapm will not write where it was asked to: writing there could destroy a user's file.
public struct OutputRefusal: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// The checks that keep an output from landing on what a user wrote. Paths are compared by device and
/// inode (`FileIdentity`), never by spelling.
public enum OutputSafety {
    /// A report file (`check`/`lint --output`) must not be an input, and must not be a `*.xml` file in a
    /// directory the run reads: the next run would read the report as a submission.
    public static func checkReport(_ output: String, inputs: [String]) throws(OutputRefusal) {
        let shown = DisplayText.safe(output)
        if output.isEmpty { throw OutputRefusal("--output is empty") }
        let target = FileIdentity(path: output)
        for input in inputs where input != InputFiles.standardInput {
            guard let identity = FileIdentity(path: input) else { continue }
            if identity == target {
                throw OutputRefusal("\(shown) is an input of this run (\(DisplayText.safe(input))); write the report elsewhere")
            }
        }
        let name = (output as NSString).lastPathComponent
        guard name.hasSuffix(".xml"), !name.hasSuffix(".qp.xml") else { return }
        let above = Set(FileIdentity.selfAndAncestors(of: (output as NSString).deletingLastPathComponent))
        for input in inputs where input != InputFiles.standardInput {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue,
                let identity = FileIdentity(path: input), above.contains(identity)
            else { continue }
            throw OutputRefusal(
                "\(shown) is inside \(DisplayText.safe(input)), which this run reads for *.xml files; "
                    + "the report would be read as a submission next time: write it elsewhere or name it otherwise")
        }
    }

    /// A list directory (`publish --out`) must not be empty, the root, the home directory, the current
    /// directory or one above it; must not be or hold an input; and must not be inside a directory the
    /// run reads. `readBeforeWriting` are inputs read in full before anything is written (the previous
    /// list), which may sit inside the directory being replaced.
    public static func checkListDirectory(_ out: String, inputs: [String], readBeforeWriting: [String] = []) throws(OutputRefusal) {
        let shown = DisplayText.safe(out)
        if out.trimmingCharacters(in: .whitespaces).isEmpty { throw OutputRefusal("--out is empty; name the list's own directory") }
        let target = FileIdentity(path: out)
        let working = FileIdentity.selfAndAncestors(of: FileManager.default.currentDirectoryPath)
        if let target {
            if target == FileIdentity(path: "/") { throw OutputRefusal("--out \(shown) is the root directory") }
            if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty, target == FileIdentity(path: home) {
                throw OutputRefusal("--out \(shown) is the home directory")
            }
            if working.contains(target) {
                throw OutputRefusal("--out \(shown) is the current directory or one above it; name the list's own directory")
            }
        }
        let outAndAbove = FileIdentity.selfAndAncestors(of: out)
        for input in inputs where input != InputFiles.standardInput {
            let inputAndAbove = FileIdentity.selfAndAncestors(of: input)
            if let target, inputAndAbove.contains(target), !readBeforeWriting.contains(input) {
                throw OutputRefusal("--out \(shown) is or holds an input of this run (\(DisplayText.safe(input))); it would be replaced")
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue,
                let identity = FileIdentity(path: input), outAndAbove.contains(identity)
            {
                throw OutputRefusal(
                    "--out \(shown) is inside \(DisplayText.safe(input)), which this run reads; the next run would read the list "
                        + "as input: write it elsewhere")
            }
        }
    }
}
