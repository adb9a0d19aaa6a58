import Models
import Synchronization

/// At most `perUser` requests of one kind of one user in progress at the same time: file
/// bodies being sent (downloads), push bodies being received or applied, upload pieces being
/// received.
///
/// A connection receiving a large body or sending a file is not one the server may close to
/// make room for a newcomer, and the pace rules free a slow one only after 10 s of too little:
/// a token holder who opened many of them, from many addresses, kept every connection of the
/// server busy (an outside review held all 512 with push bodies trickled at 2 KiB/s, and 1 GB
/// of memory with 128 push bodies of 8 MiB). With these caps one user holds at most `perUser`
/// of each kind; the next gets 429 with `Retry-After` at once (from the head alone, before a
/// byte of its body is read), until one of them ends. The project's client stays inside them:
/// one range request outstanding per download, three pushes in flight (`PushRequest.window`),
/// one upload piece at a time; and it waits `Retry-After` and asks again (`RetryPolicy`).
final class UserPermits: Sendable {
    /// Requests of one user in progress at once, at least 1.
    let perUser: Int
    /// What the requests are, plural, for the refusal (e.g. `downloads`).
    let activity: String
    private let inProgress = Mutex<[String: Int]>([:])

    init(perUser: Int, activity: String) {
        precondition(perUser >= 1, "a user may have at least one request in progress")
        self.perUser = perUser
        self.activity = activity
    }

    /// A permit for one request of `user`, held until the permit is released (with the request,
    /// or with the body it sends: `HTTPFileBody.retained`); throws 429 when `user` already
    /// holds `perUser`.
    func take(user: String) throws(ServiceError) -> Permit {
        let granted = inProgress.withLock { inProgress in
            guard inProgress[user, default: 0] < perUser else { return false }
            inProgress[user, default: 0] += 1
            return true
        }
        guard granted else {
            throw ServiceError(
                .tooManyRequests,
                "\(perUser) \(activity) of \(user) are already in progress; wait for one to finish",
                headers: [("Retry-After", "2")])
        }
        return Permit(user: user, permits: self)
    }

    fileprivate func giveBack(user: String) {
        inProgress.withLock { inProgress in
            let remaining = inProgress[user, default: 1] - 1
            inProgress[user] = remaining > 0 ? remaining : nil
        }
    }

    /// One user's permit for one request: returned when the last reference goes.
    final class Permit: Sendable {
        let user: String
        private let permits: UserPermits

        fileprivate init(user: String, permits: UserPermits) {
            self.user = user
            self.permits = permits
        }

        deinit { permits.giveBack(user: user) }
    }
}
