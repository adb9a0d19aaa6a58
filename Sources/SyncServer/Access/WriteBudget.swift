import Models
import Synchronization

/// How many bytes one user may make the server write, per day: push bodies, upload pieces and
/// the upload sessions they open. An outside review filled the server's disk with one staff
/// token (1.2 GB of accepted pushes in 40 s, and refused pushes that each left an audit row and
/// a log line); every write a user asks for is now charged here first.
///
/// The budget is a bucket that empties at `bytesPerDay` per day, continuously: a user who sent
/// nothing for a day may send `bytesPerDay` at once, and one who keeps sending is held to that
/// pace on average (8 GiB a day is about 99 KB/s). A write request is admitted while its user's
/// bucket is below the budget, and charged at once what its head announces (at least
/// `minimumCharge`, which is more than the audit row and log line any write request may leave,
/// so refused requests are paid for too); bytes only known later (a gzipped push inflated, a
/// chunked body) are charged when they are. A user over budget gets 429
/// (`write_budget_exceeded`) with `Retry-After` until the bucket is below it again, before a
/// byte of the body is read, and is written to the log once per spell, not per request.
///
/// A user may overshoot by what its requests in progress announce (at most a few bodies:
/// `UserPermits`). The buckets live in memory: a restart empties them. Many users together are
/// held by the disk reserve (`DiskReserve`), not here.
final class WriteBudget: Sendable {
    /// Bytes per user per day; 0: no budget.
    let bytesPerDay: Int64
    /// The least a write request is charged, in bytes.
    static let minimumCharge: Int64 = 4_096
    static let dayMilliseconds: Double = 86_400_000

    private struct Bucket {
        /// Bytes charged and not yet drained.
        var bytes: Double
        /// Unix milliseconds when `bytes` was last brought up to date.
        var at: Int64
        /// Whether the user has been refused since it was last admitted (the log says so once).
        var refused = false
    }

    private let buckets = Mutex<[String: Bucket]>([:])
    /// Buckets kept at most before the drained ones are dropped (users are the server's own,
    /// so there are few; this only bounds the map).
    let capacity: Int

    init(bytesPerDay: Int64, capacity: Int = 10_000) {
        precondition(bytesPerDay >= 0, "a budget is never negative")
        self.bytesPerDay = bytesPerDay
        self.capacity = capacity
    }

    /// What `admit` found when it refused.
    struct Refusal: Equatable {
        /// Whole seconds until the user's bucket is below the budget again, at least 1.
        let retryAfter: Int
        /// Whether this is the first refusal since the user was last admitted.
        let isFirst: Bool
    }

    /// Admits a write request of `user` announcing `bytes` (0 when not known yet) at `now` (Unix
    /// milliseconds) and charges it `max(bytes, minimumCharge)`; or refuses it, charging nothing.
    func admit(user: String, bytes: Int64, now: Int64) -> Refusal? {
        guard bytesPerDay > 0 else { return nil }
        return buckets.withLock { buckets in
            var bucket = drained(buckets[user], now: now)
            let budget = Double(bytesPerDay)
            if bucket.bytes >= budget {
                let seconds = (bucket.bytes - budget) * (Self.dayMilliseconds / 1_000) / budget
                let refusal = Refusal(retryAfter: max(1, Int(seconds.rounded(.up)) + 1), isFirst: !bucket.refused)
                bucket.refused = true
                buckets[user] = bucket
                return refusal
            }
            bucket.bytes += Double(max(bytes, Self.minimumCharge))
            bucket.refused = false
            if buckets[user] == nil, buckets.count >= capacity {
                buckets = buckets.filter { drained($0.value, now: now).bytes > 0 }
            }
            buckets[user] = bucket
            return nil
        }
    }

    /// `admit` for `caller`'s request, as the routes ask it: admins have no budget; a refusal
    /// is thrown as 429 `write_budget_exceeded` with `Retry-After`, and the first of a spell is
    /// written to `logger`.
    func admit(_ caller: Caller, bytes: Int64, logger: Logger, now: Int64 = UnixTime.milliseconds())
        throws(ServiceError)
    {
        guard caller.grant.role != .admin, let refusal = admit(user: caller.user, bytes: bytes, now: now) else {
            return
        }
        if refusal.isFirst {
            logger.log(
                .warning, "write budget spent",
                [
                    ("user", caller.user), ("bytes_per_day", "\(bytesPerDay)"),
                    ("retry_after", "\(refusal.retryAfter)"),
                ], security: true)
        }
        throw ServiceError(
            .writeBudgetExceeded,
            "\(caller.user) has sent the \(bytesPerDay) bytes this server takes from one user per day; nothing of this request was read, what was sent before is kept; sending resumes in \(Self.describe(seconds: refusal.retryAfter))",
            headers: [("Retry-After", "\(refusal.retryAfter)")])
    }

    /// Charges `bytes` more to `user` (bytes of an admitted request known only now).
    func charge(user: String, bytes: Int64, now: Int64) {
        guard bytesPerDay > 0, bytes > 0 else { return }
        buckets.withLock { buckets in
            var bucket = drained(buckets[user], now: now)
            bucket.bytes += Double(bytes)
            buckets[user] = bucket
        }
    }

    /// Bytes `user` has charged and not drained at `now`, for tests and the refusal's message.
    func used(by user: String, now: Int64) -> Int64 {
        buckets.withLock { Int64(drained($0[user], now: now).bytes) }
    }

    /// `seconds` as a person reads a wait: `40 s`, `about 7 min`, `about 2 h 5 min`.
    static func describe(seconds: Int) -> String {
        if seconds < 60 { return "\(seconds) s" }
        let minutes = (seconds + 59) / 60
        if minutes < 60 { return "about \(minutes) min" }
        return minutes % 60 == 0 ? "about \(minutes / 60) h" : "about \(minutes / 60) h \(minutes % 60) min"
    }

    /// `bucket` (a new one when nil) drained up to `now`; a clock set back drains nothing.
    private func drained(_ bucket: Bucket?, now: Int64) -> Bucket {
        guard var bucket else { return Bucket(bytes: 0, at: now) }
        let elapsed = Double(max(0, now - bucket.at))
        bucket.bytes = max(0, bucket.bytes - elapsed * Double(bytesPerDay) / Self.dayMilliseconds)
        bucket.at = max(bucket.at, now)
        return bucket
    }
}
