import Foundation
import HTTP1
import Localization
import Models
import Reports
import SyncStorage

/// The pages and actions of the local UI, one request at a time: each reads the replica
/// afresh (`ReplicaHome.open`) and answers a whole page, or a redirect after an action.
struct UIPages {
    let routes: UIRoutes
    var home: ReplicaHome { routes.home }
    var csrf: String { routes.access.csrfToken }
    /// Where the pages are (`/k/<key>`): every link and form starts with it.
    var root: String { routes.access.root }

    /// The page or action `method` and `path` name.
    func handle(method: String, path: String, query: HTTPFormBody, form: HTTPFormBody) -> HTTPResponse {
        let segments = path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        do {
            switch (method, segments.first ?? "") {
            case ("GET", ""): return try overview(query)
            case (_, "surveys"): return try surveys(method: method, Array(segments.dropFirst()), query, form)
            case ("GET", "documents"): return try documents(query)
            case ("GET", "document"): return try document(query)
            case ("GET", "download"): return try download(query)
            case ("GET", "conflicts"): return try conflicts(query)
            case ("POST", "conflicts"): return try resolveConflict(form)
            case ("GET", "sync"): return try syncPage()
            case ("POST", "sync"): return startSync()
            default: return notFound()
            }
        } catch {
            return UIPage.response(
                .internalServerError,
                try! shell(localized("ui.error.title"), notice: .init(kind: .error, text: "\(error)"), ""))
        }
    }

    /// A page with this replica's name in the header.
    func shell(_ title: String, notice: UIPage.Notice? = nil, refreshSeconds: Int? = nil, _ body: String) throws
        -> String
    {
        UIPage.page(
            title: title, replica: (try? replicaName()) ?? "", root: root, notice: notice,
            refreshSeconds: refreshSeconds, body)
    }

    func notFound() -> HTTPResponse {
        UIPage.response(.notFound, (try? shell(localized("ui.error.not.found"), "")) ?? "")
    }

    /// `大阪市（271004）・tanaka`, or the advisor's `共有（アドバイザー）・name`.
    func replicaName() throws -> String {
        let store = try home.open()
        let scope = try store.setting(.scope) ?? ""
        let user = try store.setting(.user) ?? ""
        let place =
            scope == "shared"
            ? localized("ui.scope.shared") : "\(SurveyRecords.name(of: scope))（\(scope)）"
        return "\(place)・\(user)"
    }

    // MARK: - overview

    /// The home page: the replica's state, the surveys, the last sync.
    func overview(_ query: HTTPFormBody) throws -> HTTPResponse {
        let store = try home.open()
        let statistics = try store.statistics()
        let pending = try store.pendingCount()
        let scope = try store.setting(.scope) ?? ""
        let server = try store.setting(.server)
        let lastSync = try store.setting(.lastSync).flatMap { Int64($0) }
        var body = "<h2>\(UIPage.escape(localized("ui.home.surveys")))</h2>"
        let surveys = try store.openSurveys()
        if surveys.isEmpty {
            body += "<p class=\"muted\">\(UIPage.escape(localized("ui.home.no.surveys")))</p>"
        } else {
            body += "<table id=\"surveys\"><thead><tr><th>\(UIPage.escape(localized("ui.survey.title")))</th>"
            body += "<th>\(UIPage.escape(localized("ui.survey.completion")))</th>"
            body += "<th>\(UIPage.escape(localized("ui.survey.state")))</th></tr></thead><tbody>"
            for survey in surveys {
                body += "<tr><td><a href=\"\(root)/surveys/\(UIPage.segment(survey.surveyID))\">"
                body += "\(UIPage.escape(survey.title))</a></td>"
                if scope == "shared" {
                    body += "<td class=\"muted\">-</td><td class=\"muted\">-</td></tr>"
                    continue
                }
                let report = try store.surveyAnswers(survey, municipality: scope).check(against: survey)
                let status = try store.submissionStatus(survey.surveyID, municipality: scope)
                body += "<td>\(Self.bar(report.completion)) \(Int((report.completion * 100).rounded(.down)))%</td>"
                body += "<td>\(UIPage.escape(status.japaneseLabel))</td></tr>"
            }
            body += "</tbody></table>"
        }
        body += "<h2>\(UIPage.escape(localized("ui.home.replica")))</h2><dl class=\"status\" id=\"status\">"
        let rows: [(String, String)] = [
            (localized("ui.status.server"), server ?? localized("ui.status.server.none")),
            (localized("ui.status.pending"), "\(pending)"),
            (localized("ui.status.conflicts"), "\(statistics.conflicts)"),
            (
                localized("ui.status.last.sync"),
                lastSync.map { JapanTime.marked($0) }
                    ?? localized("ui.status.never")
            ),
            (localized("ui.status.replica"), store.replicaID.hex),
        ]
        for (term, value) in rows { body += "<dt>\(UIPage.escape(term))</dt><dd>\(UIPage.escape(value))</dd>" }
        body += "</dl>"
        body += UIPage.form(
            action: "\(root)/sync", csrf: csrf,
            "<button type=\"submit\">\(UIPage.escape(localized("ui.sync.button")))</button>")
        return UIPage.response(.ok, try shell(localized("ui.home.title"), body))
    }

    /// A completion bar (`value` from 0 to 1).
    static func bar(_ value: Double) -> String {
        let percent = Int((min(1, max(0, value)) * 100).rounded(.down))
        return "<progress value=\"\(percent)\" max=\"100\">\(percent)%</progress>"
    }
}
