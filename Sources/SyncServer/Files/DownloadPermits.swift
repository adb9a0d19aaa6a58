import Models
import Synchronization

/// At most `perUser` file bodies of one user being sent at the same time.
///
/// A connection that is sending a file is not one the server may close to make room for a
/// newcomer, and one left unread is cut only by the download pace rule (10 s at the least):
/// a token holder who opened unread downloads again and again, from many addresses, could keep
/// most of the server's connections busy. With this cap one user holds at most `perUser` of
/// them; the next download gets 429 with `Retry-After` until one of them ends. A `renkei docs
/// get` has one range request outstanding at a time, so eight downloads of one user fit at
/// once, and the client waits `Retry-After` and asks again (`RetryPolicy`).
final class DownloadPermits: Sendable {
    /// File bodies of one user being sent at once, at least 1.
    let perUser: Int
    private let sending = Mutex<[String: Int]>([:])

    init(perUser: Int = 8) {
        precondition(perUser >= 1, "a user may download at least one file at a time")
        self.perUser = perUser
    }

    /// A permit to send one file body to `user`, held until the permit is released (with the
    /// body: `HTTPFileBody.retained`); throws 429 when `user` already holds `perUser`.
    func take(user: String) throws(ServiceError) -> Permit {
        let granted = sending.withLock { sending in
            guard sending[user, default: 0] < perUser else { return false }
            sending[user, default: 0] += 1
            return true
        }
        guard granted else {
            throw ServiceError(
                .tooManyRequests,
                "\(perUser) downloads of \(user) are already being sent; wait for one to finish",
                headers: [("Retry-After", "2")])
        }
        return Permit(user: user, permits: self)
    }

    /// Downloads being sent to `user` now.
    func count(of user: String) -> Int { sending.withLock { $0[user, default: 0] } }

    fileprivate func giveBack(user: String) {
        sending.withLock { sending in
            let remaining = sending[user, default: 1] - 1
            sending[user] = remaining > 0 ? remaining : nil
        }
    }

    /// One user's permit for one file body: returned when the last reference goes.
    final class Permit: Sendable {
        let user: String
        private let permits: DownloadPermits

        fileprivate init(user: String, permits: DownloadPermits) {
            self.user = user
            self.permits = permits
        }

        deinit { permits.giveBack(user: user) }
    }
}
