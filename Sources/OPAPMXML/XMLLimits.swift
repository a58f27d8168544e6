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

    public static let defaultMaxFileBytes: Int64 = 2 * 1024 * 1024 * 1024
    public static let defaultMaxDepth = 64
    public static let defaultMaxDiagnostics = 1000

    public init(
        maxFileBytes: Int64 = XMLLimits.defaultMaxFileBytes,
        maxDepth: Int = XMLLimits.defaultMaxDepth,
        maxDiagnostics: Int = XMLLimits.defaultMaxDiagnostics
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxDiagnostics = maxDiagnostics
    }
}
