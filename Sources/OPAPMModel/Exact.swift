import BigInt
import Foundation

/// An exact rational number: every amount, rate, share and threshold opapm decides by.
///
/// Stated values are decimals (money to 2 places, percents to 6), and the figures worked from them
/// (a share of revenue, the slope of a loss band, the average marginal rate over a window) are their
/// quotients. Kept as fractions, no figure is ever rounded before it is compared: 29.99…% never reads as
/// 30%. The one rounding rule, half away from zero, applies only when a number is shown
/// (`rounded(_:)`, `roundedText(places:)`).
///
/// Most values fit a fraction of two 128-bit integers, worked in machine arithmetic with every overflow
/// checked; a result past that (the schema lets an amount have 36 digits) is carried at arbitrary
/// precision instead, so no input can overflow, wrap or trap. Division by zero is a programming error
/// (callers check the divisor first), as it is for `Int`.
public struct Exact: Sendable, Hashable {
    /// Reduced: the denominator is positive and shares no factor with the numerator. A value that
    /// fits `small` is always stored there, so equal values have equal storage.
    enum Storage: Sendable, Hashable {
        /// Neither part is `Int128.min`, so magnitudes and negations never overflow.
        case small(numerator: Int128, denominator: Int128)
        /// Boxed, so that copying an `Exact` (a submission holds dozens) copies at most one reference.
        case large(LargeFraction)
    }

    /// A fraction past 128 bits.
    final class LargeFraction: Sendable, Hashable {
        let numerator: BigInt
        let denominator: BigInt

        init(numerator: BigInt, denominator: BigInt) {
            self.numerator = numerator
            self.denominator = denominator
        }

        static func == (lhs: LargeFraction, rhs: LargeFraction) -> Bool {
            lhs.numerator == rhs.numerator && lhs.denominator == rhs.denominator
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(numerator)
            hasher.combine(denominator)
        }
    }

    var storage: Storage

    init(storage: Storage) {
        self.storage = storage
    }

    public init(_ value: Int) {
        storage = .small(numerator: Int128(value), denominator: 1)
    }

    /// `numerator / denominator`, reduced. The denominator must not be zero.
    public init(_ numerator: Int, over denominator: Int) {
        precondition(denominator != 0, "an Exact with a zero denominator")
        self = Exact.reduced(Int128(numerator), Int128(denominator))
    }

    public static let zero = Exact(0)

    // MARK: Reading decimals

    /// A plain decimal (`-12.50`, `+3`, `0.000001`): optional sign, digits, optional fraction, no exponent.
    public init?(decimalText text: Substring.UTF8View) {
        var bytes = text[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        // Up to 19 digits (every amount and rate a submission states) in 64-bit arithmetic; the rest
        // of the digits, if any, at arbitrary precision.
        var small: UInt64 = 0
        var large: BigInt?
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = UInt64(byte - UInt8(ascii: "0"))
            digits += 1
            if seenPoint { fractionDigits += 1 }
            if let wide = large {
                large = wide * 10 + BigInt(digit)
            } else if digits <= 19 {
                small = small * 10 + digit
            } else {
                large = BigInt(small) * 10 + BigInt(digit)
            }
        }
        guard digits > 0 else { return nil }
        if let large {
            self = Exact.reduced(negative ? -large : large, BigInt(10).power(fractionDigits))
            return
        }
        // Trailing zeros of the fraction go first ("1250000.00" is 1250000); what is left of
        // numerator / 10^k can share only factors of 2 and 5 with it.
        while fractionDigits > 0, small % 10 == 0, small != 0 {
            small /= 10
            fractionDigits -= 1
        }
        let numerator = negative ? -Int128(small) : Int128(small)
        if fractionDigits == 0 || small == 0 {
            self.init(storage: .small(numerator: small == 0 ? 0 : numerator, denominator: 1))
        } else if let scale = Exact.powerOfTen(fractionDigits) {
            self = Exact.reduced(numerator, scale)
        } else {
            self = Exact.reduced(BigInt(numerator), BigInt(10).power(fractionDigits))
        }
    }

