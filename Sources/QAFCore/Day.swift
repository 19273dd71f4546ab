/// A calendar date as a count of days since 1970-01-01, so that date arithmetic is integer arithmetic.
public enum Day {
    /// Parses `YYYY-MM-DD`; nil for anything else, including impossible dates such as 2026-02-30.
    public static func parse(_ text: some StringProtocol) -> Int? {
        if let day = text.utf8.withContiguousStorageIfAvailable(parse(bytes:)) { return day }
        return Array(text.utf8).withUnsafeBufferPointer(parse(bytes:))
    }

    /// The one date parser: `parse(_:)` above, the expression lexer, and the byte-level evidence readers, which
    /// call it on a field's bytes where they lie, with no String made. Inlinable, as it is on their hot path.
    @inlinable
    public static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for k in range {
                let d = Int(b[k]) - 0x30
                guard (0...9).contains(d) else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10), (1...12).contains(month),
            day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return number(year: year, month: month, day: day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public static func number(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public static func civil(_ number: Int) -> (year: Int, month: Int, day: Int) {
        let z = number + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public static func format(_ number: Int) -> String {
        let (y, m, d) = civil(number)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// The date `months` calendar months after `number`, clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).
    public static func adding(months: Int, to number: Int) -> Int {
        let (y, m, d) = civil(number)
        let total = y * 12 + (m - 1) + months
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        return Day.number(year: year, month: month, day: min(d, daysIn(month: month, year: year)))
    }

    /// Whole calendar months from `from` to `to` (negative when `to` is earlier).
    public static func monthsBetween(_ from: Int, _ to: Int) -> Int {
        if to < from { return -monthsBetween(to, from) }
        let (y1, m1, _) = civil(from)
        let (y2, m2, _) = civil(to)
        var months = (y2 - y1) * 12 + (m2 - m1)
        if adding(months: months, to: from) > to { months -= 1 }
        return months
    }
}
