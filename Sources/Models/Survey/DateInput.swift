import Foundation
import Localization

/// Dates as people in Japanese municipalities type them, turned into the stored form
/// (`YYYY-MM-DD`): `2025-04-01`, `2025/4/1`, `2025.4.1`, `2025年4月1日`, `令和7年4月1日`, `令和元年5月1日`,
/// `R7.4.1`, `R7/4/1`, `H31.4.30`, `平成31年4月30日`, `昭和64年1月7日`, with full-width digits and
/// punctuation as well. A date that reads as one but does not exist (`2030-13-01`, `2025/2/30`,
/// `令和1年4月1日`, before the era began) is told apart from text that is no date at all, so that
/// the clerk is told what is wrong.
public enum DateInput {
    /// What a typed date turned out to be.
    public enum Reading: Equatable, Sendable {
        /// A real day, as `YYYY-MM-DD`.
        case date(String)
        /// Reads as a date, but no such day exists (the reason says why, in Japanese and English).
        case impossible(japanese: String, english: String)
        /// Not a date in any form this reads.
        case unreadable
    }

    /// A Japanese era: its names and its first day.
    struct Era {
        let kanji: String
        let letter: Character
        /// Year, month, day of the era's first day (year 1 of the era).
        let start: (year: Int, month: Int, day: Int)
    }

    /// The eras a date of living memory is written in, newest first.
    static let eras: [Era] = [
        Era(kanji: "令和", letter: "R", start: (2019, 5, 1)),
        Era(kanji: "平成", letter: "H", start: (1989, 1, 8)),
        Era(kanji: "昭和", letter: "S", start: (1926, 12, 25)),
    ]

    /// The year of `day` as 和暦 (`令和8年`, `令和元年`); the Western year (`1900年`) before 昭和.
    public static func japaneseYear(of day: CivilDay) -> String {
        let date = (day.year, day.month, day.day)
        guard let era = eras.first(where: { $0.start <= date }) else { return "\(day.year)年" }
        let year = day.year - era.start.year + 1
        return "\(era.kanji)\(year == 1 ? "元" : String(year))年"
    }

    /// Reads `text` as a day (surrounding spaces ignored).
    public static func read(_ text: String) -> Reading {
        guard let parts = split(text, count: 3) else { return .unreadable }
        let (era, month, day) = (parts.era, parts.numbers[1], parts.numbers[2])
        let year: Int
        switch self.year(parts) {
        case .success(let value): year = value
        case .failure(let failure): return failure.reading
        }
        guard (1...12).contains(month) else { return noMonth(month) }
        let days = CivilDay.length(of: month, in: year)
        guard (1...days).contains(day) else {
            return impossible(
                localized("answer.date.month.days", ["year": year, "month": month, "days": days], in: .japanese),
                localized("answer.date.month.days", ["year": year, "month": pad(month), "days": days], in: .english))
        }
        if let era, let problem = eraProblem(era, first: (year, month, day), last: (year, month, day)) {
            return problem
        }
        return .date("\(year)-\(pad(month))-\(pad(day))")
    }

    /// Reads `text` as a month (`2026-03`, `2026/3`, `2026年3月`, `令和8年3月`, `R8.3`), giving
    /// `YYYY-MM` in `.date`.
    public static func readMonth(_ text: String) -> Reading {
        guard let parts = split(text, count: 2) else { return .unreadable }
        let month = parts.numbers[1]
        let year: Int
        switch self.year(parts) {
        case .success(let value): year = value
        case .failure(let failure): return failure.reading
        }
        guard (1...12).contains(month) else { return noMonth(month) }
        if let era = parts.era,
            let problem = eraProblem(
                era, first: (year, month, 1), last: (year, month, CivilDay.length(of: month, in: year)))
        {
            return problem
        }
        return .date("\(year)-\(pad(month))")
    }

