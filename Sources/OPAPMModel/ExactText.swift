/// Numbers as people read them in messages and reports; JSON and SARIF keep the plain numbers.
extension Exact {
    /// A percent for messages: at most three decimals, no trailing zeros ("34.375%", "30%").
    public var percentText: String { roundedText(places: 3) + "%" }

    /// Dollars for messages, rounded to cents, with thousands separators ("$1,250,000.5"): people read
    /// these; JSON figures keep the plain numbers.
    public var dollarText: String {
        // Grouped as bytes: walking the digits as `Character`s cost a report some 11,000 instructions
        // a figure (the text is ASCII digits, a sign and a point).
        var plain = roundedText(places: 2)
        return plain.withUTF8 { text in
            let negative = text.first == UInt8(ascii: "-")
            let digits = negative ? UnsafeBufferPointer(rebasing: text.dropFirst()) : text
            let whole = digits.firstIndex(of: UInt8(ascii: ".")) ?? digits.count
            var out: [UInt8] = negative ? Array("-$".utf8) : [UInt8(ascii: "$")]
            out.reserveCapacity(text.count + text.count / 3 + 2)
            for index in 0..<whole {
                if index > 0 && (whole - index) % 3 == 0 { out.append(UInt8(ascii: ",")) }
                out.append(digits[index])
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[whole...]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