    public init?(decimalText text: String) {
        self.init(decimalText: Substring(text).utf8)
    }

    // MARK: Properties

    public var isZero: Bool { storage == .small(numerator: 0, denominator: 1) }

    public var isNegative: Bool {
        switch storage {
        case .small(let numerator, _): return numerator < 0
        case .large(let large): return large.numerator.sign == .minus && !large.numerator.isZero
        }
    }

    public var magnitude: Exact { isNegative ? -self : self }

    /// Whether the value is a whole number.
    public var isInteger: Bool {
        switch storage {
        case .small(_, let denominator): return denominator == 1
        case .large(let large): return large.denominator == 1
        }
    }

    /// The value times 10^`power`, exactly (`power` may be negative).
    public func scaled(byPowerOfTen power: Int) -> Exact {
        if power == 0 { return self }
        let factor: Exact
        if abs(power) <= 38, let scale = Exact.powerOfTen(abs(power)) {
            factor = Exact.reduced(power > 0 ? scale : 1, power > 0 ? 1 : scale)
        } else {
            let scale = BigInt(10).power(abs(power))
            factor = Exact.reduced(power > 0 ? scale : 1, power > 0 ? 1 : scale)
        }
        return self * factor
    }

    /// The greatest whole number not above the value: a bound, not a rounding (the search for the
    /// smallest change that passes steps in whole units).
    public var floor: Exact {
        let (numerator, denominator) = wide
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        return Exact.reduced(remainder.sign == .minus && !remainder.isZero ? quotient - 1 : quotient, 1)
    }

    /// The least whole number not below the value.
    public var ceiling: Exact { -(-self).floor }

    /// The value as an `Int`, when it is a whole number that fits.
    public var intValue: Int? {
        guard case .small(let numerator, 1) = storage else { return nil }
        return Int(exactly: numerator)
    }

    /// An approximation for drawing (chart coordinates); never for deciding.
    public var doubleValue: Double {
        switch storage {
        case .small(let numerator, let denominator): return Double(numerator) / Double(denominator)
        case .large(let large): return Double(large.numerator) / Double(large.denominator)
        }
    }

    // MARK: Normal forms

    /// 10^`power` for 0...38 (10^38 < Int128.max).
    static func powerOfTen(_ power: Int) -> Int128? {
        guard power >= 0, power <= 38 else { return nil }
        return powersOfTen[power]
    }

