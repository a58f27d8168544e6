import Foundation

/// Expands command-line paths into the submission files to read: files as given, directories
/// searched recursively for `*.xml`, each directory's files in sorted order so runs are repeatable.
/// QP data files (`*.qp.xml`) are not submissions and are skipped when a directory is searched.
public enum InputFiles {
    public struct Missing: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path): no such file or directory" }
    }

    public static func collect(_ paths: [String]) throws(Missing) -> [String] {
        var files: [String] = []
        var seen = Set<String>()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw Missing(path: path) }
            let found = isDirectory.boolValue ? xmlFiles(under: path) : [path]
            for file in found where seen.insert(file).inserted {
                files.append(file)
            }
        }
        return files
    }

    private static func xmlFiles(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".xml"), !relative.hasSuffix(".qp.xml") else { continue }
            let full = directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(full)
            }
        }
        return found.sorted()
    }
}
