import CommandLineSupport
import Foundation
import Localization
import Models
import Reports
import SyncStorage

extension ReportCommand {
    /// `report monthly YYYY-MM [--target N] [--format docx|xlsx|md|json|csv]`: the advisor's
    /// monthly report (`MonthlyReport`), a Word document by default.
    func monthly(_ arguments: inout ArgumentList) throws {
        let files = try Self.files(&arguments, format: ClientOptions.monthlyFormat, default: .docx)
        let count = try Self.hearingTarget(&arguments)
        let monthText = try arguments.positional("MONTH")
        try arguments.finish()
        try Self.refuseTerminal(files)
        let month = try LogCommand.month(monthText)
        guard let fiscalYear = FiscalYear.containing(month) else {
            throw UsageError(localized("report.month.unknown", ["month": monthText]))
        }
        let store = try home.open()
        let hearings = try ReplicaRecord.all(in: CollectionName.hearings, store: store)
        func records(_ kind: WorkLogKind) throws -> [ReplicaRecord] { try LogCommand.records(kind, store: store) }
        func number(_ record: ReplicaRecord, _ field: String) -> Int64? {
            if case .integer(let value)? = record.fields[field] { return value }
            return nil
        }
        let input = MonthlyReport.Input(
            month: month,
            inquiries: try records(.inquiry).map { record in
                MonthlyReport.Inquiry(
                    date: record.text("date"), municipality: record.scope == .shared ? nil : record.scope.description,
                    channel: record.text("channel"), theme: record.text("theme"), question: record.text("question"),
                    answer: record.text("answer"), minutes: number(record, "minutes"))
            },
            consultations: try records(.consultation).map { record in
                MonthlyReport.Consultation(
                    date: record.text("date"), theme: record.text("theme"), municipalities: LogCommand.codes(record),
                    attendees: number(record, "attendees"))
            },
            meetings: try records(.meeting).map { record in
                let shared = record.text("minutes_shared")
                return MonthlyReport.Meeting(
                    date: record.text("date"), kind: record.text("kind"), title: record.text("title"),
                    attendees: record.text("attendees"), points: record.text("points"),
                    decisions: record.text("decisions"), minutesShared: shared.isEmpty ? nil : shared)
            },
            hearings: Self.hearings(hearings),
            faqItems: try Self.faqEntries(store: store, hearings: hearings).count,
            target: .init(municipalities: count, deadline: "\(fiscalYear)-07-31"),
            surveys: try store.openSurveys().map { survey in
                let municipalities = try store.surveyMunicipalities(survey)
                return MonthlyReport.SurveyProgress(
                    id: survey.surveyID, title: survey.title,
                    submitted: municipalities.filter(\.submission.isSubmitted).count,
                    municipalities: municipalities.count)
            })
        let document = MonthlyReport.document(input, producedAt: ReportClock.now())
        try Self.writing {
            switch files.format {
            case .docx: try files.write(document)
            case .md: try files.emitText(document.markdown)
            default:
                try files.write(
                    title: document.title, MonthlyReport.tables(input),
                    about: Array(document.subtitle.dropLast()) + ["出典：アドバイザーの業務記録・ヒアリング記録（Renkei）"])
            }
        }
    }
}