    private static let powersOfTen: [Int128] = {
        var powers: [Int128] = [1]
        for _ in 0..<38 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// `numerator / denominator` reduced, the denominator made positive.
    static func reduced(_ numerator: Int128, _ denominator: Int128) -> Exact {
        guard numerator != .min, denominator != .min else { return reduced(BigInt(numerator), BigInt(denominator)) }
        var n = numerator
        var d = denominator
        if d < 0 {
            n = -n
            d = -d
        }
        if n == 0 { return Exact(storage: .small(numerator: 0, denominator: 1)) }
        let divisor = gcd(n.magnitude, d.magnitude)
        if divisor != 1 {
            n /= Int128(divisor)
            d /= Int128(divisor)
        }
        return Exact(storage: .small(numerator: n, denominator: d))
    }

    /// `numerator / denominator` reduced, stored small when it fits.
    static func reduced(_ numerator: BigInt, _ denominator: BigInt) -> Exact {
        precondition(!denominator.isZero, "an Exact with a zero denominator")
        var n = numerator
        var d = denominator
        if d.sign == .minus {
            n = -n
            d = -d
        }
        if n.isZero { return Exact(storage: .small(numerator: 0, denominator: 1)) }
        let divisor = n.greatestCommonDivisor(with: d)
        if divisor != 1 {
            n /= divisor
            d /= divisor
        }
        return compact(n, d)
    }

    /// Already reduced parts, small when both fit (and neither is `Int128.min`).
    private static func compact(_ numerator: BigInt, _ denominator: BigInt) -> Exact {
        if let n = small(numerator), let d = small(denominator) {
            return Exact(storage: .small(numerator: n, denominator: d))
        }
        return Exact(storage: .large(LargeFraction(numerator: numerator, denominator: denominator)))
    }

    /// The value as an `Int128` other than `Int128.min`, read from its words (BigInt's own conversion
    /// to 128 bits loses the low digits), or nil when it does not fit.
    private static func small(_ value: BigInt) -> Int128? {
        let words = value.magnitude.words
        guard words.count <= 2 else { return nil }
        var magnitude = UInt128(words.first ?? 0)
        if words.count == 2 { magnitude |= UInt128(words[words.index(after: words.startIndex)]) << 64 }
        guard magnitude <= UInt128(Int128.max) else { return nil }
        let small = Int128(magnitude)
        return value.sign == .minus ? -small : small
    }

    /// Binary GCD: no division, a few dozen steps for the denominators decimals and their quotients have.
    static func gcd(_ first: UInt128, _ second: UInt128) -> UInt128 {
        var a = first
        var b = second
        if a == 0 { return b }
        if b == 0 { return a }
        let shift = (a | b).trailingZeroBitCount
        a >>= a.trailingZeroBitCount
        repeat {
            b >>= b.trailingZeroBitCount
            if a > b { swap(&a, &b) }
            b -= a
        } while b != 0
        return a << shift
    }

    /// Both parts at arbitrary precision.
    var wide: (numerator: BigInt, denominator: BigInt) {
        switch storage {
        case .small(let numerator, let denominator): return (BigInt(numerator), BigInt(denominator))
        case .large(let large): return (large.numerator, large.denominator)
        }
    }
}

// MARK: Arithmetic

extension Exact: AdditiveArithmetic, ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self.init(value)
    }

    public static func + (lhs: Exact, rhs: Exact) -> Exact {
        if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage, let sum = smallSum(a, b, c, d) {
            return sum
        }
        let (a, b) = lhs.wide
        let (c, d) = rhs.wide
        return reduced(a * d + c * b, b * d)
    }

    /// a/b + c/d in 128-bit arithmetic (Knuth 4.5.1), or nil on overflow.
    private static func smallSum(_ a: Int128, _ b: Int128, _ c: Int128, _ d: Int128) -> Exact? {
        if b == d {
            let (sum, overflow) = a.addingReportingOverflow(c)
            return overflow ? nil : reduced(sum, b)
        }
        let g = Int128(gcd(b.magnitude, d.magnitude))
        let (left, o1) = a.multipliedReportingOverflow(by: d / g)
        let (right, o2) = c.multipliedReportingOverflow(by: b / g)
        let (sum, o3) = left.addingReportingOverflow(right)
        let (denominator, o4) = b.multipliedReportingOverflow(by: d / g)
        if o1 || o2 || o3 || o4 { return nil }
        return reduced(sum, denominator)
    }

    public static prefix func - (value: Exact) -> Exact {
        switch value.storage {
        case .small(let numerator, let denominator): return Exact(storage: .small(numerator: -numerator, denominator: denominator))
        case .large(let large): return compact(-large.numerator, large.denominator)
        }
    }

    public static func - (lhs: Exact, rhs: Exact) -> Exact {
        lhs + -rhs
    }

    public static func * (lhs: Exact, rhs: Exact) -> Exact {
        if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage {
            // Cancel across first: the result is then already reduced.
            let g1 = Int128(gcd(a.magnitude, d.magnitude))
            let g2 = Int128(gcd(c.magnitude, b.magnitude))
            if g1 != 0, g2 != 0 {
                let (numerator, o1) = (a / g1).multipliedReportingOverflow(by: c / g2)
                let (denominator, o2) = (b / g2).multipliedReportingOverflow(by: d / g1)
                if !o1 && !o2 && numerator != .min && denominator != .min {
                    return numerator == 0 ? .zero : Exact(storage: .small(numerator: numerator, denominator: denominator))
                }
            } else {
                return .zero
            }
        }
        let (a, b) = lhs.wide
        let (c, d) = rhs.wide
        return reduced(a * c, b * d)
    }

    /// The quotient; `rhs` must not be zero.
    public static func / (lhs: Exact, rhs: Exact) -> Exact {
        precondition(!rhs.isZero, "division of an Exact by zero")
        return lhs * rhs.reciprocal
    }

    /// 1 / self; self must not be zero.
    public var reciprocal: Exact {
        switch storage {
        case .small(let numerator, let denominator):
            return numerator < 0
                ? Exact(storage: .small(numerator: -denominator, denominator: -numerator))
                : Exact(storage: .small(numerator: denominator, denominator: numerator))
        case .large(let large):
            return Exact.reduced(large.denominator, large.numerator)
        }
    }

    public static func += (lhs: inout Exact, rhs: Exact) { lhs = lhs + rhs }
    public static func -= (lhs: inout Exact, rhs: Exact) { lhs = lhs - rhs }
    public static func *= (lhs: inout Exact, rhs: Exact) { lhs = lhs * rhs }
    public static func /= (lhs: inout Exact, rhs: Exact) { lhs = lhs / rhs }
}

