import Synchronization

/// Which repeated requests are written to the audit log: the first of a user for a subject, and
/// again once `seconds` have passed since that user's last audited request for it; requests
/// within the window are repeats and are not written again. Used for downloads (the subject is
/// the file: every request that sends bytes counts, whatever its range, since an earlier rule,
/// "the request for byte 0", let a permitted reader fetch all but the first byte unaudited; the
/// pieces of one download are not written again) and for dashboard sign-ins (the subject is the
/// way: a user signing in again and again, from any number of addresses, leaves one row per
/// window, not one per sign-in).
///
/// Memory: at most `capacity` (user, subject) pairs; when full, pairs older than the window go
/// first, and if none are, all are forgotten (the next request of each is audited again: more
/// rows, never fewer).
final class AuditWindow: Sendable {
    /// Length of the window, in milliseconds.
    let milliseconds: Int64
    let capacity: Int
    /// Unix milliseconds of the last audited request, by user and subject.
    private let lastAudited = Mutex<[Pair: Int64]>([:])

    private struct Pair: Hashable {
        let user: String
        let subject: String
    }

    init(seconds: Int64 = 600, capacity: Int = 10_000) {
        milliseconds = seconds * 1_000
        self.capacity = capacity
    }

    /// Whether a request of `user` for `subject` at `now` (Unix milliseconds) is to be
    /// audited; if so, it is remembered as audited.
    func shouldAudit(user: String, subject: String, now: Int64) -> Bool {
        decide(user: user, subject: subject, now: now) { true } == .audit
    }

    /// What to do with one request.
    enum Decision: Equatable {
        /// Within the window of an audited one: not written again.
        case repeated
        /// To be audited (remembered as audited).
        case audit
        /// To be audited, but `admit` refused it (a row the user's write budget cannot pay
        /// for): not remembered, so the next request is decided again.
        case refused
    }

    /// `shouldAudit`, asking `admit` before a new row is promised (under the window's lock,
    /// so that the request it admits is the one remembered).
    func decide(user: String, subject: String, now: Int64, admit: () -> Bool) -> Decision {
        let pair = Pair(user: user, subject: subject)
        return lastAudited.withLock { last in
            if let previous = last[pair], now - previous < milliseconds, now >= previous { return .repeated }
            guard admit() else { return .refused }
            if last.count >= capacity {
                last = last.filter { now - $0.value < milliseconds }
                if last.count >= capacity { last.removeAll() }
            }
            last[pair] = now
            return .audit
        }
    }
}
