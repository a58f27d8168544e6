import Foundation
import Testing

@testable import OPAPMCore
@testable import OPAPMEngine
@testable import OPAPMFiles
@testable import OPAPMLaw
@testable import OPAPMModel
@testable import OPAPMPublishing
@testable import OPAPMQP
@testable import OPAPMRules
import OPAPMXML

/// The fast paths that write numbers and read dates must agree with the slow, obvious ones.
@Suite struct TextFormTests {
    /// Rounding and writing from an integer gives what `NSDecimalRound` then `description` gives.
    @Test func roundedTextMatchesDescription() {
        var state: UInt64 = 7
        func next() -> UInt64 {  // Knuth's MMIX LCG: enough for a repeatable spread of values
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 17
        }
        var samples = ["0", "30", "-0.0005", "0.0005", "34.375", "34.3755", "99.9995", "-2.5", "1e17", "999999999999999.999",
            "1000000000000000.0005", "123456789012345678901234.5678", "0.000000001", "-123.4504"].map { Decimal(string: $0)! }
        for _ in 0..<2000 {
            let exponent = Int(next() % 12) - 8
            let significand = Decimal(next() % 1_000_000_000_000)
            let value = Decimal(sign: next() % 3 == 0 ? .minus : .plus, exponent: exponent, significand: significand)
            samples.append(value)
            // Far more decimals than kept, so that whole significands are dropped or carried.
            let tiny = Decimal(sign: next() % 2 == 0 ? .minus : .plus, exponent: Int(next() % 14) - 20,
                significand: Decimal(next() % [1000, 1_000_000_000_000_000][Int(next() % 2)]))
            samples.append(tiny)
            // Quotients that do not end: 38 significant digits, as rates and shares come out.
            let quotient = Decimal(sign: next() % 4 == 0 ? .minus : .plus, exponent: Int(next() % 8) - 4,
                significand: Decimal(next() % 1_000_000_000 + 1)) / Decimal(next() % 999_983 + 3)
            samples.append(quotient)
        }
        #expect(DecimalStorage.readable, "Decimal's storage layout changed: the integer fast paths are off")
        for value in samples {
            for places in [2, 3, 4] {
                var source = value
                var rounded = Decimal()
                NSDecimalRound(&rounded, &source, places, .plain)
                #expect(value.roundedText(places: places) == rounded.description, "\(value) to \(places) places")
                #expect(value.rounded(places) == rounded && value.rounded(places).exponent == rounded.exponent)
            }
        }
        #expect(Decimal(string: "34.3755")!.percentText == "34.376%")
        #expect(Decimal(string: "300000")!.dollarText == "$300,000")
        #expect(Decimal(string: "1250000.5")!.dollarText == "$1,250,000.5")
        #expect(Decimal(string: "999")!.dollarText == "$999" && Decimal(string: "1000")!.dollarText == "$1,000")
        #expect(Decimal(string: "-1.005")!.dollarText == "-$1.01")
        #expect(Decimal(string: "-1234567")!.dollarText == "-$1,234,567")
    }

