/// Numbers as people read them in messages and reports; JSON and SARIF keep the plain numbers.
extension Exact {
    /// A percent for messages: at most three decimals, no trailing zeros ("34.375%", "30%").
    public var percentText: String { roundedText(places: 3) + "%" }

    /// Dollars for messages, rounded to cents, with thousands separators ("$1,250,000.5"): people read
    /// these; JSON figures keep the plain numbers.
    public var dollarText: String {
        let plain = roundedText(places: 2)
        let negative = plain.hasPrefix("-")
        let digits = negative ? plain.dropFirst() : plain[...]
        let whole = digits.prefix { $0 != "." }
        let fraction = digits.dropFirst(whole.count)
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (negative ? "-$" : "$") + grouped + fraction
    }
}
