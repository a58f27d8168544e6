/// Bounds on what one document may cost to read. Submissions come from outside, so every
/// dimension that could exhaust memory or time has a ceiling.
public struct XMLLimits: Sendable, Hashable {
    /// Largest file accepted, in bytes. The default (2 GiB) admits a million-clinician roster
    /// several times over while refusing runaway inputs before any parsing.
    public var maxFileBytes: Int64
    /// Deepest element nesting accepted. Submissions nest about seven levels; 64 leaves room
    /// for extensions while stopping stack-exhaustion documents at once.
    public var maxDepth: Int
    /// Most diagnostics kept for one file; the rest are summarized in one `XML006` diagnostic.
    public var maxDiagnostics: Int
    /// Most elements one document may have, not counting the handler's streamed list entries (roster
    /// clinicians, bounded by their own limit). Every kept element costs memory in the tree.
    public var maxElements: Int
    /// Most bytes of text one element may hold. libxml2 hands long text over in pieces, and both the
    /// tree and the schema validator gather them.
    public var maxTextBytes: Int
    /// Most bytes read from standard input or another stream, whose size is not known in advance.
    public var maxStreamBytes: Int64

    public static let defaultMaxFileBytes: Int64 = 2 * 1024 * 1024 * 1024
    public static let defaultMaxDepth = 64
    public static let defaultMaxDiagnostics = 1000
    /// A submission has a few hundred elements besides its rosters; 200,000 keeps the tree near 25 MiB.
    public static let defaultMaxElements = 200_000
    /// 1 MiB: the longest text in a submission is a description of a few kilobytes.
    public static let defaultMaxTextBytes = 1024 * 1024
    /// 256 MiB: a million-clinician roster (about 100 MB) fits twice; an endless pipe stops there.
    public static let defaultMaxStreamBytes: Int64 = 256 * 1024 * 1024

    public init(
        maxFileBytes: Int64 = XMLLimits.defaultMaxFileBytes,
        maxDepth: Int = XMLLimits.defaultMaxDepth,
        maxDiagnostics: Int = XMLLimits.defaultMaxDiagnostics,
        maxElements: Int = XMLLimits.defaultMaxElements,
        maxTextBytes: Int = XMLLimits.defaultMaxTextBytes,
        maxStreamBytes: Int64 = XMLLimits.defaultMaxStreamBytes
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxDiagnostics = maxDiagnostics
        self.maxElements = maxElements
        self.maxTextBytes = maxTextBytes
        self.maxStreamBytes = maxStreamBytes
    }
}
