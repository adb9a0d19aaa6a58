/// Days a Japanese municipal office is open (開庁日): not Saturday or Sunday, not a national
/// holiday (`JapaneseHolidays`), and not the year-end and New Year closure 12/29 to 1/3 (the
/// 地方自治法 day-off of local governments). Deadlines "within two working days" are counted in
/// these days.
public enum BusinessCalendar {
    /// Whether the office is open on `day`.
    public static func isOpen(_ day: CivilDay) -> Bool {
        guard day.weekday != 0, day.weekday != 6 else { return false }
        if (day.month == 12 && day.day >= 29) || (day.month == 1 && day.day <= 3) { return false }
        return !JapaneseHolidays.isHoliday(day)
    }

    /// The `count`-th open day after `day` (`day` itself never counts): the due date of
    /// something owed "within `count` working days" of `day`.
    public static func adding(openDays count: Int, to day: CivilDay) -> CivilDay {
        var current = day
        var remaining = max(count, 0)
        while remaining > 0 {
            current = current.adding(days: 1)
            if isOpen(current) { remaining -= 1 }
        }
        return current
    }

    /// Open days after `start` up to and including `end` (0 when `end` is not after `start`).
    public static func openDays(after start: CivilDay, through end: CivilDay) -> Int {
        guard end > start else { return 0 }
        var count = 0
        var current = start.adding(days: 1)
        while current <= end {
            if isOpen(current) { count += 1 }
            current = current.adding(days: 1)
        }
        return count
    }
}
