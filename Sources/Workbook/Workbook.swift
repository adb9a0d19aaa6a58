/// The cells of every sheet of one .xlsx file, as `WorkbookReader.read` found them.
public struct Workbook: Sendable {
    /// Every sheet (worksheets, and chart or dialog sheets with no cells), hidden ones included,
    /// in the workbook's tab order.
    public let sheets: [Sheet]
    /// True when the workbook counts date serials from 1904-01-01 (`date1904`, old Mac Excel),
    /// false for the usual 1900 system. Pass it to `date(fromSerial:uses1904:)`.
    public let uses1904Dates: Bool

    /// The first sheet named exactly `name` (case and width as typed), or nil.
    public func sheet(named name: String) -> Sheet? { sheets.first { $0.name == name } }

    /// The calendar date of an Excel date serial (days; the fraction, a time of day, is
    /// ignored). In the 1900 system serial 1 is 1900-01-01 and, as in Excel, serial 60 is
    /// 1900-02-29, a day that never was: it gives nil, and every serial after it is one day
    /// later than its count (61 is 1900-03-01, 45748 is 2025-04-01). In the 1904 system serial 0
    /// is 1904-01-01. Nil for negative, non-finite or zero (1900 system) serials and for dates
    /// after 9999-12-31, where Excel stops.
    public static func date(fromSerial serial: Double, uses1904: Bool) -> (year: Int, month: Int, day: Int)? {
        guard serial.isFinite, serial >= 0, serial < 3_000_000 else { return nil }
        let whole = Int(serial.rounded(.down))
        let daysSince1970: Int
        if uses1904 {
            daysSince1970 = whole - 24_107  // 1904-01-01
        } else {
            guard whole >= 1, whole != 60 else { return nil }
            daysSince1970 = (whole > 60 ? whole - 1 : whole) - 25_568  // 1899-12-31 + serial
        }
        let date = civilDate(daysSince1970: daysSince1970)
        return date.year <= 9999 ? date : nil
    }

    /// The proleptic Gregorian date `days` days after 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`).
    static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468  // from 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
