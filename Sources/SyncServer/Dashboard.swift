import Foundation
import HTTP1
import Models
import SyncStorage

/// The browser pages for prefecture IT staff and the advisor: `GET /` (every municipality's
/// sync state), `GET /surveys/{id}` (completion bars), sign-in with a token (`POST /login`) or a
/// one-time link from `renkei-server admin dashboard-link` (`GET /login/once/{code}`), sign-out.
/// A session lives in an HttpOnly, SameSite=Strict cookie; municipal staff tokens are refused.
struct Dashboard: Sendable {
    let store: ServerStore
    let sessions: DashboardSessions
    let authenticator: Authenticator
    let logger: Logger

    /// Largest sign-in form, in bytes.
    static let maxFormBytes = 1024

    func handles(_ path: Substring) -> Bool { !path.hasPrefix("/v1/") }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let head = request.head
        let path = head.path
        let sessionID = DashboardSessions.id(fromCookie: head.headers["Cookie"])
        var session = sessionID.flatMap { sessions.session($0) }
        // A user disabled since signing in is signed out at once.
        if let active = session, let sessionID {
            let user: UserRecord? = (try? store.access.user(named: active.user)) ?? nil
            if user == nil || user?.disabledAt != nil {
                sessions.end(sessionID)
                session = nil
            }
        }
        switch (head.method, path) {
        case ("GET", "/login"): return DashboardPage.response(.ok, DashboardPage.login())
        case ("POST", "/login"):
            let token = Self.formValue("token", in: request.body) ?? ""
            let address = authenticator.clientAddress(head: head, peer: request.peer)
            guard let user = authenticator.user(forToken: token, address: address) else {
                return DashboardPage.response(.unauthorized, DashboardPage.login(message: "トークンが正しくないか、無効になっています。"))
            }
            return signIn(user, address: address, how: "token")
        case ("POST", "/logout"):
            if let id = DashboardSessions.id(fromCookie: head.headers["Cookie"]) { sessions.end(id) }
            return redirect("/login", cookie: "renkei_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")
        case ("GET", _) where path.hasPrefix("/login/once/"):
            let code = String(path.dropFirst("/login/once/".count))
            let address = authenticator.clientAddress(head: head, peer: request.peer)
            guard code.utf8.count == 64,
                let user = try? store.access.consumeDashboardLink(hash: Authenticator.hash(code))
            else {
                _ = authenticator.throttle.failed(address)
                return DashboardPage.response(
                    .unauthorized, DashboardPage.message("リンクが無効です", "このリンクは使用済みか期限切れです。新しいリンクを発行してください。"))
            }
            return signIn(user, address: address, how: "one-time link")
        case ("GET", "/"):
            guard let session else { return redirect("/login") }
            do {
                return DashboardPage.response(
                    .ok, DashboardPage.overview(try DashboardData(store: store), user: session.user))
            } catch {
                logger.log(.error, "dashboard failed", [("detail", "\(error)")])
                return DashboardPage.response(
                    .internalServerError, DashboardPage.message("エラー", "表示できませんでした。サーバーのログを確認してください。"))
            }
        case ("GET", _) where path.hasPrefix("/surveys/"):
            guard session != nil else { return redirect("/login") }
            let id = String(path.dropFirst("/surveys/".count)).removingPercentEncoding ?? ""
            guard let data = try? DashboardData(store: store), let html = DashboardPage.survey(data, id: id) else {
                return DashboardPage.response(.notFound, DashboardPage.message("見つかりません", "公開中の調査にありません。"))
            }
            return DashboardPage.response(.ok, html)
        default:
            return DashboardPage.response(.notFound, DashboardPage.message("見つかりません", "このページはありません。"))
        }
    }

    private func signIn(_ user: UserRecord, address: String, how: String) -> HTTPResponse {
        guard user.grant.role != .staff else {
            return DashboardPage.response(
                .forbidden, DashboardPage.message("表示できません", "同期状況は県の管理者とアドバイザーのみが表示できます。"))
        }
        let id = sessions.start(user: user.name, grant: user.grant)
        try? store.access.audit([
            AuditEntry(user: user.name, action: "dashboard sign-in", detail: "by \(how)", peer: address)
        ])
        return redirect(
            "/", cookie: "renkei_session=\(id); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Int(sessions.lifetime))")
    }

    private func redirect(_ location: String, cookie: String? = nil) -> HTTPResponse {
        var headers = [("Location", location)]
        if let cookie { headers.append(("Set-Cookie", cookie)) }
        return DashboardPage.response(HTTPStatus(code: 303, reason: "See Other"), "", extraHeaders: headers)
    }

    /// A field of an `application/x-www-form-urlencoded` body.
    static func formValue(_ name: String, in body: [UInt8]) -> String? {
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == name else { continue }
            return parts[1].replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return nil
    }
}
