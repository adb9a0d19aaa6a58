import Foundation
import HTTP1
import Localization
import Reports

/// The sync page: a button, the running round's progress (the page reloads itself each second
/// while it runs, no script needed), and how the last round ended.
extension UIPages {
    func syncPage() throws -> HTTPResponse {
        let state = routes.sync.current
        var body = ""
        if state.running {
            let progress = state.progress
            body += "<p id=\"sync-running\">\(e(localized("ui.sync.running")))</p><p>"
            body += e(
                localized(
                    "ui.sync.progress",
                    ["sent": progress.pushed, "pending": progress.pending, "received": progress.pulled]))
            body += "</p>"
        } else {
            body += UIPage.form(
                action: "\(root)/sync", csrf: csrf,
                "<button type=\"submit\" id=\"sync\">\(e(localized("ui.sync.button")))</button>")
        }
        if let last = state.last {
            body += "<h2>\(e(localized("ui.sync.last")))</h2>"
            body += "<p id=\"sync-result\" class=\"notice \(last.succeeded ? "done" : "error")\">"
            body += "\(e(JapanTime.marked(Int64(last.finished.timeIntervalSince1970 * 1000)))): \(e(last.text))</p>"
        }
        let store = try home.open()
        body += "<p class=\"muted\">\(e(localized("ui.sync.pending", ["count": try store.pendingCount()])))</p>"
        return UIPage.response(
            .ok, try shell(localized("ui.sync.title"), refreshSeconds: state.running ? 1 : nil, body))
    }

    func startSync() -> HTTPResponse {
        routes.sync.start()
        return UIPage.redirect("\(root)/sync")
    }

    private func e(_ text: String) -> String { UIPage.escape(text) }
}
