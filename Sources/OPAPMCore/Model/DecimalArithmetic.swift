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
    func scaled(byPowerOfTen power: Int) -> Decimal {
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
    func dividedExactly(by divisor: Decimal) -> Decimal {
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

    /// `NSDecimalRound(places, .plain)` (half away from zero) worked out in integers when the
    /// significand has at most 15 digits and the result is not zero, with the same compact form
    /// Foundation gives; nil otherwise. NSDecimalRound costs some fifteen thousand instructions.
    func integerRounded(_ places: Int) -> Decimal? {
        let dropped = -places - exponent
        guard isFinite, dropped > 0, dropped < 16, let digits = Self.smallSignificand(self) else { return nil }
        var unit: UInt64 = 1
        for _ in 0..<dropped { unit *= 10 }
        var kept = digits / unit
        if (digits % unit) * 2 >= unit { kept += 1 }
        guard kept > 0 else { return nil }
        return Self.compact(sign, kept, exponent: -places)
    }

    /// The magnitude of a whole number under 10^15, as an integer; nil for a fraction or a larger value.
    var smallWholeMagnitude: UInt64? {
        guard isFinite, exponent >= 0, var value = Self.smallSignificand(self) else { return nil }
        for _ in 0..<exponent {
            value *= 10
            guard value < 1_000_000_000_000_000 else { return nil }
        }
        return value
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

    /// The significand as an integer when it has at most 15 digits (the double bounds it safely).
    private static func smallSignificand(_ value: Decimal) -> UInt64? {
        let number = NSDecimalNumber(decimal: value.significand)
        guard number.doubleValue < 1e15 else { return nil }
        return number.uint64Value
    }
}
