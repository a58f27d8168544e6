import OPAPMXML

/// The bounds on reading an untrusted file (size, depth, elements, text, diagnostics), as the engine's
/// callers set them. The XML layer enforces them; callers name them here and need not import it.
public typealias ReadingLimits = XMLLimits
