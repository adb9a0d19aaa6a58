import Foundation
import HTTP1
import Models
import Reports
import SyncStorage

/// The browser pages for prefecture IT staff and the advisor: `GET /` (every municipality's
/// sync state), `GET /surveys/{id}` (completion bars), `GET /hearings` (the hearing programme), sign-in with a token (`POST /login`) or a
/// one-time link from `renkei-server admin dashboard-link` (`GET /login/once/{code}`), sign-out.
/// A session lives in an HttpOnly, SameSite=Strict cookie; municipal staff tokens are refused.
/// A session ends at the next page once the token it was signed in with is revoked or its user
/// disabled.
struct Dashboard: Sendable {
    let store: ServerStore
    let sessions: DashboardSessions
    let authenticator: Authenticator
    let logger: Logger
    /// Sign-ins written to the audit log: one per user and way in 10 minutes (`AuditWindow`), so
    /// that signing in again and again does not grow the log. Not per address: an outside review
    /// signed in 2,000 times from 2,000 loopback addresses and got 2,000 rows (one IPv6 /64 holds
    /// 2^64 addresses).
    let signInAudits = AuditWindow()

    /// Largest sign-in form, in bytes.
    static let maxFormBytes = 1024
    /// The path of a one-time sign-in link, before its code (`admin dashboard-link` prints it;
    /// the log redacts what follows it).
    static let oneTimeSignInPath = "/login/once/"

    func handles(_ path: Substring) -> Bool { !path.hasPrefix(Endpoint.prefix) }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let head = request.head
        let path = head.path
        let sessionID = DashboardSessions.id(fromCookie: head.headers["Cookie"])
        var session = sessionID.flatMap { sessions.session($0) }
        // A session ends with what it was signed in with: a revoked token, or a disabled user.
        if let active = session, let sessionID, !isStillValid(active) {
            sessions.end(sessionID)
            session = nil
        }
        switch (head.method, path) {
        case ("GET", "/login"): return DashboardPage.response(.ok, DashboardPage.login())
        case ("POST", "/login"):
            let token = Self.formValue("token", in: request.body) ?? ""
            let address = authenticator.clientAddress(head: head, peer: request.peer)
            guard let user = authenticator.user(forToken: token, address: address) else {
                return DashboardPage.response(.unauthorized, DashboardPage.login(message: "トークンが正しくないか、無効になっています。"))
            }
            // The same trimming `Authenticator.user(forToken:)` does, so the hash is the stored one.
            let tokenHash = Authenticator.hash(token.trimmingCharacters(in: .whitespacesAndNewlines))
            return signIn(user, tokenHash: tokenHash, address: address, how: "token")
        case ("POST", "/logout"):
            if let id = DashboardSessions.id(fromCookie: head.headers["Cookie"]) { sessions.end(id) }
            return redirect("/login", cookie: "renkei_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")
        case ("GET", _) where path.hasPrefix(Self.oneTimeSignInPath):
            let code = String(path.dropFirst(Self.oneTimeSignInPath.count))
            let address = authenticator.clientAddress(head: head, peer: request.peer)
            guard code.utf8.count == 64,
                let user = try? store.access.consumeDashboardLink(hash: Authenticator.hash(code))
            else {
                _ = authenticator.throttle.failed(address)
                return DashboardPage.response(
                    .unauthorized, DashboardPage.message("リンクが無効です", "このリンクは使用済みか期限切れです。新しいリンクを発行してください。"))
            }
            return signIn(user, tokenHash: nil, address: address, how: "one-time link")
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
        case ("GET", "/hearings"):
            guard session != nil else { return redirect("/login") }
            guard let target = Self.hearingTarget(head.query),
                let data = try? DashboardData(store: store)
            else {
                return DashboardPage.response(
                    .badRequest, DashboardPage.message("表示できません", "target は 1〜1000 の数、by は 2026-07-31 のような日付です。"))
            }
            return DashboardPage.response(.ok, DashboardPage.hearings(data, target: target))
        default:
            return DashboardPage.response(.notFound, DashboardPage.message("見つかりません", "このページはありません。"))
        }
    }

    /// Whether a session may go on: its token is still live and its user enabled (one lookup,
    /// as for API calls), or, for a one-time link, its user is still enabled. A failed lookup
    /// counts as no: the browser signs in again.
    private func isStillValid(_ session: DashboardSessions.Session) -> Bool {
        if let tokenHash = session.tokenHash {
            let user: UserRecord? = (try? store.access.authenticate(tokenHash: tokenHash)) ?? nil
            return user?.name == session.user
        }
        let user: UserRecord? = (try? store.access.user(named: session.user)) ?? nil
        return user != nil && user?.disabledAt == nil
    }

    private func signIn(_ user: UserRecord, tokenHash: String?, address: String, how: String) -> HTTPResponse {
        guard user.grant.role != .staff else {
            return DashboardPage.response(
                .forbidden, DashboardPage.message("表示できません", "同期状況は県の管理者とアドバイザーのみが表示できます。"))
        }
        let id = sessions.start(user: user.name, grant: user.grant, tokenHash: tokenHash)
        if signInAudits.shouldAudit(user: user.name, subject: how, now: UnixTime.milliseconds()) {
            try? store.access.audit([
                AuditEntry(user: user.name, action: "dashboard sign-in", detail: "by \(how)", peer: address)
            ])
        }
        return redirect(
            "/", cookie: "renkei_session=\(id); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Int(sessions.lifetime))")
    }

    private func redirect(_ location: String, cookie: String? = nil) -> HTTPResponse {
        var headers = [("Location", location)]
        if let cookie { headers.append(("Set-Cookie", cookie)) }
        return DashboardPage.response(HTTPStatus(code: 303, reason: "See Other"), "", extraHeaders: headers)
    }

    /// The hearing programme's target from `?target=N&by=DATE` (each optional: 15, and July 31
    /// of this fiscal year); nil when either is given more than once, cannot be decoded or is not
    /// valid (`target` 1 to 1000 in digits, `by` a date). Other fields are ignored.
    static func hearingTarget(_ query: Substring?) -> HearingProgramReport.Target? {
        var fields: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            guard key == "target" || key == "by" else { continue }
            guard parts.count == 2, fields[key] == nil,
                let value = parts[1].replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            else { return nil }
            fields[key] = value
        }
        var count = 15
        if let text = fields["target"] {
            guard (1...4).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text),
                (1...1000).contains(number)
            else { return nil }
            count = number
        }
        if let text = fields["by"] {
            guard text.count <= 40, case .date(let day) = DateInput.read(text) else { return nil }
            return HearingProgramReport.Target(municipalities: count, deadline: day)
        }
        return HearingProgramReport.Target.standard(at: UnixTime.milliseconds(), municipalities: count)
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
