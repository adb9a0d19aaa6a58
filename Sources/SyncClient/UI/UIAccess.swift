import Foundation
import Synchronization

/// Who may use the local browser UI: the one browser that opened the link `renkei ui` printed.
///
/// The link carries a one-time secret (128 random bits). Opening it once starts the session:
/// a random session id in an HttpOnly, SameSite=Strict cookie, and a CSRF token that every
/// form carries; the secret is spent then, so the link copied elsewhere (a shoulder, a shell
/// history) opens nothing. Every request must also name this server's own address in `Host`
/// (a page of another site that rebinds a name to 127.0.0.1 sends its own name).
final class UIAccess: Sendable {
    private struct State {
        /// The secret of the link, until it is used.
        var secret: String?
        var session: String?
        var csrf: String
    }
    private let state: Mutex<State>

    init() {
        state = Mutex(State(secret: Self.randomHex(), session: nil, csrf: Self.randomHex()))
    }

    /// The link's secret, while it has not been used (for the line `renkei ui` prints).
    var secret: String? { state.withLock { $0.secret } }

    /// The form token of the session.
    var csrfToken: String { state.withLock { $0.csrf } }

    /// Spends the secret if `key` is it: returns the new session id, or nil (wrong or spent).
    func open(key: String) -> String? {
        state.withLock { state in
            guard let secret = state.secret, Self.equal(secret, key) else { return nil }
            let session = Self.randomHex()
            state.secret = nil
            state.session = session
            return session
        }
    }

    /// Whether the `Cookie` field carries the session.
    func isSession(cookie field: String?) -> Bool {
        guard let id = Self.cookie(named: Self.cookieName, in: field) else { return false }
        return state.withLock { state in state.session.map { Self.equal($0, id) } ?? false }
    }

    /// Whether a form's token is the session's.
    func isCSRFToken(_ token: String?) -> Bool {
        guard let token else { return false }
        return state.withLock { Self.equal($0.csrf, token) }
    }

    static let cookieName = "renkei_ui"

    /// The `Set-Cookie` value for a session id.
    static func setCookie(_ session: String) -> String {
        "\(cookieName)=\(session); Path=/; HttpOnly; SameSite=Strict"
    }

    /// The value of cookie `name` in a `Cookie` field.
    static func cookie(named name: String, in field: String?) -> String? {
        for part in (field ?? "").split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0] == name { return pair[1] }
        }
        return nil
    }

    /// 128 random bits as 32 hex digits.
    static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares without stopping at the first difference (no timing hint about the secret).
    static func equal(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
