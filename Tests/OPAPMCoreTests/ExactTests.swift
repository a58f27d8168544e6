import BigInt
import Foundation
import Testing

@testable import OPAPMModel

/// The obvious fraction: arbitrary-precision numerator and denominator, reduced after every step.
/// Slow and plainly right, it is what `Exact`'s 128-bit paths are held to.
struct ReferenceFraction: Equatable {
    var numerator: BigInt
    var denominator: BigInt

    init(_ numerator: BigInt, _ denominator: BigInt) {
        precondition(!denominator.isZero)
        let divisor = numerator.greatestCommonDivisor(with: denominator)
        let sign: BigInt = denominator.sign == .minus ? -1 : 1
        self.numerator = numerator / divisor * sign
        self.denominator = denominator / divisor * sign
    }

    /// `digits` with `places` of them after the point, and a sign.
    init(negative: Bool, digits: String, places: Int) {
        let whole = BigInt(digits)!
        self.init(negative ? -whole : whole, BigInt(10).power(places))
    }

    static func + (a: Self, b: Self) -> Self { Self(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator) }
    static func - (a: Self, b: Self) -> Self { Self(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator) }
    static func * (a: Self, b: Self) -> Self { Self(a.numerator * b.numerator, a.denominator * b.denominator) }
    static func / (a: Self, b: Self) -> Self { Self(a.numerator * b.denominator, a.denominator * b.numerator) }
    static func < (a: Self, b: Self) -> Bool { a.numerator * b.denominator < b.numerator * a.denominator }

    /// Half away from zero, to `places` decimals, as text without trailing zeros.
    func roundedText(_ places: Int) -> String {
        let scale = BigInt(10).power(places)
        let (quotient, remainder) = (numerator.magnitude * scale.magnitude).quotientAndRemainder(dividingBy: denominator.magnitude)
        let units = remainder * 2 >= denominator.magnitude ? quotient + 1 : quotient
        var digits = String(units)
        var kept = places
        while kept > 0, digits.count > 1, digits.hasSuffix("0") { digits.removeLast(); kept -= 1 }
        if kept > 0, digits == "0" { kept = 0 }
        if kept > 0 {
            if digits.count <= kept { digits = String(repeating: "0", count: kept - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -kept))
        }
        return numerator.sign == .minus && units != 0 ? "-" + digits : digits
    }

    /// The decimal, when it ends; else 20 places.
    var text: String {
        var rest = denominator
        var places = 0
        var twos = 0
        var fives = 0
        while rest % 2 == 0 { rest /= 2; twos += 1 }
        while rest % 5 == 0 { rest /= 5; fives += 1 }
        places = rest == 1 ? max(twos, fives) : 20
        return roundedText(places)
    }

    var floor: BigInt {
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        return remainder.sign == .minus && !remainder.isZero ? quotient - 1 : quotient
    }
}

/// `Exact` against `ReferenceFraction` over every range the schema allows (money: 36 digits and 2
/// decimals; percents and overrun points: 32 digits and 6 decimals, either sign), over the ordinary
/// ranges the rules meet, and over the quotients worked from them.
@Suite struct ExactTests {
    /// A repeatable stream (Knuth's MMIX LCG).
    struct Stream: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    /// A stated number as its text and its reference value: `wholeDigits` at most, `places` at most.
    static func stated(_ stream: inout Stream, wholeDigits: Int, places: Int) -> (String, ReferenceFraction) {
        let negative = stream.below(4) == 0
        let whole = 1 + stream.below(wholeDigits)
        let fraction = stream.below(places + 1)
        var digits = ""
        for index in 0..<(whole + fraction) {
            // Runs of nines and zeros reach the carries and the edges of 128 bits.
            let style = stream.below(8)
            let digit = style == 0 ? 9 : style == 1 ? 0 : stream.below(10)
            digits.append(Character(String(index == 0 && whole > 1 && digit == 0 ? 1 : digit)))
        }
        var text = negative ? "-" : ""
        text += digits.prefix(whole)
        if fraction > 0 { text += "." + digits.suffix(fraction) }
        return (text, ReferenceFraction(negative: negative, digits: digits, places: fraction))
    }

