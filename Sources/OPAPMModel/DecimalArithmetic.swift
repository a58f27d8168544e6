import Foundation

extension Decimal {
    /// Rounded to `places` decimals (half away from zero), for stable reports.
    public func rounded(_ places: Int) -> Decimal {
        // Decimals are kept compact, so one with no more decimals than asked is already its rounding;
        // most figures are, and NSDecimalRound costs thousands of instructions a call.
        if isFinite && exponent >= -places { return self }
        if let rounded = integerRounded(places) { return rounded }
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }

    /// The value times 10^`power`, exactly, by moving the exponent: percents become fractions and back
    /// without a `Decimal` division, which costs tens of thousands of instructions each.
    package func scaled(byPowerOfTen power: Int) -> Decimal {
        let exponent = self.exponent + power
        guard isFinite, exponent >= -128, exponent <= 127 else {
            return power >= 0 ? self * pow(10, power) : self / pow(10, -power)
        }
        return Decimal(sign: sign, exponent: exponent, significand: significand)
    }

    /// `self / divisor`, the same value `/` gives. When both significands fit in 15 digits and the
    /// quotient ends within 18 digits (rates over loss bands almost always do), it is worked out in
    /// integers: Foundation's division costs some forty thousand instructions, more than the other
    /// rules of a submission together. Anything else goes to Foundation.
    package func dividedExactly(by divisor: Decimal) -> Decimal {
        Self.terminatingQuotient(self, divisor) ?? self / divisor
    }

    private static func terminatingQuotient(_ dividend: Decimal, _ divisor: Decimal) -> Decimal? {
        guard dividend.isFinite, divisor.isFinite, !divisor.isZero,
            let numerator = smallSignificand(dividend), let denominator = smallSignificand(divisor)
        else { return nil }
        if numerator == 0 { return 0 }
        // numerator · 10^shift / denominator, for the smallest shift that leaves no remainder.
        var scaled = numerator
        var shift = 0
        while scaled % denominator != 0 {
            let (next, overflow) = scaled.multipliedReportingOverflow(by: 10)
            guard !overflow, next < 1_000_000_000_000_000_000 else { return nil }
            scaled = next
            shift += 1
        }
        let negative = (dividend.sign == .minus) != (divisor.sign == .minus)
        return compact(
            negative ? .minus : .plus, scaled / denominator, exponent: dividend.exponent - divisor.exponent - shift)
    }

    /// `NSDecimalRound(places, .plain)` (half away from zero) worked out in integers, with the same
    /// compact form Foundation gives, when the result is nonzero and fits (`roundedUnits`); nil
    /// otherwise. NSDecimalRound costs some twenty thousand instructions on the 38-digit quotients
    /// of rates and shares, and most figures are such quotients rounded for a report.
    func integerRounded(_ places: Int) -> Decimal? {
        guard let (negative, units) = roundedUnits(places: places), units > 0 else { return nil }
        return Self.compact(negative ? .minus : .plus, units, exponent: -places)
    }

    /// The value rounded half away from zero to `places` decimals (0...18), as a sign and a count of
    /// 10^-places units below 10^18; nil when it does not fit or the storage cannot be read.
    package func roundedUnits(places: Int) -> (negative: Bool, units: UInt64)? {
        guard let parts = DecimalStorage.parts(of: self), places >= 0, places <= 18 else { return nil }
        let shift = parts.exponent + places
        let units: UInt64
        if shift >= 0 {
            guard let small = parts.smallSignificand, let scaled = Self.scaledUp(small, by: shift) else { return nil }
            units = scaled
        } else {
            guard -shift <= 38 else { return (parts.negative, 0) }
            // Half away from zero looks at the first dropped digit only: keep it, then decide on it.
            var significand = parts.significand
            significand.divide(byPowerOfTen: -shift - 1)
            let firstDropped = significand.divide(by: 10)
            guard significand.high == 0 else { return nil }
            units = significand.low + (firstDropped >= 5 ? 1 : 0)
        }
        guard units < 1_000_000_000_000_000_000 else { return nil }
        return (parts.negative, units)
    }

    // MARK: Integer paths for the liability curve and the rules that compare its figures
    //
    // Foundation's comparison and arithmetic turn both operands into arrays of words (several hundred
    // to several thousand instructions and allocations a call); the curve and the rules make some
    // hundred such calls a submission. These give the very values (and bytes) Foundation's operators
    // give, in integers: comparisons on the whole 128-bit significands, sums and products when both
    // significands and the result fit in 64 bits; otherwise they call the operator.

    /// `self < other`.
    package func isBelow(_ other: Decimal) -> Bool {
        guard let order = Self.integerOrder(self, other) else { return self < other }
        return order < 0
    }

    /// `self <= other`.
    package func isAtMost(_ other: Decimal) -> Bool {
        guard let order = Self.integerOrder(self, other) else { return self <= other }
        return order <= 0
    }

