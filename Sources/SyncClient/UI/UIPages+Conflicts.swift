import Foundation
import HTTP1
import Localization
import Models
import Reports
import SyncStorage

/// Conflicts side by side: each version of a field edited in two places at once, who wrote it
/// and when, with a button that keeps it (written as a new version that supersedes both).
extension UIPages {
    func conflicts(_ query: HTTPFormBody) throws -> HTTPResponse {
        let conflicts = try home.open().conflicts()
        var notice: UIPage.Notice?
        if query["resolved"] != nil { notice = .init(kind: .done, text: localized("ui.conflicts.resolved")) }
        if query["changed"] != nil { notice = .init(kind: .error, text: localized("ui.conflicts.changed")) }
        var body = ""
        if conflicts.isEmpty {
            body += "<p class=\"muted\" id=\"no-conflicts\">\(e(localized("ui.conflicts.none")))</p>"
        }
        for conflict in conflicts {
            let key = conflict.key.description
            body += "<section class=\"conflict\"><h2>\(e(key))</h2><div class=\"versions\">"
            for (index, version) in conflict.register.versions.enumerated() {
                let value = version.isDeletion ? localized("ui.conflicts.deleted") : Self.shown(version.value)
                body += "<div class=\"version\"><p><b>\(e(value))</b></p>"
                body += "<p class=\"muted\">\(e(version.user)) · \(e(JapanTime.marked(version.at)))</p>"
                body += UIPage.form(
                    action: "\(root)/conflicts", csrf: csrf,
                    "<input type=\"hidden\" name=\"key\" value=\"\(e(key))\">"
                        + "<input type=\"hidden\" name=\"pick\" value=\"\(index + 1)\">"
                        + "<input type=\"hidden\" name=\"value\" value=\"\(e(version.value.canonicalText))\">"
                        + "<button type=\"submit\">\(e(localized("ui.conflicts.keep")))</button>")
                body += "</div>"
            }
            body += "</div></section>"
        }
        return UIPage.response(.ok, try shell(localized("ui.conflicts.title"), notice: notice, body))
    }

    /// Keeps the version the button named, if the field still holds it in conflict.
    func resolveConflict(_ form: HTTPFormBody) throws -> HTTPResponse {
        guard let keyText = form["key"], let key = try? ConflictsCommand.parseKey(keyText),
            let pick = form["pick"].flatMap(Int.init), let shown = form["value"]
        else { return UIPage.redirect("\(root)/conflicts?changed=1") }
        let store = try home.open()
        let register = try store.register(for: key)
        guard register.isConflicted, register.versions.indices.contains(pick - 1),
            register.versions[pick - 1].value.canonicalText == shown, let scope = try store.scope(of: key)
        else { return UIPage.redirect("\(root)/conflicts?changed=1") }
        try store.permittedWrite(
            register.versions[pick - 1].value, to: key, scope: scope, user: try store.setting(.user) ?? "")
        return UIPage.redirect("\(root)/conflicts?resolved=1")
    }

    /// A value as people read it: text without quotes, anything else as JSON.
    static func shown(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.canonicalText
    }

    private func e(_ text: String) -> String { UIPage.escape(text) }
}
