import Models
import Testing

/// The national holidays as the Cabinet Office published them (内閣府「国民の祝日について」,
/// 2024-2027), the office calendar built on them, and the day arithmetic beneath.
@Suite struct JapaneseHolidaysTests {
    static let published: [Int: [String]] = [
        2024: [
            "2024-01-01", "2024-01-08", "2024-02-11", "2024-02-12", "2024-02-23", "2024-03-20", "2024-04-29",
            "2024-05-03", "2024-05-04", "2024-05-05", "2024-05-06", "2024-07-15", "2024-08-11", "2024-08-12",
            "2024-09-16", "2024-09-22", "2024-09-23", "2024-10-14", "2024-11-03", "2024-11-04", "2024-11-23",
        ],
        2025: [
            "2025-01-01", "2025-01-13", "2025-02-11", "2025-02-23", "2025-02-24", "2025-03-20", "2025-04-29",
            "2025-05-03", "2025-05-04", "2025-05-05", "2025-05-06", "2025-07-21", "2025-08-11", "2025-09-15",
            "2025-09-23", "2025-10-13", "2025-11-03", "2025-11-23", "2025-11-24",
        ],
        2026: [
            "2026-01-01", "2026-01-12", "2026-02-11", "2026-02-23", "2026-03-20", "2026-04-29", "2026-05-03",
            "2026-05-04", "2026-05-05", "2026-05-06", "2026-07-20", "2026-08-11", "2026-09-21", "2026-09-22",
            "2026-09-23", "2026-10-12", "2026-11-03", "2026-11-23",
        ],
        2027: [
            "2027-01-01", "2027-01-11", "2027-02-11", "2027-02-23", "2027-03-21", "2027-03-22", "2027-04-29",
            "2027-05-03", "2027-05-04", "2027-05-05", "2027-07-19", "2027-08-11", "2027-09-20", "2027-09-23",
            "2027-10-11", "2027-11-03", "2027-11-23",
        ],
    ]

    @Test(arguments: [2024, 2025, 2026, 2027])
    func theHolidaysAreThePublishedOnes(year: Int) {
        let computed = JapaneseHolidays.holidays(in: year).map(\.day.description)
        #expect(computed == Self.published[year], "\(year)")
    }

    @Test func theRulesAreNamed() {
        let names = Dictionary(JapaneseHolidays.holidays(in: 2026).map { ($0.day.description, $0.name) }) { a, _ in a }
        #expect(names["2026-05-06"] == "振替休日", "憲法記念日 on a Sunday")
        #expect(names["2026-09-22"] == "国民の休日", "between 敬老の日 and 秋分の日")
        #expect(names["2026-09-23"] == "秋分の日" && names["2026-03-20"] == "春分の日")
        #expect(names["2026-01-12"] == "成人の日" && names["2026-10-12"] == "スポーツの日")
        let olympic = JapaneseHolidays.holidays(in: 2021).map(\.day.description)
        #expect(olympic.contains("2021-07-22") && olympic.contains("2021-07-23") && olympic.contains("2021-08-09"))
        #expect(!olympic.contains("2021-10-11") && !olympic.contains("2021-07-19"))
    }

    @Test func officesCloseOnWeekendsHolidaysAndAtTheYearEnd() throws {
        func day(_ text: String) throws -> CivilDay { try #require(CivilDay(iso: text)) }
        #expect(BusinessCalendar.isOpen(try day("2026-06-01")), "a Monday")
        let saturday = try day("2026-06-06")
        let sunday = try day("2026-06-07")
        #expect(!BusinessCalendar.isOpen(saturday) && !BusinessCalendar.isOpen(sunday))
        #expect(!BusinessCalendar.isOpen(try day("2026-05-06")), "振替休日")
        for closed in ["2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"] {
            #expect(!BusinessCalendar.isOpen(try day(closed)), "\(closed): 年末年始")
        }
        let reopening = try day("2027-01-04")
        let lastOpen = try day("2026-12-28")
        #expect(BusinessCalendar.isOpen(reopening) && BusinessCalendar.isOpen(lastOpen))
        // Minutes within two working days of the meeting.
        #expect(
            BusinessCalendar.adding(openDays: 2, to: try day("2026-06-11")).description == "2026-06-15", "Thu -> Mon")
        #expect(
            BusinessCalendar.adding(openDays: 2, to: try day("2026-05-01")).description == "2026-05-08", "Golden Week")
        #expect(BusinessCalendar.adding(openDays: 2, to: try day("2026-12-25")).description == "2027-01-04", "year end")
        #expect(
            BusinessCalendar.adding(openDays: 2, to: try day("2026-09-18")).description == "2026-09-25", "Silver Week")
        #expect(BusinessCalendar.openDays(after: try day("2026-06-11"), through: try day("2026-06-15")) == 2)
    }

    @Test func daysAreCountedWithoutACalendar() {
        #expect(CivilDay(dayNumber: 0).description == "1970-01-01" && CivilDay(dayNumber: 0).weekday == 4)
        #expect(CivilDay(iso: "2024-02-29")?.adding(days: 1).description == "2024-03-01")
        #expect(
            CivilDay(iso: "2025-02-29") == nil && CivilDay(iso: "2026-7-31") == nil
                && CivilDay(iso: "２０２６-07-31") == nil)
        #expect(CivilDay(iso: "2026-07-31")?.weekday == 5, "a Friday")
        for number in [-800_000, -1, 0, 59, 20_000, 2_932_896] {
            #expect(CivilDay(dayNumber: number).dayNumber == number)
        }
    }
}
