import Foundation
import Models

/// Where the hearing programme stands (`renkei report hearings`): which municipalities were heard
/// and when, against the target (by default 15 municipalities by the end of July), and when the
/// FAQ is due (three weeks after the last hearing).
public enum HearingProgramReport {
    /// One hearing: the municipality heard and the date (`YYYY-MM-DD`).
    public struct Hearing: Sendable {
        public let municipality: String
        public let date: String

        public init(municipality: String, date: String) {
            self.municipality = municipality
            self.date = date
        }
    }

    /// The programme's target: this many municipalities heard by `deadline` (`YYYY-MM-DD`),
    /// counting hearings from April 1 of the deadline's fiscal year (`start`).
    public struct Target: Sendable {
        public let municipalities: Int
        public let deadline: String

        public init(municipalities: Int, deadline: String) {
            self.municipalities = municipalities
            self.deadline = deadline
        }

        /// The programme's own target: 15 municipalities by July 31 of the fiscal year (April to
        /// March, Japan time) that `now` (Unix milliseconds) falls in; nil when no calendar shows `now`.
        public static func standard(at now: Int64, municipalities: Int = 15) -> Target? {
            FiscalYear.containing(JapanTime.text(now)).map {
                Target(municipalities: municipalities, deadline: "\($0)-07-31")
            }
        }

        /// April 1 of the fiscal year `deadline` falls in.
        public var start: String { FiscalYear.containing(deadline).map { "\($0)-04-01" } ?? deadline }

        /// Whether a hearing on `date` counts toward the target.
        func counts(_ date: String) -> Bool {
            HearingProgramReport.isDay(date) && date >= start && date <= deadline
        }
    }

    /// Days from the last hearing to the FAQ's due date.
    public static let faqDays = 21

    /// The summary table, then one row per municipality with a hearing (its kind, dates, and
    /// whether one was held within the target period). Only hearings held by `today`
    /// (`YYYY-MM-DD`; nil: every dated one) count as held: a hearing dated later is planned, one
    /// without a valid date is not dated, and neither moves the last hearing or the FAQ's due date.
    public static func tables(_ hearings: [Hearing], target: Target, faqItems: Int, today: String? = nil)
        -> [ReportTable]
    {
        func held(_ date: String) -> Bool { Self.isDay(date) && today.map { date <= $0 } ?? true }
        var byMunicipality: [String: [String]] = [:]
        for hearing in hearings { byMunicipality[hearing.municipality, default: []].append(hearing.date) }
        let heldDates = hearings.map(\.date).filter(held)
        let heardInTime = byMunicipality.filter { _, dates in dates.contains { held($0) && target.counts($0) } }.count
        let heardCount = byMunicipality.filter { _, dates in dates.contains(where: held) }.count
        let planned = hearings.filter { Self.isDay($0.date) && !held($0.date) }.count
        let undated = hearings.filter { !Self.isDay($0.date) }.count
        let last = heldDates.max()
        var summary = ReportTable(name: "ヒアリングの進捗", columns: ["項目", "値"])
        summary.rows = [
            [.text("目標"), .text("\(target.municipalities) 団体（\(target.start)〜\(target.deadline)）")],
            [.text("ヒアリングした団体"), .integer(Int64(heardCount))],
            [.text("うち期間内に実施"), .integer(Int64(heardInTime))],
            [.text("目標までの残り"), .integer(Int64(max(0, target.municipalities - heardInTime)))],
            [.text("ヒアリングの回数"), .integer(Int64(heldDates.count))],
            [.text("予定のヒアリング（まだ実施していないもの）"), .integer(Int64(planned))],
            [.text("日付のないヒアリング"), .integer(Int64(undated))],
            [.text("最後のヒアリング"), last.map(ReportCell.dateOrText) ?? .empty],
            [.text("FAQ の期限（最後のヒアリングの3週間後）"), last.flatMap(Self.faqDue).map(ReportCell.dateOrText) ?? .empty],
            [.text("FAQ に載せる項目"), .integer(Int64(faqItems))],
        ]
        var heard = ReportTable(name: "ヒアリングした団体", columns: ["団体コード", "団体名", "区分", "実施日", "回数", "期間内に実施"])
        for code in byMunicipality.keys.sorted() {
            let dates = byMunicipality[code, default: []].sorted()
            let inTime = dates.contains { held($0) && target.counts($0) }
            heard.rows.append([
                .text(code), .text(SurveyRecords.name(of: code)), .text(ComparisonReport.kindGroup(of: code) ?? ""),
                .text(dates.map { $0.isEmpty ? "（日付なし）" : $0 }.joined(separator: "、")), .integer(Int64(dates.count)),
                .text(inTime ? "○" : "×"),
            ])
        }
        return [summary, heard]
    }

    /// Whether `text` is a real day written `YYYY-MM-DD` (as hearings store their dates).
    static func isDay(_ text: String) -> Bool { DateInput.read(text) == .date(text) }

    /// `date` plus `faqDays`, as `YYYY-MM-DD`.
    static func faqDue(after date: String) -> String? {
        CivilDay(iso: date)?.adding(days: faqDays).description
    }
}
