import Foundation
import Models
import Synchronization

/// Signed-in dashboard browsers: a random session id (the `renkei_session` cookie, HttpOnly,
/// SameSite=Strict) -> who, with what, and until when. Kept in memory: a server restart signs
/// everyone out.
///
/// A session lives no longer than what it was signed in with: `Dashboard` checks on every page
/// that the token (by its SHA-256) is still live, or, for a one-time link, that the user is
/// still enabled, and ends the session otherwise.
final class DashboardSessions: Sendable {
    struct Session: Sendable {
        let user: String
        let grant: Grant
        /// SHA-256 (hex) of the token typed at sign-in; nil for a one-time link (issued on the
        /// server machine, tied to the user only). The token itself is never kept.
        let tokenHash: String?
        let expires: Date
    }

    private let sessions = Mutex<[String: Session]>([:])
    /// How long a sign-in lasts.
    let lifetime: TimeInterval
    /// Live sessions of one user at most: signing in once more ends that user's oldest, so that
    /// a user signing in again and again holds a bounded amount of the server's memory.
    let perUser: Int

    init(lifetime: TimeInterval = 8 * 3600, perUser: Int = 16) {
        self.lifetime = lifetime
        self.perUser = perUser
    }

    /// Starts a session (ending the user's oldest when it has `perUser`); returns its id (128
    /// random bits, hex). `tokenHash`: the SHA-256 of the token signed in with (nil for a
    /// one-time link).
    func start(user: String, grant: Grant, tokenHash: String?, now: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        let id = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        sessions.withLock { sessions in
            sessions = sessions.filter { $0.value.expires > now }
            let own = sessions.filter { $0.value.user == user }
            if own.count >= perUser {
                for (oldest, _) in own.sorted(by: { $0.value.expires < $1.value.expires }).prefix(
                    own.count - perUser + 1)
                {
                    sessions.removeValue(forKey: oldest)
                }
            }
            sessions[id] = Session(
                user: user, grant: grant, tokenHash: tokenHash, expires: now.addingTimeInterval(lifetime))
        }
        return id
    }

    func session(_ id: String, now: Date = Date()) -> Session? {
        sessions.withLock { sessions in
            guard let session = sessions[id], session.expires > now else { return nil }
            return session
        }
    }

    func end(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// The session id in a `Cookie` field, if any.
    static func id(fromCookie field: String?) -> String? {
        for part in (field ?? "").split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0] == "renkei_session", pair[1].utf8.count == 32 { return pair[1] }
        }
        return nil
    }
}