    /// Values as the schema and the rules give them: money, percents, ordinary amounts, and quotients.
    static func values(seed: UInt64, count: Int) -> [(Exact, ReferenceFraction)] {
        var stream = Stream(state: seed)
        var values: [(Exact, ReferenceFraction)] = []
        let edges = ["0", "1", "-1", "30", "3", "0.01", "-0.000001", "170141183460469231731687303715884105727",
            "99999999999999999999999999999999999999", "-99999999999999999999999999999999.999999",
            "999999999999999999999999999999999999.99", "1000000000000", "100", "1000"]
        for text in edges {
            let negative = text.hasPrefix("-")
            let body = negative ? String(text.dropFirst()) : text
            let places = body.split(separator: ".").dropFirst().first?.count ?? 0
            values.append((Exact(decimalText: text)!, ReferenceFraction(negative: negative, digits: body.replacingOccurrences(of: ".", with: ""), places: places)))
        }
        while values.count < count {
            let (text, reference): (String, ReferenceFraction)
            switch stream.below(5) {
            case 0: (text, reference) = stated(&stream, wholeDigits: 36, places: 2)  // Money, the whole range
            case 1: (text, reference) = stated(&stream, wholeDigits: 32, places: 6)  // Percent, the whole range
            case 2: (text, reference) = stated(&stream, wholeDigits: 12, places: 2)  // an ordinary amount
            default: (text, reference) = stated(&stream, wholeDigits: 3, places: 6)  // an ordinary rate or point
            }
            let value = Exact(decimalText: text)!
            values.append((value, reference))
            // Quotients that do not end, as shares, slopes and crossing points come out.
            if let (other, otherReference) = values.randomElement(using: &stream), !otherReference.numerator.isZero {
                values.append((value / other, reference / otherReference))
            }
        }
        return values
    }

    static func check(_ value: Exact, _ reference: ReferenceFraction, _ what: @autoclosure () -> String) {
        let (numerator, denominator) = value.wide
        #expect(numerator == reference.numerator && denominator == reference.denominator, "\(what())")
    }

    @Test func readingIsExactOverTheSchemasRanges() {
        for (value, reference) in Self.values(seed: 1, count: 3000) {
            Self.check(value, reference, "\(value)")
            #expect(value.description == reference.text, "\(reference.numerator)/\(reference.denominator)")
        }
        for bad in ["", "-", ".", "1e7", "1.2.3", "--1", "1,5", "NaN", " 1"] {
            #expect(Exact(decimalText: bad) == nil, "\(bad)")
        }
    }