    /// The era, numbers and separators of a date or month as typed; nil unless it has `count`
    /// numbers in one style (`2025-04-01`, `2025/4/1`, `2025.4.1`, `2025年4月1日`), the year of at
    /// most 4 digits and the month and day of at most 2.
    private static func split(_ text: String, count: Int) -> (era: Era?, numbers: [Int])? {
        var rest = Substring(text.applyingTransform(.fullwidthToHalfwidth, reverse: false) ?? text)
        while rest.first == " " || rest.first == "\t" { rest = rest.dropFirst() }
        while rest.last == " " || rest.last == "\t" { rest = rest.dropLast() }
        var era: Era?
        if let found = eras.first(where: { rest.hasPrefix($0.kanji) }) {
            era = found
            rest = rest.dropFirst(found.kanji.count)
        } else if let first = rest.first, let found = eras.first(where: { $0.letter == Character(first.uppercased()) })
        {
            era = found
            rest = rest.dropFirst()
        }
        // 元年 is year 1 of an era.
        if era != nil, rest.hasPrefix("元") { rest = "1" + rest.dropFirst() }
        var numbers: [Int] = []
        var current = ""
        var separators: [Character] = []
        for character in rest {
            if character.isASCII, character.isNumber {
                current.append(character)
                // A year has at most 4 digits, a month or day 2: no number can overflow a sum.
                guard current.count <= (numbers.isEmpty ? 4 : 2) else { return nil }
            } else {
                guard !current.isEmpty, "-/.年月日".contains(character) else { return nil }
                numbers.append(Int(current) ?? -1)
                current = ""
                separators.append(character)
            }
        }
        if !current.isEmpty { numbers.append(Int(current) ?? -1) }
        guard numbers.count == count, numbers.allSatisfy({ $0 >= 0 }) else { return nil }
        let kanji = Array("年月日".prefix(count))
        let usesKanji = separators == kanji || separators == Array(kanji.dropLast())
        let plain = Set(separators).count == 1 && separators.count == count - 1 && "-/.".contains(separators[0])
        guard usesKanji || plain else { return nil }
        return (era, numbers)
    }

    /// The Gregorian year of the parts, or why there is none.
    private static func year(_ parts: (era: Era?, numbers: [Int])) -> Result<Int, ReadingFailure> {
        let year = parts.numbers[0]
        if let era = parts.era {
            guard year >= 1 else {
                let values: [String: Any] = ["era": era.kanji, "year": year]
                return .failure(
                    ReadingFailure(
                        impossible(
                            localized("answer.date.no.year", values, in: .japanese),
                            localized("answer.date.no.year", values, in: .english))))
            }
            // At most 4 digits (`split`), so the sum cannot overflow; past 9999 no calendar shows it.
            let gregorian = year + era.start.year - 1
            return gregorian <= 9999 ? .success(gregorian) : .failure(ReadingFailure(.unreadable))
        }
        // A two-digit year is ambiguous.
        return year < 1000 ? .failure(ReadingFailure(.unreadable)) : .success(year)
    }

    /// A reading that is not a date, as an `Error` for `Result`.
    private struct ReadingFailure: Error {
        let reading: Reading
        init(_ reading: Reading) { self.reading = reading }
    }

    /// Why a day (or the span of a month, `first` to `last`) is not in `era`; nil when it is.
    private static func eraProblem(_ era: Era, first: (Int, Int, Int), last: (Int, Int, Int)) -> Reading? {
        if last < era.start {
            let start = era.start
            let japanese: [String: Any] = [
                "era": era.kanji, "year": start.year, "month": start.month, "day": start.day,
            ]
            var english = japanese
            (english["month"], english["day"]) = (pad(start.month), pad(start.day))
            return impossible(
                localized("answer.date.era.began", japanese, in: .japanese),
                localized("answer.date.era.began", english, in: .english))
        }
        if let next = eras.first(where: { $0.start > era.start }), first >= next.start {
            let start = next.start
            let japanese: [String: Any] = [
                "era": era.kanji, "next": next.kanji, "year": start.year, "month": start.month, "day": start.day,
            ]
            var english = japanese
            (english["month"], english["day"]) = (pad(start.month), pad(start.day))
            return impossible(
                localized("answer.date.era.ended", japanese, in: .japanese),
                localized("answer.date.era.ended", english, in: .english))
        }
        return nil
    }

    /// A date that reads as one but does not exist, with the reason in each language.
    private static func impossible(_ japanese: String, _ english: String) -> Reading {
        .impossible(
            japanese: localized("answer.date.impossible", ["reason": japanese], in: .japanese),
            english: localized("answer.date.impossible", ["reason": english], in: .english))
    }

    /// There is no month `month`.
    private static func noMonth(_ month: Int) -> Reading {
        impossible(
            localized("answer.date.no.month", ["month": month], in: .japanese),
            localized("answer.date.no.month", ["month": month], in: .english))
    }

    private static func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
}
