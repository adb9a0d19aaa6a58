import Models

/// The advisor's monthly report (`renkei report monthly 2026-06`), due by the 10th of the next
/// month: the month's inquiries by theme and municipality, consultations with attendance,
/// meetings with the due date of their minutes (2 開庁日, `BusinessCalendar`) and when they went
/// out, the hearings held, and progress against the plan (the hearing programme's target, the
/// open surveys' submissions).
public enum MonthlyReport {
    public struct Inquiry: Sendable {
        public let date: String
        /// The municipality that asked; nil for one from the prefecture.
        public let municipality: String?
        public let channel: String
        public let theme: String
        public let question: String
        public let answer: String
        public let minutes: Int64?

        public init(
            date: String, municipality: String?, channel: String, theme: String, question: String, answer: String,
            minutes: Int64?
        ) {
            self.date = date
            self.municipality = municipality
            self.channel = channel
            self.theme = theme
            self.question = question
            self.answer = answer
            self.minutes = minutes
        }
    }

    public struct Consultation: Sendable {
        public let date: String
        public let theme: String
        public let municipalities: [String]
        public let attendees: Int64?

        public init(date: String, theme: String, municipalities: [String], attendees: Int64?) {
            self.date = date
            self.theme = theme
            self.municipalities = municipalities
            self.attendees = attendees
        }
    }

    public struct Meeting: Sendable {
        public let date: String
        public let kind: String
        public let title: String
        public let attendees: String
        public let points: String
        public let decisions: String
        /// When the minutes were shared (`YYYY-MM-DD`); nil while they have not been.
        public let minutesShared: String?

        public init(
            date: String, kind: String, title: String, attendees: String, points: String, decisions: String,
            minutesShared: String?
        ) {
            self.date = date
            self.kind = kind
            self.title = title
            self.attendees = attendees
            self.points = points
            self.decisions = decisions
            self.minutesShared = minutesShared
        }

        /// The minutes' due date: 2 開庁日 after the meeting (nil without a valid date).
        public var minutesDue: CivilDay? {
            CivilDay(iso: date).map { BusinessCalendar.adding(openDays: WorkLogKind.minutesDueOpenDays, to: $0) }
        }
    }

    /// An open survey and how many municipalities have submitted it.
    public struct SurveyProgress: Sendable {
        public let id: String
        public let title: String
        public let submitted: Int
        public let municipalities: Int

        public init(id: String, title: String, submitted: Int, municipalities: Int) {
            self.id = id
            self.title = title
            self.submitted = submitted
            self.municipalities = municipalities
        }
    }

    /// Everything the report reads. Records of other months are left out here (by their date).
    public struct Input: Sendable {
        /// `YYYY-MM`.
        public let month: String
        public let inquiries: [Inquiry]
        public let consultations: [Consultation]
        public let meetings: [Meeting]
        /// Every hearing (the programme counts them all; the month's are listed).
        public let hearings: [HearingProgramReport.Hearing]
        public let faqItems: Int
        public let target: HearingProgramReport.Target
        public let surveys: [SurveyProgress]

        public init(
            month: String, inquiries: [Inquiry], consultations: [Consultation], meetings: [Meeting],
            hearings: [HearingProgramReport.Hearing], faqItems: Int, target: HearingProgramReport.Target,
            surveys: [SurveyProgress]
        ) {
            self.month = month
            self.inquiries = inquiries.filter { $0.date.hasPrefix(month + "-") }.sorted { $0.date < $1.date }
            self.consultations = consultations.filter { $0.date.hasPrefix(month + "-") }.sorted { $0.date < $1.date }
            self.meetings = meetings.filter { $0.date.hasPrefix(month + "-") }.sorted { $0.date < $1.date }
            self.hearings = hearings
            self.faqItems = faqItems
            self.target = target
            self.surveys = surveys
        }

        /// The hearings held in the month (a real day of it).
        var monthHearings: [HearingProgramReport.Hearing] {
            hearings.filter { $0.date.hasPrefix(month + "-") && CivilDay(iso: $0.date) != nil }.sorted {
                ($0.date, $0.municipality) < ($1.date, $1.municipality)
            }
        }
    }

    /// The first and last day of `YYYY-MM`; nil for no such month.
    static func days(of month: String) -> (first: CivilDay, last: CivilDay)? {
        guard let first = CivilDay(iso: month + "-01") else { return nil }
        return (
            first,
            CivilDay(year: first.year, month: first.month, day: CivilDay.length(of: first.month, in: first.year))
                ?? first
        )
    }

