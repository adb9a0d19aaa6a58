import Models
import Testing

/// Dates typed the ways clerks type them become `YYYY-MM-DD`; impossible ones say why.
@Suite struct DateInputTests {
    @Test func everyUsualFormReadsAsTheSameDay() {
        for text in [
            "2025-04-01", "2025/4/1", "2025.4.1", "2025年4月1日", "令和7年4月1日", "R7.4.1", "r7/4/1", "R7-04-01",
            "２０２５／４／１", "令和７年４月１日", "Ｒ７．４．１", " 2025/04/01 ", "令和7年4月1",
        ] {
            #expect(DateInput.read(text) == .date("2025-04-01"), "\(text)")
        }
        #expect(DateInput.read("令和元年5月1日") == .date("2019-05-01"))
        #expect(DateInput.read("H31.4.30") == .date("2019-04-30"))
        #expect(DateInput.read("平成元年1月8日") == .date("1989-01-08"))
        #expect(DateInput.read("昭和64年1月7日") == .date("1989-01-07"))
        #expect(DateInput.read("2024/2/29") == .date("2024-02-29"))
    }

    /// Numbers no calendar has are unreadable, never an arithmetic trap: an era year near
    /// `Int.max` once stopped the whole server (the year's sum overflowed).
    @Test func hugeNumbersAreUnreadableNotATrap() {
        for text in [
            "R9223372036854775807.1.1", "令和9223372036854775807年1月1日", "H99999.1.1", "10000-01-01",
            "2025-001-01", "2025-01-001", "99999999999999999999-01-01", "令和9999年1月1日",
        ] {
            #expect(DateInput.read(text) == .unreadable, "\(text)")
        }
        #expect(DateInput.readMonth("R9223372036854775807.1") == .unreadable)
        #expect(DateInput.readMonth("令和7981年12月") == .date("9999-12"), "the last year a calendar shows")
        #expect(DateInput.readMonth("令和7982年1月") == .unreadable)
    }

    @Test func impossibleDatesSayWhy() {
        func reason(_ text: String) -> String? {
            if case .impossible(let japanese, _) = DateInput.read(text) { return japanese }
            return nil
        }
        #expect(reason("2030-13-01")?.contains("13月はありません") == true)
        #expect(reason("2025/2/29")?.contains("2025年2月は28日までです") == true)
        #expect(reason("2025/4/31")?.contains("30日までです") == true)
        #expect(reason("令和1年4月1日")?.contains("令和は2019年5月1日からです") == true)
        #expect(reason("平成32年1月1日")?.contains("令和に改元されています") == true)
        #expect(reason("令和0年1月1日") != nil)
    }

    @Test func whatIsNoDateIsUnreadable() {
        for text in ["", "来年度", "25/4/1", "2025/4", "2025/4/1/2", "2025-4/1", "2025年4/1", "1e3/4/1", "X7.4.1", "令和"] {
            #expect(DateInput.read(text) == .unreadable, "\(text)")
        }
    }
}
