import Foundation
import HTTP1
import Localization
import Synchronization

/// The local UI's requests: who may send them (`UIAccess`, the `Host` of this server, the
/// loopback address only), then the page or action each path names. Pages read the replica
/// afresh on every request, so what the CLI wrote meanwhile shows.
final class UIRoutes: HTTPResponder {
    let home: ReplicaHome
    let access: UIAccess
    let sync: UISyncJob
    /// The port the server listens on, known once it is bound (`Host` must name it).
    private let boundPort = Mutex<UInt16>(0)

    init(home: ReplicaHome, access: UIAccess, sync: UISyncJob) {
        self.home = home
        self.access = access
        self.sync = sync
    }

    func bind(port: UInt16) { boundPort.withLock { $0 = port } }

    /// A document sent through the form may be this large (bytes); larger files go through
    /// `renkei docs put`, which streams them.
    static let maxUploadBytes = 64 * 1024 * 1024
    /// Any other form body may be this large (bytes).
    static let maxFormBytes = 1024 * 1024

    // MARK: - HTTPResponder

    func admit(_ head: HTTPRequestHead, peer: String) throws(HTTPResponseError) -> (any Sendable)? {
        let address = HTTPServer.address(ofPeer: peer)
        guard address == "127.0.0.1" || address == "::1" else {
            throw HTTPResponseError(UIPage.response(.forbidden, ""))
        }
        let port = boundPort.withLock { $0 }
        let allowed = ["127.0.0.1:\(port)", "localhost:\(port)"]
        guard let host = head.headers["Host"]?.lowercased(), allowed.contains(host) else {
            throw HTTPResponseError(UIPage.response(.misdirectedRequest, errorPage(localized("ui.error.host"))))
        }
        guard head.method == "GET" || head.method == "POST" else {
            throw HTTPResponseError(UIPage.response(.methodNotAllowed, ""))
        }
        // Outside the pages only the link and the style sheet, both without a body; anything
        // else without the pages' key is refused here, before its body is read.
        let path = head.path
        if head.method == "GET", path == "/open" || path == "/style.css" { return nil }
        guard access.innerPath(path) != nil else {
            throw HTTPResponseError(UIPage.response(.forbidden, errorPage(localized("ui.error.no.session"))))
        }
        return nil
    }

    func bodyLimit(for head: HTTPRequestHead) -> Int {
        guard head.method == "POST" else { return 0 }
        return access.innerPath(head.path) == "/documents" ? Self.maxUploadBytes : Self.maxFormBytes
    }

    func errorBody(status: HTTPStatus, message: String) -> HTTPResponse {
        if status == .contentTooLarge {
            let limit = Self.maxUploadBytes / 1024 / 1024
            return UIPage.response(status, errorPage(localized("ui.error.too.large", ["megabytes": limit])))
        }
        return UIPage.response(status, errorPage(localized("ui.error.request", ["status": status.code])))
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let head = request.head
        if head.path == "/style.css" {
            return HTTPResponse(
                status: .ok,
                headers: HTTPHeaders([("Content-Type", "text/css; charset=utf-8"), ("Cache-Control", "no-store")]),
                body: Array(UIPage.styleSheet.utf8))
        }
        if head.path == "/open" {
            let query = (try? HTTPFormBody(Array((head.query ?? "").utf8))) ?? nil
            guard let key = query?["key"], let root = access.open(key: key) else {
                return UIPage.response(.forbidden, errorPage(localized("ui.error.link.spent")))
            }
            return UIPage.redirect(root + "/")
        }
        guard let path = access.innerPath(head.path) else {
            return UIPage.response(.forbidden, errorPage(localized("ui.error.no.session")))
        }
        var form = HTTPFormBody.empty
        if head.method == "POST" {
            if HTTPMultipartBody.boundary(ofContentType: head.headers["Content-Type"]) != nil {
                guard Self.sameOrigin(head),
                    let body = try? HTTPMultipartBody(request.body, contentType: head.headers["Content-Type"]),
                    access.isCSRFToken(body["csrf"]?.text)
                else { return refusedForm() }
                return UIPages(routes: self).upload(body)
            }
            guard let body = try? HTTPFormBody(request.body), access.isCSRFToken(body["csrf"]),
                Self.sameOrigin(head)
            else { return refusedForm() }
            form = body
        }
        let query = (try? HTTPFormBody(Array((head.query ?? "").utf8))) ?? .empty
        return UIPages(routes: self).handle(method: head.method, path: path, query: query, form: form)
    }

    /// A POST must come from this server's own pages: `Origin` (when the browser sends it) and
    /// `Sec-Fetch-Site` (when sent) say so. The CSRF token is the check that always applies.
    /// (Pages are sent with `Referrer-Policy: same-origin`: under `no-referrer` Chromium sends
    /// `Origin: null` with a form, which is refused here.)
    static func sameOrigin(_ head: HTTPRequestHead) -> Bool {
        if let site = head.headers["Sec-Fetch-Site"], site != "same-origin", site != "none" { return false }
        if let origin = head.headers["Origin"], let host = head.headers["Host"] {
            return origin == "http://\(host)"
        }
        return true
    }

    private func refusedForm() -> HTTPResponse {
        UIPage.response(.forbidden, errorPage(localized("ui.error.form.expired")))
    }

    /// A page for a refusal, without the menu (the caller may hold no session).
    func errorPage(_ text: String) -> String {
        "<!DOCTYPE html><html lang=\"\(Language.current.rawValue)\"><head><meta charset=\"utf-8\">"
            + "<title>Renkei</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body><main>"
            + "<h1>Renkei</h1><p class=\"notice error\">\(UIPage.escape(text))</p></main></body></html>"
    }
}

extension HTTPFormBody {
    /// A form with no fields (a GET).
    static let empty = try! HTTPFormBody([UInt8]())
}