    /// The integer path of division gives the very value, and the very text, Foundation's `/` gives.
    @Test func dividedExactlyMatchesFoundation() {
        var state: UInt64 = 11
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 17
        }
        var pairs: [(Decimal, Decimal)] = [("1", "3"), ("34375", "100"), ("0", "7"), ("-2.4", "0.08"), ("100", "-6.4"),
            ("999999999999999", "0.001"), ("1", "1024"), ("123456789012345678", "2"), ("240", "6.4")].map {
                (Decimal(string: $0.0)!, Decimal(string: $0.1)!)
            }
        for _ in 0..<3000 {
            func value() -> Decimal {
                Decimal(sign: next() % 5 == 0 ? .minus : .plus, exponent: Int(next() % 10) - 6,
                    significand: Decimal(next() % [10, 1000, 100_000, 1_000_000_000_000][Int(next() % 4)] + 1))
            }
            pairs.append((value(), value()))
            // And quotients that end: a multiple of the divisor over a power of two or five.
            let divisor = value()
            let factor = Decimal(next() % 100_000) * [Decimal(string: "0.125")!, 1, Decimal(string: "0.0016")!][Int(next() % 3)]
            pairs.append((divisor * factor, divisor))
        }
        for (dividend, divisor) in pairs {
            let expected = dividend / divisor
            let actual = dividend.dividedExactly(by: divisor)
            #expect(actual == expected && actual.description == expected.description, "\(dividend) / \(divisor)")
        }
    }

    /// The integer comparisons and arithmetic give what Foundation's operators give, byte for byte.
    @Test func integerArithmeticMatchesFoundation() {
        var state: UInt64 = 23
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 17
        }
        func bytes(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
        var values: [Decimal] = ["0", "0.00", "1", "-1", "30", "30.000", "-0.5", "18446744073709551615",
            "18446744073709551616", "99999999999999999999999", "0.0000000000000000001", "1e120", "-1e-120"]
            .map { Decimal(string: $0)! }
        values.append(Decimal.nan)
        for _ in 0..<600 {
            let magnitude = [10, 1000, 1_000_000, 1_000_000_000_000, UInt64.max >> 17][Int(next() % 5)]
            values.append(Decimal(sign: next() % 3 == 0 ? .minus : .plus, exponent: Int(next() % 24) - 12,
                significand: Decimal(next() % magnitude)))
        }
        values.append(Decimal(1) / Decimal(3))
        for _ in 0..<100 {  // 38-digit quotients, as rates and crossing points come out
            let quotient = Decimal(sign: next() % 4 == 0 ? .minus : .plus, exponent: Int(next() % 10) - 5,
                significand: Decimal(next() % 1_000_000 + 1)) / Decimal(next() % 9_973 + 3)
            values.append(quotient)
            values.append(quotient.rounded(2))
        }
        #expect(DecimalStorage.parts(of: Decimal(string: "-12.5")!)?.smallSignificand == 125, "the integer paths are off")
        for _ in 0..<12000 {
            let a = values[Int(next() % UInt64(values.count))]
            let b = values[Int(next() % UInt64(values.count))]
            #expect(a.isBelow(b) == (a < b), "\(a) < \(b)")
            #expect(a.isAtMost(b) == (a <= b), "\(a) <= \(b)")
            if a.isNaN || b.isNaN { continue }
            #expect(bytes(a.plus(b)) == bytes(a + b), "\(a) + \(b)")
            #expect(bytes(a.minus(b)) == bytes(a - b), "\(a) - \(b)")
            // Foundation's `*` traps past its exponent range; the rules never multiply such values.
            if abs(a.exponent + b.exponent) < 100 { #expect(bytes(a.times(b)) == bytes(a * b), "\(a) * \(b)") }
        }
    }

    @Test func isoDatesReadStrictly() {
        #expect(CalendarDate(iso: "2024-02-29") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(iso: "2024-12-31Z") == CalendarDate(year: 2024, month: 12, day: 31))
        #expect(CalendarDate(iso: "2024-12-31+05:00") == CalendarDate(year: 2024, month: 12, day: 31))
        for bad in ["", "2024-1-011", "2024-13-01", "2024-00-10", "2024-01-32", "2024/01/01", "-0001-01-01", "20240101", "2024-01-0"] {
            #expect(CalendarDate(iso: bad) == nil, "\(bad)")
        }
    }
}

/// A place read from a document writes its path only when asked, and it is the path the tree writes.
@Suite struct SourceLocationTests {
    @Test func deferredPathsAreTheTreesPaths() throws {
        let builder = XMLTreeBuilder()
        let document = "<submission>" + String(repeating: "<band/>", count: 12) + "<note/></submission>"
        let diagnostics = SecureXMLParser(schema: nil, limits: XMLLimits()).parse(bytes: Array(document.utf8), handler: builder)
        #expect(diagnostics.isEmpty)
        let root = try #require(builder.root)
        let nodes = [root] + root.children
        #expect(nodes.map(\.path).contains("/submission/band[12]"))
        for node in nodes {
            let deferred = OPAPMCore.SourceLocation(line: 3, column: 4, element: node.deferredPath)
            let written = OPAPMCore.SourceLocation(line: 3, column: 4, path: node.path)
            #expect(deferred.path == node.path && deferred == written && deferred.hashValue == written.hashValue)
            let decoded = try JSONDecoder().decode(OPAPMCore.SourceLocation.self, from: JSONEncoder().encode(deferred))
            #expect(decoded == written)
            var changed = deferred
            changed.path = "/elsewhere"
            #expect(changed.path == "/elsewhere")
        }
    }
}
