import Foundation
import Synchronization

/// Who may use the local browser UI: the one browser that opened the link `renkei ui` gave.
///
/// The link carries a one-time secret (128 random bits). Opening it once spends it and sends
/// the browser to the pages' root, `/k/<key>/`, where `key` is another 128 random bits that
/// appear nowhere but in this server's answers to that browser: every page, link and form of
/// the UI is under it, and a request elsewhere is refused from its head alone (before a byte of
/// body is read). A cookie would not do: browsers send a 127.0.0.1 cookie to every port of
/// 127.0.0.1, so any local program could collect it. Every form also carries a CSRF token, and
/// every request must name this server's own address in `Host` (a page of another site that
/// rebinds a name to 127.0.0.1 sends its own name).
final class UIAccess: Sendable {
    private struct State {
        /// The secret of the link, until it is used.
        var secret: String?
        /// The key of the pages, once the link was opened.
        var key: String?
        var csrf: String
    }
    private let state: Mutex<State>

    init() {
        state = Mutex(State(secret: Self.randomHex(), key: nil, csrf: Self.randomHex()))
    }

    /// The link's secret, while it has not been used.
    var secret: String? { state.withLock { $0.secret } }

    /// The form token.
    var csrfToken: String { state.withLock { $0.csrf } }

    /// The root of the pages, `/k/<key>` (no trailing slash); empty before the link is opened.
    var root: String { state.withLock { $0.key.map { "/k/\($0)" } ?? "" } }

    /// Spends the secret if `key` is it: returns the root of the pages, or nil (wrong or spent).
    func open(key: String) -> String? {
        state.withLock { state in
            guard let secret = state.secret, Self.equal(secret, key) else { return nil }
            let pages = Self.randomHex()
            state.secret = nil
            state.key = pages
            return "/k/\(pages)"
        }
    }

    /// The path inside the pages (`/surveys/x`, `/` for the root) when `path` is under the
    /// pages' root with the right key; nil otherwise.
    func innerPath(_ path: Substring) -> String? {
        guard path.hasPrefix("/k/") else { return nil }
        let rest = path.dropFirst(3)
        let given = rest.prefix { $0 != "/" }
        let inner = rest.dropFirst(given.count)
        let matches = state.withLock { state in state.key.map { Self.equal($0, String(given)) } ?? false }
        guard matches else { return nil }
        return inner.isEmpty ? "/" : String(inner)
    }

    /// Whether a form's token is the session's.
    func isCSRFToken(_ token: String?) -> Bool {
        guard let token else { return false }
        return state.withLock { Self.equal($0.csrf, token) }
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
