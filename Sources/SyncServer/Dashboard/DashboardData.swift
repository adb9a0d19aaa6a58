import Foundation
import Models
import Reports
import SyncStorage

/// What the dashboard shows, read from the server database: per municipality its replicas and
/// last sync, open conflicts, documents, and completion and state (提出済, 差戻し) of each open
/// survey; the hearings held (for the hearing programme) and the FAQ items flagged; and the
/// pushes the server refused lately, per user.
struct DashboardData {
    struct Municipality {
        let code: String
        let name: String
        var replicas = 0
        /// Unix milliseconds of the latest request from any of its replicas.
        var lastSync: Int64?
        var conflicts = 0
        var documents = 0
        /// Total size of its documents in bytes; stops at `Int64.max` rather than overflowing
        /// (sizes are what replicas claim, so their sum is not trusted to fit).
        var documentBytes: Int64 = 0
        /// Survey id -> share of required items answered (0...1); absent: nothing answered.
        var completion: [String: Double] = [:]
        /// Survey id -> where it stands (回答中, 提出済 when and by whom, 差戻し with its comment).
        var submissions: [String: SubmissionStatus] = [:]
    }

    struct Survey {
        let id: String
        let title: String
    }

    var municipalities: [Municipality] = []
    var surveys: [Survey] = []
    /// Every hearing: the municipality heard (its scope) and the date (`YYYY-MM-DD` as stored;
    /// a hearing without a valid date counts as not dated).
    var hearings: [HearingProgramReport.Hearing] = []
    /// Hearing items flagged for the FAQ.
    var faqItems = 0
    /// Replicas of the advisor and admins (scope `shared`).
    var sharedReplicas = 0
    /// Pushes refused in the last `refusalWindow` milliseconds: the total, and per user (at most
    /// `refusalRows`, newest first) the count and the latest.
    var refusals = RefusalSummary(total: 0, users: [])

    /// How far back refused pushes are shown: 7 days, in milliseconds.
    static let refusalWindow: Int64 = 7 * 24 * 60 * 60 * 1000
    /// At most this many users' refused pushes are listed.
    static let refusalRows = 20
    /// Longest stored change (canonical JSON, bytes) the page reads of a document, a hearing's
    /// date or an item's FAQ flag: their values are small (a document 16 KiB at most), and an
    /// outside review stored 600 MB of hearing values that every page decoded whole (27 s, 4.6 GB,
    /// every other push waiting). Only the field counted is read, and a version longer than this
    /// (a date that is a 256 KiB array) is left out as if it were not there.
    static let maxChangeBytes = 32 * 1024
    /// The same for a survey's `items` (a schema of up to 2 MiB, written by the advisor only).
    static let maxSurveyChangeBytes = 2 * 1024 * 1024 + 32 * 1024

    /// - Parameter now: Unix milliseconds; the window of refused pushes ends there.
    init(store: ServerStore, now: Int64 = UnixTime.milliseconds()) throws {
        // The municipalities of every survey table, and the registered ones (only they have
        // staff, hence replicas), named as every table names them.
        let registered = try store.access.municipalities().map(\.code)
        var byCode: [String: Municipality] = [:]
        for item in SurveyRecords.municipalities(adding: registered) {
            byCode[item.code] = Municipality(code: item.code, name: item.name)
        }
        for activity in try store.activity.all() {
            if activity.scope == "shared" {
                sharedReplicas += 1
                continue
            }
            guard var municipality = byCode[activity.scope] else { continue }
            municipality.replicas += 1
            municipality.lastSync = max(municipality.lastSync ?? 0, activity.lastSeen)
            byCode[activity.scope] = municipality
        }
        for (scope, count) in try store.conflictCounts() { byCode[scope]?.conflicts = count }
        for (_, scope, register) in try store.registers(
            in: Document.collection, field: Document.field, maxChangeBytes: Self.maxChangeBytes)
        {
            guard let version = SurveyRecords.shown(register),
                let document = try? Document(json: version.value, path: "")
            else { continue }
            byCode[scope.description]?.documents += 1
            if let total = byCode[scope.description]?.documentBytes {
                let (sum, overflow) = total.addingReportingOverflow(document.size)
                byCode[scope.description]?.documentBytes = overflow ? .max : sum
            }
        }
        // Open surveys and each municipality's completion.
        for (key, _, register) in try store.registers(
            in: SurveyRecords.surveys, field: "items", maxChangeBytes: Self.maxSurveyChangeBytes)
        {
            guard let survey = try? SurveyRecords.survey(from: register) else { continue }
            let status = try store.register(for: SurveyRecords.surveyKey(key.record, field: "status"))
            guard SurveyRecords.shown(status)?.value != .string("closed") else { continue }
            surveys.append(Survey(id: survey.surveyID, title: survey.title))
            let states = SurveyRecords.submissionStates(
                survey.surveyID,
                try store.registers(
                    in: CollectionName.submissions, recordPrefix: SurveyRecords.answerPrefix(survey: survey.surveyID)))
            for code in byCode.keys {
                byCode[code]?.completion[survey.surveyID] = try DashboardCompletion.completion(
                    of: survey, municipality: code, store: store)
                byCode[code]?.submissions[survey.surveyID] = states[code] ?? .answering
            }
        }
        for (_, scope, register) in try store.registers(
            in: CollectionName.hearings, field: "date", maxChangeBytes: Self.maxChangeBytes)
        {
            guard case .municipality(let code) = scope, let shown = SurveyRecords.shown(register)?.value,
                shown != .null
            else { continue }
            // A date that is not text counts as not dated, as `renkei report hearings` counts it.
            let date = if case .string(let text) = shown { text } else { "" }
            hearings.append(HearingProgramReport.Hearing(municipality: code.rawValue, date: date))
        }
        faqItems = try store.registers(
            in: CollectionName.hearingItems, field: "faq", maxChangeBytes: Self.maxChangeBytes
        ).filter { SurveyRecords.shown($0.register)?.value == .bool(true) }.count
        municipalities = byCode.values.sorted { $0.code < $1.code }
        refusals = try store.access.refusedPushes(since: now - Self.refusalWindow, limit: Self.refusalRows)
    }

    /// The code at the end of a `push-refused` entry's detail (`batch=… changes=… refused=CODE`,
    /// `SyncService.refused`); "" when it has none. The last `refused=` is the server's: the batch
    /// name before it is whatever the client sent.
    static func refusalCode(_ detail: String) -> String {
        guard let range = detail.range(of: " refused=", options: .backwards) else { return "" }
        return String(detail[range.upperBound...])
    }
}
