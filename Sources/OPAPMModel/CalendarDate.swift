/// A date without time or zone, as submissions state them (`xs:date`).
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD`, ignoring a trailing time-zone designator that `xs:date` allows. Byte by
    /// byte: every submission has several dates, and splitting strings cost more than the rule checks.
    public init?(iso text: String) {
        var fields = (year: 0, month: 0, day: 0)
        var count = 0
        for byte in text.utf8.prefix(10) {
            switch count {
            case 4, 7:
                guard byte == UInt8(ascii: "-") else { return nil }
            default:
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                if count < 4 { fields.year = fields.year * 10 + digit }
                else if count < 7 { fields.month = fields.month * 10 + digit }
                else { fields.day = fields.day * 10 + digit }
            }
            count += 1
        }
        guard count == 10, (1...12).contains(fields.month),
            (1...Self.days(inMonth: fields.month, year: fields.year)).contains(fields.day)
        else { return nil }
        self.init(year: fields.year, month: fields.month, day: fields.day)
    }

    /// Days in `month` of `year`, Gregorian: 2024-02-30 is no date.
    public static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Day of the week, 0 = Sunday (Sakamoto's method; valid for the Gregorian calendar).
    public var weekday: Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }

    /// The first Monday of a month: the Medicare Advantage bid deadline falls on June's.
    public static func firstMonday(ofMonth month: Int, year: Int) -> CalendarDate {
        let first = CalendarDate(year: year, month: month, day: 1)
        let shift = (8 - first.weekday) % 7
        return CalendarDate(year: year, month: month, day: 1 + shift)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date \(text)"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