    @Test func arithmeticAndOrderAreExact() {
        let values = Self.values(seed: 2, count: 1500)
        var stream = Stream(state: 3)
        for _ in 0..<6000 {
            let (a, ra) = values[stream.below(values.count)]
            let (b, rb) = values[stream.below(values.count)]
            Self.check(a + b, ra + rb, "\(a) + \(b)")
            Self.check(a - b, ra - rb, "\(a) - \(b)")
            Self.check(a * b, ra * rb, "\(a) * \(b)")
            if !rb.numerator.isZero { Self.check(a / b, ra / rb, "\(a) / \(b)") }
            #expect((a < b) == (ra < rb), "\(a) < \(b)")
            #expect((a == b) == (ra == rb), "\(a) == \(b)")
            if a == b { #expect(a.hashValue == b.hashValue) }
        }
    }

    /// The one rounding rule: half away from zero, at any number of places, and the floor and ceiling
    /// the search for what would pass steps by.
    @Test func roundingIsHalfAwayFromZero() {
        for (value, reference) in Self.values(seed: 4, count: 2000) {
            for places in [0, 2, 3, 4, 6] {
                #expect(value.roundedText(places: places) == reference.roundedText(places), "\(value) to \(places)")
                #expect(value.rounded(places).description == reference.roundedText(places), "\(value) to \(places)")
            }
            Self.check(value.floor, ReferenceFraction(reference.floor, 1), "floor \(value)")
            #expect(value.floor <= value && value < value.floor + 1)
            #expect(value.ceiling >= value && value.ceiling - 1 < value)
        }
        #expect(Exact(decimalText: "2.5")!.rounded(0) == 3 && Exact(decimalText: "-2.5")!.rounded(0) == -3)
        #expect(Exact(decimalText: "0.0005")!.roundedText(places: 3) == "0.001")
        #expect(Exact(decimalText: "-0.0004")!.roundedText(places: 3) == "0")
        #expect((Exact(2) / 3).description == "0.66666666666666666667")
    }

    @Test func textForPeople() {
        #expect(Exact(decimalText: "34.3755")!.percentText == "34.376%")
        #expect(Exact(300_000).dollarText == "$300,000")
        #expect(Exact(decimalText: "1250000.5")!.dollarText == "$1,250,000.5")
        #expect(Exact(999).dollarText == "$999" && Exact(1000).dollarText == "$1,000")
        #expect(Exact(decimalText: "-1.005")!.dollarText == "-$1.01")
        #expect(Exact(-1_234_567).dollarText == "-$1,234,567")
        #expect(Exact(decimalText: "1000000000000000000000000000000")!.dollarText == "$1,000,000,000,000,000,000,000,000,000,000")
        #expect(Exact(0).dollarText == "$0" && Exact(decimalText: "-0.004")!.dollarText == "$0")
        #expect(Exact(decimalText: "-999999.999")!.dollarText == "-$1,000,000")
    }

    /// Dollars are grouped as bytes; the obvious grouping of the rounded text's characters agrees on every
    /// length of whole part, both signs, with and without cents.
    @Test func dollarsGroupAsTheObviousWayDoes() {
        func obvious(_ value: Exact) -> String {
            let plain = value.roundedText(places: 2)
            let negative = plain.hasPrefix("-")
            let digits = negative ? String(plain.dropFirst()) : plain
            let whole = String(digits.prefix { $0 != "." })
            var grouped = ""
            for (index, digit) in whole.enumerated() {
                if index > 0 && (whole.count - index) % 3 == 0 { grouped += "," }
                grouped.append(digit)
            }
            return (negative ? "-$" : "$") + grouped + digits.dropFirst(whole.count)
        }
        var random = SystemRandomNumberGenerator()
        for length in 1...40 {
            for _ in 0..<25 {
                let digits = String((0..<length).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
                let cents = ["", ".5", ".05", ".125", ".999"].randomElement(using: &random)!
                for sign in ["", "-"] {
                    let value = Exact(decimalText: sign + digits + cents)!
                    #expect(value.dollarText == obvious(value), "\(sign)\(digits)\(cents)")
                }
            }
        }
    }

    /// JSON carries the number's digits both ways, as figures in reports and values in the law file.
    @Test func jsonRoundTripsTheDigits() throws {
        struct Box: Codable { var value: Exact }
        for text in ["0", "30", "-12.5", "0.000001", "1000000000000000000000000000000", "34.3755", "99999999999999999999999999999999.999999"] {
            let value = Exact(decimalText: text)!
            let json = String(decoding: try JSONEncoder().encode(Box(value: value)), as: UTF8.self)
            #expect(json == "{\"value\":\(text)}", "\(text)")
            #expect(try JSONDecoder().decode(Box.self, from: Data(json.utf8)).value == value, "\(text)")
        }
    }

    /// Far past 128 bits nothing overflows, wraps or traps: the values move to arbitrary precision and back.
    @Test func nothingOverflows() {
        let huge = Exact(decimalText: "999999999999999999999999999999999999.99")!
        let product = huge * huge * huge
        #expect(product / huge / huge == huge)
        #expect(product - product == 0 && (product - product).wide == (0, 1))
        let tiny = Exact(1) / huge
        #expect(tiny * huge == 1)
        #expect(tiny > 0 && -tiny < 0)
    }
}