extension Exact: Comparable {
    public static func < (lhs: Exact, rhs: Exact) -> Bool {
        if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage {
            if b == d { return a < c }
            let (left, o1) = a.multipliedReportingOverflow(by: d)
            let (right, o2) = c.multipliedReportingOverflow(by: b)
            if !o1 && !o2 { return left < right }
        }
        let (a, b) = lhs.wide
        let (c, d) = rhs.wide
        return a * d < c * b
    }
}

// MARK: Rounding and text

extension Exact: CustomStringConvertible {
    /// Rounded half away from zero to `places` decimals: the one rounding rule, for shown numbers.
    public func rounded(_ places: Int) -> Exact {
        precondition(places >= 0, "rounding to negative places")
        if case .small(let n, let d) = storage {
            if d == 1 { return self }
            if let scale = Exact.powerOfTen(places), let (units, _) = Exact.smallRoundedUnits(n, d, scale: scale) {
                return Exact.reduced(units, scale)
            }
        }
        let (units, scale) = roundedUnits(places)
        return Exact.reduced(units, scale)
    }

    /// n/d in 10^-places units (`scale` = 10^places), rounded half away from zero, in 128 bits; nil on
    /// overflow. Also says whether it was exact.
    static func smallRoundedUnits(_ n: Int128, _ d: Int128, scale: Int128) -> (Int128, Bool)? {
        let (scaled, overflow) = n.magnitude.multipliedReportingOverflow(by: UInt128(scale))
        guard !overflow else { return nil }
        let (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: d.magnitude)
        let (twice, doubled) = remainder.multipliedReportingOverflow(by: 2)
        var units = quotient
        if doubled || twice >= d.magnitude { units += 1 }
        guard units <= UInt128(Int128.max) else { return nil }
        return (n < 0 ? -Int128(units) : Int128(units), remainder == 0)
    }

    /// The value in 10^-places units, rounded half away from zero, and 10^places.
    private func roundedUnits(_ places: Int) -> (BigInt, BigInt) {
        if case .small(let n, let d) = storage, let scale = Exact.powerOfTen(places),
            let (units, _) = Exact.smallRoundedUnits(n, d, scale: scale)
        {
            return (BigInt(units), BigInt(scale))
        }
        let (numerator, denominator) = wide
        let scale = BigInt(10).power(places)
        let scaled = numerator.magnitude * scale.magnitude
        let (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: denominator.magnitude)
        var units = BigInt(quotient)
        if remainder * 2 >= denominator.magnitude { units += 1 }
        return (numerator.sign == .minus ? -units : units, scale)
    }

    /// Rounded half away from zero to `places` decimals and written without trailing zeros
    /// (`12.5`, `-0.125`, `30`).
    public func roundedText(places: Int) -> String {
        if case .small(let numerator, let denominator) = storage, let scale = Exact.powerOfTen(places) {
            // Most figures already have at most `places` decimals, and are written from the integer.
            if denominator <= scale, scale % denominator == 0 {
                let (units, overflow) = numerator.multipliedReportingOverflow(by: scale / denominator)
                if !overflow { return Exact.decimalText(units: units, places: places) }
            }
            if let (units, _) = Exact.smallRoundedUnits(numerator, denominator, scale: scale) {
                return Exact.decimalText(units: units, places: places)
            }
        }
        return rounded(places).decimalParts(maximumPlaces: places).0
    }