    /// `令和8年6月` (the era of the month's first day).
    public static func monthLabel(_ month: String) -> String {
        guard let first = days(of: month)?.first else { return month }
        return "\(DateInput.japaneseYear(of: first))\(first.month)月"
    }

    /// The 10th of the month after `month` (`YYYY-MM-DD`).
    public static func dueDate(_ month: String) -> String { days(of: month)?.last.adding(days: 10).description ?? "" }

    /// `電話`, or the code when it has no label.
    static func channel(_ code: String) -> String { WorkLogField.channelLabels[code] ?? code }

    static func who(_ code: String?) -> String { code.map(SurveyRecords.name(of:)) ?? "府・その他" }

    /// The report's tables: 概要, inquiries by theme, by municipality and one by one,
    /// consultations, meetings, hearings of the month, progress against the plan.
    public static func tables(_ input: Input) -> [ReportTable] {
        let inquiryMinutes = input.inquiries.compactMap(\.minutes).reduce(0, +)
        let attendees = input.consultations.compactMap(\.attendees).reduce(0, +)
        let consulted = Set(input.consultations.flatMap(\.municipalities)).count
        let heard = input.monthHearings
        var summary = ReportTable(name: "概要", columns: ["項目", "件数", "備考"])
        summary.rows = [
            [.text("問合せ"), .integer(Int64(input.inquiries.count)), .text("対応時間 計 \(inquiryMinutes) 分")],
            [
                .text("相談会"), .integer(Int64(input.consultations.count)),
                .text("参加 \(attendees) 人・\(consulted) 団体"),
            ],
            [.text("会議"), .integer(Int64(input.meetings.count)), .text(minutesNote(input.meetings))],
            [
                .text("ヒアリング"), .integer(Int64(heard.count)),
                .text("\(Set(heard.map(\.municipality)).count) 団体"),
            ],
        ]

        var byTheme = ReportTable(name: "問合せ（テーマ別）", columns: ["テーマ", "件数", "対応時間（分）"])
        for theme in Set(input.inquiries.map(\.theme)).sorted() {
            let ofTheme = input.inquiries.filter { $0.theme == theme }
            byTheme.rows.append([
                .text(theme.isEmpty ? "（テーマなし）" : theme), .integer(Int64(ofTheme.count)),
                .integer(ofTheme.compactMap(\.minutes).reduce(0, +)),
            ])
        }
        var byMunicipality = ReportTable(name: "問合せ（団体別）", columns: ["団体コード", "団体名", "件数", "テーマ"])
        let codes = Set(input.inquiries.map { $0.municipality ?? "" }).sorted()
        for code in codes {
            let ofMunicipality = input.inquiries.filter { ($0.municipality ?? "") == code }
            byMunicipality.rows.append([
                .text(code), .text(who(code.isEmpty ? nil : code)), .integer(Int64(ofMunicipality.count)),
                .text(Array(Set(ofMunicipality.map(\.theme))).sorted().joined(separator: "、")),
            ])
        }
        var inquiries = ReportTable(
            name: "問合せ一覧", columns: ["日付", "団体", "方法", "テーマ", "問合せ内容", "回答", "対応時間（分）"])
        for inquiry in input.inquiries {
            inquiries.rows.append([
                ReportCell.dateOrText(inquiry.date), .text(who(inquiry.municipality)), .text(channel(inquiry.channel)),
                .text(inquiry.theme), .text(inquiry.question), .text(inquiry.answer),
                inquiry.minutes.map(ReportCell.integer) ?? .empty,
            ])
        }
        var consultations = ReportTable(name: "相談会", columns: ["日付", "テーマ", "参加団体数", "参加者数", "参加団体"])
        for consultation in input.consultations {
            consultations.rows.append([
                ReportCell.dateOrText(consultation.date), .text(consultation.theme),
                .integer(Int64(consultation.municipalities.count)),
                consultation.attendees.map(ReportCell.integer) ?? .empty,
                .text(consultation.municipalities.map(SurveyRecords.name(of:)).joined(separator: "、")),
            ])
        }
        var meetings = ReportTable(
            name: "会議", columns: ["日付", "種別", "件名", "出席者", "議事録の期限", "議事録の共有日", "期限内"])
        for meeting in input.meetings {
            let due = meeting.minutesDue?.description ?? ""
            let onTime: String =
                switch meeting.minutesShared {
                case nil: "未共有"
                case let shared?: shared <= due ? "○" : "×（遅れ）"
                }
            meetings.rows.append([
                ReportCell.dateOrText(meeting.date), .text(meeting.kind), .text(meeting.title),
                .text(meeting.attendees),
                ReportCell.dateOrText(due), meeting.minutesShared.map(ReportCell.dateOrText) ?? .empty, .text(onTime),
            ])
        }
        var hearings = ReportTable(name: "ヒアリング", columns: ["日付", "団体コード", "団体名", "区分"])
        for hearing in heard {
            hearings.rows.append([
                ReportCell.dateOrText(hearing.date), .text(hearing.municipality),
                .text(SurveyRecords.name(of: hearing.municipality)),
                .text(ComparisonReport.kindGroup(of: hearing.municipality) ?? ""),
            ])
        }
        // As of the month's end: hearings planned after it are not yet held.
        var progress = HearingProgramReport.tables(
            input.hearings, target: input.target, faqItems: input.faqItems,
            today: days(of: input.month)?.last.description)[0]
        progress.name = "計画に対する進捗"
        progress.columns = ["項目", "値"]
        for survey in input.surveys {
            progress.rows.append([
                .text("調査「\(survey.title)」（\(survey.id)）の提出"),
                .text("\(survey.submitted) / \(survey.municipalities) 団体"),
            ])
        }
        return [summary, byTheme, byMunicipality, inquiries, consultations, meetings, hearings, progress]
    }

