/// A calendar day (proleptic Gregorian, no time, no zone), as the programme counts days:
/// `2026-07-31`. Arithmetic by day numbers (days since 1970-01-01, Howard Hinnant's
/// `days_from_civil`), so it needs no `Calendar` and no time zone.
public struct CivilDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil for a day no calendar has (`2026-02-30`) or a year outside 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.length(of: month, in: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A day written `YYYY-MM-DD` (ASCII digits only); nil otherwise. Read byte by byte: the
    /// server checks every date answer of a push with it (`QuestionnaireItem.isISODate`).
    public init?(iso text: String) {
        var bytes = text.utf8.makeIterator()
        func number(_ digits: Int) -> Int? {
            var value = 0
            for _ in 0..<digits {
                guard let byte = bytes.next(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                    return nil
                }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(4), bytes.next() == UInt8(ascii: "-"), let month = number(2),
            bytes.next() == UInt8(ascii: "-"), let day = number(2), bytes.next() == nil
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day `number` days after 1970-01-01 (negative: before it).
    public init(dayNumber number: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shifted + 2) / 5 + 1
        month = shifted < 10 ? shifted + 3 : shifted - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 0 Sunday, 1 Monday, … 6 Saturday.
    public var weekday: Int { ((dayNumber % 7) + 11) % 7 }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> CivilDay { CivilDay(dayNumber: dayNumber + count) }

    /// `2026-07-31`.
    public var description: String {
        let paddedYear = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(paddedYear)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    public static func < (left: CivilDay, right: CivilDay) -> Bool { left.dayNumber < right.dayNumber }

    /// Days in `month` of `year`.
    public static func length(of month: Int, in year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The `ordinal`-th (1-based) `weekday` (0 Sunday … 6 Saturday) of `month` in `year`.
    static func nth(_ ordinal: Int, weekday: Int, month: Int, year: Int) -> CivilDay? {
        guard let first = CivilDay(year: year, month: month, day: 1) else { return nil }
        let offset = (weekday - first.weekday + 7) % 7
        return CivilDay(year: year, month: month, day: 1 + offset + 7 * (ordinal - 1))
    }
}