    /// `units` × 10^-places written with its decimal point and no trailing zeros, digit by digit into
    /// a buffer on the stack: reports write several numbers for every figure of every file.
    static func decimalText(units: Int128, places: Int) -> String {
        var magnitude = units.magnitude
        var places = places
        while places > 0, magnitude != 0, magnitude % 10 == 0 {
            magnitude /= 10
            places -= 1
        }
        if magnitude == 0 { return "0" }
        let capacity = 48  // 39 digits of an Int128, a point, a leading zero, a sign
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var start = capacity
            var written = 0
            func put(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            func digit(_ value: UInt8) {
                if places > 0 && written == places { put(UInt8(ascii: ".")) }
                put(UInt8(ascii: "0") + value)
                written += 1
            }
            // 64-bit division wherever the value allows: 128-bit division is a library call.
            while magnitude > UInt128(UInt64.max) {
                let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
                digit(UInt8(remainder))
                magnitude = quotient
            }
            var small = UInt64(magnitude)
            while small > 0 {
                digit(UInt8(small % 10))
                small /= 10
            }
            while written <= places && places > 0 { digit(0) }
            if units < 0 { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<capacity]), as: UTF8.self)
        }
    }

    /// The decimal text of a value whose denominator divides 10^maximumPlaces, and whether it did.
    private func decimalParts(maximumPlaces: Int) -> (String, Bool) {
        let (numerator, denominator) = wide
        let scale = BigInt(10).power(maximumPlaces)
        let (factor, remainder) = scale.quotientAndRemainder(dividingBy: denominator)
        guard remainder.isZero else { return ("", false) }
        var digits = String((numerator * factor).magnitude)
        var places = maximumPlaces
        while places > 0, digits.count > 1, digits.last == "0" {
            digits.removeLast()
            places -= 1
        }
        if places > 0, digits == "0" { places = 0 }
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return (numerator.sign == .minus && !numerator.isZero ? "-" + digits : digits, true)
    }

    /// The decimal the value is, when it ends (its denominator has no prime factor but 2 and 5);
    /// otherwise rounded half away from zero to 20 decimals. No trailing zeros, no exponent.
    public var description: String {
        if case .small(let numerator, let denominator) = storage {
            if denominator == 1 { return String(numerator) }
            var rest = denominator
            var twos = 0
            var fives = 0
            while rest & 1 == 0 { rest >>= 1; twos += 1 }
            while rest % 5 == 0 { rest /= 5; fives += 1 }
            if rest == 1, let scale = Exact.powerOfTen(max(twos, fives)) {
                let (units, overflow) = numerator.multipliedReportingOverflow(by: scale / denominator)
                if !overflow { return Exact.decimalText(units: units, places: max(twos, fives)) }
            }
        }
        let (_, denominator) = wide
        var rest = denominator
        var twos = 0
        var fives = 0
        while rest % 2 == 0 { rest /= 2; twos += 1 }
        while rest % 5 == 0 { rest /= 5; fives += 1 }
        guard rest == 1 else { return roundedText(places: 20) }
        return decimalParts(maximumPlaces: max(twos, fives)).0
    }
}

// MARK: JSON

extension Exact: Codable {
    /// A JSON number, exactly as written: the decoder hands it over as Foundation's `Decimal`, whose
    /// 38 digits hold any number a file of ours states; its text is then read exactly.
    public init(from decoder: Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Decimal.self)
        guard value.isFinite, let exact = Exact(decimalText: value.description) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a finite decimal number"))
        }
        self = exact
    }

    /// A JSON number: the encoder writes a `Decimal` as its digits, and every figure opapm writes is
    /// rounded to a few places first, well within its 38.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        guard let value = Decimal(string: description, locale: Locale(identifier: "en_US_POSIX")) else {
            throw EncodingError.invalidValue(self, .init(codingPath: encoder.codingPath, debugDescription: "not writable"))
        }
        try container.encode(value)
    }
}