    /// `議事録 2 件中 1 件が期限内に共有、1 件未共有`.
    static func minutesNote(_ meetings: [Meeting]) -> String {
        guard !meetings.isEmpty else { return "" }
        let onTime = meetings.filter { meeting in
            guard let shared = meeting.minutesShared, let due = meeting.minutesDue else { return false }
            return shared <= due.description
        }.count
        let unshared = meetings.filter { $0.minutesShared == nil }.count
        return "議事録 \(meetings.count) 件中 \(onTime) 件が期限内に共有" + (unshared > 0 ? "、\(unshared) 件未共有" : "")
    }

    /// The report as a Word document: numbered sections with a sentence each and their tables,
    /// each meeting's points and decisions under its own heading.
    public static func document(_ input: Input, producedAt: Int64) -> WordDocument {
        let tables = Self.tables(input)
        let label = monthLabel(input.month)
        var document = WordDocument(
            title: "市町村DX推進アドバイザー業務 月次報告（\(label)）",
            subtitle: [
                "対象期間：\(input.month)-01〜\(days(of: input.month)?.last.description ?? input.month)",
                "提出期限：\(dueDate(input.month))",
                "作成：\(JapanTime.text(producedAt))",
            ])
        document.blocks += [
            .heading("今月の概要", level: 1),
            .paragraph(
                "\(label)は、問合せ \(input.inquiries.count) 件、相談会 \(input.consultations.count) 回、会議 \(input.meetings.count) 回、ヒアリング \(input.monthHearings.count) 回に対応しました。"
            ),
            .table(tables[0]),
            .heading("問合せ対応", level: 1),
        ]
        if input.inquiries.isEmpty {
            document.blocks.append(.paragraph("今月の問合せはありません。"))
        } else {
            document.blocks += [
                .heading("テーマ別", level: 2), .table(tables[1]), .heading("団体別", level: 2), .table(tables[2]),
                .heading("一覧", level: 2), .table(tables[3]),
            ]
        }
        document.blocks.append(.heading("相談会", level: 1))
        document.blocks.append(input.consultations.isEmpty ? .paragraph("今月の相談会はありません。") : .table(tables[4]))
        document.blocks.append(.heading("会議", level: 1))
        if input.meetings.isEmpty {
            document.blocks.append(.paragraph("今月の会議はありません。"))
        } else {
            document.blocks += [
                .paragraph("議事録は会議の日から2開庁日以内（土日祝日と12月29日〜1月3日を除く）に共有します。\(minutesNote(input.meetings))。"),
                .table(tables[5]),
            ]
            for meeting in input.meetings {
                document.blocks.append(.heading("\(meeting.date) \(meeting.kind) \(meeting.title)", level: 3))
                if !meeting.points.isEmpty { document.blocks.append(.paragraph("要点：\(meeting.points)")) }
                if !meeting.decisions.isEmpty { document.blocks.append(.paragraph("決定事項：\(meeting.decisions)")) }
            }
        }
        document.blocks.append(.heading("ヒアリング", level: 1))
        document.blocks.append(input.monthHearings.isEmpty ? .paragraph("今月のヒアリングはありません。") : .table(tables[6]))
        document.blocks += [.heading("計画に対する進捗", level: 1), .table(tables[7])]
        return document
    }
}
