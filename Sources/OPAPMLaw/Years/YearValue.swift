import OPAPMFiles
import OPAPMModel

/// A number or switch of the law for one performance year, with the entry it was read from: its
/// paragraph, amendment and provenance travel with it into every report.
public struct YearValue<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    /// The paragraph and amendment, as reports cite them.
    public var source: String
    public var provenance: Provenance
    /// Codified: read in the CFR text for the year.
    public var confirmed: Bool { provenance == .codified }

    public init(_ value: Value, source: String, provenance: Provenance = .codified) {
        self.value = value
        self.source = source
        self.provenance = provenance
    }
}

/// How the marginal risk rate is compared with the minimum when it varies with the overrun.
public enum MarginalRiskMethod: String, Sendable, Hashable, Codable {
    /// PY2017–2019: the lowest rate across the window.
    case lowest
    /// PY2020 on: the average rate across the window.
    case average
}