    /// `self + other`.
    package func plus(_ other: Decimal) -> Decimal {
        Self.integerSum(self, other, negatingSecond: false) ?? self + other
    }

    /// `self - other`.
    package func minus(_ other: Decimal) -> Decimal {
        Self.integerSum(self, other, negatingSecond: true) ?? self - other
    }

    /// `self * other`.
    package func times(_ other: Decimal) -> Decimal {
        guard let a = DecimalStorage.parts(of: self), let b = DecimalStorage.parts(of: other),
            let first = a.smallSignificand, let second = b.smallSignificand
        else { return self * other }
        let (high, low) = first.multipliedFullWidth(by: second)
        guard high == 0, low != 0 else { return self * other }
        return Self.compact(a.negative != b.negative ? .minus : .plus, low, exponent: a.exponent + b.exponent)
            ?? self * other
    }

    /// -1, 0 or 1 as `a` is below, equal to or above `b`; nil when the storage cannot be read or
    /// either is NaN. Works on the whole 128-bit significands: rates and shares are 38-digit quotients.
    private static func integerOrder(_ a: Decimal, _ b: Decimal) -> Int? {
        guard let x = DecimalStorage.parts(of: a), let y = DecimalStorage.parts(of: b) else { return nil }
        let xNegative = x.negative && !x.significand.isZero
        let yNegative = y.negative && !y.significand.isZero
        if xNegative != yNegative { return xNegative ? -1 : 1 }
        let magnitude = compareMagnitudes(x, y)
        return xNegative ? -magnitude : magnitude
    }

    private static func compareMagnitudes(_ x: DecimalParts, _ y: DecimalParts) -> Int {
        if x.significand.isZero || y.significand.isZero {
            return x.significand.isZero && y.significand.isZero ? 0 : (x.significand.isZero ? -1 : 1)
        }
        // Bring the one with the larger exponent down to the other's; past 128 bits it is the larger.
        if x.exponent >= y.exponent {
            var scaled = x.significand
            guard scaled.multiply(byPowerOfTen: x.exponent - y.exponent) else { return 1 }
            return scaled.compare(y.significand)
        }
        var scaled = y.significand
        guard scaled.multiply(byPowerOfTen: y.exponent - x.exponent) else { return -1 }
        return x.significand.compare(scaled)
    }

    private static func integerSum(_ a: Decimal, _ b: Decimal, negatingSecond: Bool) -> Decimal? {
        guard let x = DecimalStorage.parts(of: a), var y = DecimalStorage.parts(of: b),
            let xSmall = x.smallSignificand, let ySmall = y.smallSignificand
        else { return nil }
        if negatingSecond { y.negative.toggle() }
        let exponent = min(x.exponent, y.exponent)
        guard let xs = scaledUp(xSmall, by: x.exponent - exponent), let ys = scaledUp(ySmall, by: y.exponent - exponent)
        else { return nil }
        let negative: Bool
        let magnitude: UInt64
        if x.negative == y.negative {
            let (sum, overflow) = xs.addingReportingOverflow(ys)
            guard !overflow else { return nil }
            negative = x.negative
            magnitude = sum
        } else if xs >= ys {
            negative = x.negative
            magnitude = xs - ys
        } else {
            negative = y.negative
            magnitude = ys - xs
        }
        // A zero result keeps an exponent in Foundation's hands ("0.00"); leave zeros to it.
        if magnitude == 0 { return nil }
        return compact(negative ? .minus : .plus, magnitude, exponent: exponent)
    }

    /// `value` times 10^`power`, or nil past 64 bits.
    private static func scaledUp(_ value: UInt64, by power: Int) -> UInt64? {
        var result = value
        for _ in 0..<power {
            let (next, overflow) = result.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            result = next
        }
        return result
    }

    /// A nonzero integer significand and exponent as a `Decimal` in the compact form Foundation's own
    /// results take (trailing zeros moved into the exponent), so values and their text match Foundation's.
    private static func compact(_ sign: FloatingPointSign, _ significand: UInt64, exponent: Int) -> Decimal? {
        var significand = significand
        var exponent = exponent
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        guard exponent >= -128, exponent <= 127 else { return nil }
        return Decimal(sign: sign, exponent: exponent, significand: Decimal(significand))
    }

    /// The significand as an integer when it has at most 15 digits.
    private static func smallSignificand(_ value: Decimal) -> UInt64? {
        if let parts = DecimalStorage.parts(of: value) {
            guard let small = parts.smallSignificand, small < 1_000_000_000_000_000 else { return nil }
            return small
        }
        // Storage not readable: ask Foundation (the double bounds the significand safely).
        let number = NSDecimalNumber(decimal: value.significand)
        guard number.doubleValue < 1e15 else { return nil }
        return number.uint64Value
    }
}
