import Foundation

/// A file or directory as the system knows it, by device and inode: two spellings of one path, a hard
/// link and a symbolic link all have one identity, so comparisons cannot be fooled by how a path is
/// written.
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64

    /// The identity of what `path` names (links followed), or nil when it does not exist.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// `path` itself (when it exists) and every directory above it up to the root, by identity.
    /// A path that does not exist yet contributes the directories above it that do.
    public static func selfAndAncestors(of path: String) -> [FileIdentity] {
        var identities: [FileIdentity] = []
        var current = path.isEmpty ? "." : path
        // Past the root, `..` is the root again: stop when the identity repeats.
        for _ in 0..<4096 {
            if let identity = FileIdentity(path: current) {
                if identities.last == identity { break }
                identities.append(identity)
                current = current.hasSuffix("/") ? current + ".." : current + "/.."
            } else {
                let parent = (current as NSString).deletingLastPathComponent
                current = parent.isEmpty ? "." : parent
            }
        }
        return identities
    }
}
