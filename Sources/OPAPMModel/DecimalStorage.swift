import Foundation

/// A finite `Decimal` taken apart: sign, 128-bit significand and power of ten.
struct DecimalParts: Equatable {
    var negative: Bool
    var significand: UInt128Parts
    var exponent: Int

    /// The significand when it fits in 64 bits, as the integer paths of sums and products need.
    var smallSignificand: UInt64? { significand.high == 0 ? significand.low : nil }
}

/// An unsigned 128-bit integer as two halves (the standard `UInt128` needs macOS 15).
struct UInt128Parts: Equatable {
    var high: UInt64
    var low: UInt64

    var isZero: Bool { high == 0 && low == 0 }

    /// -1, 0 or 1 as `self` is below, equal to or above `other`.
    func compare(_ other: UInt128Parts) -> Int {
        if high != other.high { return high < other.high ? -1 : 1 }
        return low == other.low ? 0 : (low < other.low ? -1 : 1)
    }

    /// Multiplies in place by 10^`power`; false (and the value undefined) past 128 bits.
    mutating func multiply(byPowerOfTen power: Int) -> Bool {
        for _ in 0..<power {
            let (carry, newLow) = low.multipliedFullWidth(by: 10)
            let (shifted, overflow) = high.multipliedReportingOverflow(by: 10)
            let (newHigh, carried) = shifted.addingReportingOverflow(carry)
            guard !overflow, !carried else { return false }
            high = newHigh
            low = newLow
        }
        return true
    }

    /// Divides in place by `divisor` (nonzero) and returns the remainder.
    @discardableResult
    mutating func divide(by divisor: UInt64) -> UInt64 {
        let (quotientHigh, remainderHigh) = high.quotientAndRemainder(dividingBy: divisor)
        let (quotientLow, remainder) = divisor.dividingFullWidth((remainderHigh, low))
        high = quotientHigh
        low = quotientLow
        return remainder
    }

    /// Divides in place by 10^`power`, dropping the remainder.
    mutating func divide(byPowerOfTen power: Int) {
        var left = power
        while left > 0 {
            let step = min(left, 19)
            var divisor: UInt64 = 1
            for _ in 0..<step { divisor *= 10 }
            divide(by: divisor)
            left -= step
        }
    }
}

/// Reads a `Decimal`'s sign, significand and exponent straight from its storage. Foundation keeps
/// them private, and the public ways out (`NSDecimalNumber`, `description`) allocate; the figures of
/// every submission read them many times. The layout is checked once against values built through
/// the public API; if it ever differs, `parts` answers nil and callers use Foundation's own arithmetic.
enum DecimalStorage {
    static func parts(of value: Decimal) -> DecimalParts? {
        readable ? read(value) : nil
    }

    /// Byte 0: exponent; byte 1: length in 16-bit words (high nibble), sign (bit 3); bytes 4–19:
    /// the significand's words, least significant first. Length 0 is zero, or NaN when negative.
    private static func read(_ value: Decimal) -> DecimalParts? {
        withUnsafeBytes(of: value) { raw -> DecimalParts? in
            let flags = raw[1]
            let length = Int(flags >> 4)
            let negative = flags & 0x08 != 0
            guard length <= 8 else { return nil }
            if length == 0 {
                return negative ? nil : DecimalParts(negative: false, significand: UInt128Parts(high: 0, low: 0), exponent: 0)
            }
            var words = UInt128Parts(high: 0, low: 0)
            for index in 0..<length {
                let word = UInt64(raw.loadUnaligned(fromByteOffset: 4 + 2 * index, as: UInt16.self))
                if index < 4 { words.low |= word << (16 * index) } else { words.high |= word << (16 * (index - 4)) }
            }
            return DecimalParts(negative: negative, significand: words, exponent: Int(Int8(bitPattern: raw[0])))
        }
    }

    /// Whether `read` agrees with Foundation's public accessors on values that use every part.
    static let readable: Bool = {
        guard MemoryLayout<Decimal>.size == 20, UInt16(1).littleEndian == 1 else { return false }
        let maximum = Decimal(string: "340282366920938463463374607431768211455")  // 2^128 - 1
        let probes: [(Decimal?, DecimalParts?)] = [
            (Decimal(sign: .minus, exponent: -7, significand: Decimal(123_456_789_012_345_678 as UInt64)),
                DecimalParts(negative: true, significand: UInt128Parts(high: 0, low: 123_456_789_012_345_678), exponent: -7)),
            (Decimal(sign: .plus, exponent: 5, significand: 42),
                DecimalParts(negative: false, significand: UInt128Parts(high: 0, low: 42), exponent: 5)),
            (maximum, DecimalParts(negative: false, significand: UInt128Parts(high: .max, low: .max), exponent: 0)),
            (Decimal(string: "-0.000065536"),
                DecimalParts(negative: true, significand: UInt128Parts(high: 0, low: 65536), exponent: -9)),
            (Decimal(0), DecimalParts(negative: false, significand: UInt128Parts(high: 0, low: 0), exponent: 0)),
            (Decimal.nan, nil),
        ]
        return probes.allSatisfy { value, expected in
            guard let value else { return false }
            return read(value) == expected
        }
    }()
}
