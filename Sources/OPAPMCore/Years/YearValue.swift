/// A number or switch from the performance-year table, with the source it rests on. `confirmed`
/// is false where the domain brief marks the value unconfirmed; reports show that.
public struct YearValue<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var source: String
    public var confirmed: Bool

    public init(_ value: Value, source: String, confirmed: Bool = true) {
        self.value = value
        self.source = source
        self.confirmed = confirmed
    }
}

/// How the marginal risk rate is compared with the minimum when it varies with the overrun.
public enum MarginalRiskMethod: String, Sendable, Hashable, Codable {
    /// PY2017–2019: the lowest rate across the window.
    case lowest
    /// PY2020 on: the average rate across the window.
    case average
}
