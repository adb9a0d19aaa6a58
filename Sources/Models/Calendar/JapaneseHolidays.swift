/// Japan's national holidays (国民の祝日に関する法律) from 2020 on, computed by the law's rules:
///
/// - fixed days: 元日 1/1, 建国記念の日 2/11, 天皇誕生日 2/23, 昭和の日 4/29, 憲法記念日 5/3,
///   みどりの日 5/4, こどもの日 5/5, 山の日 8/11, 文化の日 11/3, 勤労感謝の日 11/23;
/// - Happy Monday: 成人の日 (2nd Monday of January), 海の日 (3rd of July), 敬老の日 (3rd of
///   September), スポーツの日 (2nd of October);
/// - 春分の日 and 秋分の日 by the usual formula for 1980-2099 (the official days are announced
///   a year ahead and have matched it);
/// - 振替休日: a holiday on a Sunday moves the rest to the next day that is not a holiday;
/// - 国民の休日: a weekday between two holidays is a holiday;
/// - the Olympic moves of 2020 and 2021 (海の日, スポーツの日, 山の日).
///
/// Years past 2099 are computed by the same rules; a later change of the law needs a new rule.
public enum JapaneseHolidays {
    /// The holidays of `year` with their names, in date order.
    public static func holidays(in year: Int) -> [(day: CivilDay, name: String)] {
        var named: [CivilDay: String] = [:]
        func add(_ month: Int, _ day: Int, _ name: String) {
            if let date = CivilDay(year: year, month: month, day: day) { named[date] = name }
        }
        func addNth(_ ordinal: Int, month: Int, _ name: String) {
            if let date = CivilDay.nth(ordinal, weekday: 1, month: month, year: year) { named[date] = name }
        }
        add(1, 1, "元日")
        addNth(2, month: 1, "成人の日")
        add(2, 11, "建国記念の日")
        add(2, 23, "天皇誕生日")
        add(3, vernalEquinox(year), "春分の日")
        add(4, 29, "昭和の日")
        add(5, 3, "憲法記念日")
        add(5, 4, "みどりの日")
        add(5, 5, "こどもの日")
        switch year {
        case 2020:
            add(7, 23, "海の日")
            add(7, 24, "スポーツの日")
            add(8, 10, "山の日")
        case 2021:
            add(7, 22, "海の日")
            add(7, 23, "スポーツの日")
            add(8, 8, "山の日")
        default:
            addNth(3, month: 7, "海の日")
            add(8, 11, "山の日")
            addNth(2, month: 10, "スポーツの日")
        }
        addNth(3, month: 9, "敬老の日")
        add(9, autumnalEquinox(year), "秋分の日")
        add(11, 3, "文化の日")
        add(11, 23, "勤労感謝の日")

        // 国民の休日: a day between two holidays (not itself a Sunday or a holiday).
        for day in named.keys.sorted() {
            let next = day.adding(days: 1)
            if named[next] == nil, named[day.adding(days: 2)] != nil, next.weekday != 0, next.year == year {
                named[next] = "国民の休日"
            }
        }
        // 振替休日: a holiday on a Sunday gives the next day that is not a holiday.
        for day in named.keys.sorted() where day.weekday == 0 && named[day] != "振替休日" {
            var substitute = day.adding(days: 1)
            while named[substitute] != nil { substitute = substitute.adding(days: 1) }
            if substitute.year == year { named[substitute] = "振替休日" }
        }
        return named.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Whether `day` is a national holiday (振替休日 and 国民の休日 included).
    public static func isHoliday(_ day: CivilDay) -> Bool {
        holidays(in: day.year).contains { $0.day == day }
    }

    /// The day of March of 春分の日: ⌊20.8431 + 0.242194 (Y − 1980) − ⌊(Y − 1980) / 4⌋⌋.
    static func vernalEquinox(_ year: Int) -> Int { equinox(year, base: 20.8431) }

    /// The day of September of 秋分の日: ⌊23.2488 + 0.242194 (Y − 1980) − ⌊(Y − 1980) / 4⌋⌋.
    static func autumnalEquinox(_ year: Int) -> Int { equinox(year, base: 23.2488) }

    static func equinox(_ year: Int, base: Double) -> Int {
        let years = year - 1980
        let leap = Int((Double(years) / 4).rounded(.down))
        return Int((base + 0.242194 * Double(years)).rounded(.down)) - leap
    }
}
