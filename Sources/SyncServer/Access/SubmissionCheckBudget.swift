import Models
import SyncStorage
import Synchronization

/// How much `survey check` work one user's submissions may make the server do over time, in
/// pattern steps (`PatternWork`). A submission's check runs inside the push transaction, so
/// while it runs every municipality's pushes wait: one batch may take at most
/// `SurveyRules.patternWorkPerBatch` steps (about half a second), and a sixth outside review
/// showed that a refused submission could then be sent again at will, each one holding the
/// write lock that long.
///
/// The budget is a bucket per user that empties at `stepsPerWindow` per `windowMilliseconds`,
/// continuously, and holds at most `stepsPerWindow`: a user may spend three batches' worth at
/// once, then about one batch's worth every 3 min 20 s. A submission of a user whose bucket has
/// less room than `minimumRoom` is refused before its check runs (`submission_refused`, saying
/// when to try again); otherwise its check may take what the bucket has room for (and no more
/// than the batch's own budget), and is charged what it took. Honest checks cost far less: the
/// example survey (50 items, 6 cross-item rules) is charged 28,000 steps for its size and a few
/// thousand for its patterns over a municipality's whole answers.
///
/// Admins (federation relays) are not charged (`PushAuthority` gives their batches none): their
/// submissions are checked by the server they come from. The buckets live in memory: a restart
/// empties them.
final class SubmissionCheckBudget: Sendable {
    /// Pattern steps a user's checks may take in one window, and hold at most.
    let stepsPerWindow: Int
    /// How long the bucket takes to empty from full, in milliseconds.
    let windowMilliseconds: Int64

    static let defaultStepsPerWindow = 3 * SurveyRules.patternWorkPerBatch
    static let defaultWindowMilliseconds: Int64 = 600_000

    private struct Bucket {
        /// Steps charged and not yet drained.
        var steps: Double
        /// Unix milliseconds when `steps` was last brought up to date.
        var at: Int64
    }

    private let buckets = Mutex<[String: Bucket]>([:])
    /// Buckets kept at most before the drained ones are dropped (users are the server's own,
    /// so there are few; this only bounds the map).
    let capacity: Int

    init(
        stepsPerWindow: Int = defaultStepsPerWindow, windowMilliseconds: Int64 = defaultWindowMilliseconds,
        capacity: Int = 10_000
    ) {
        precondition(stepsPerWindow > 0 && windowMilliseconds > 0, "a budget lets some work through")
        self.stepsPerWindow = stepsPerWindow
        self.windowMilliseconds = windowMilliseconds
        self.capacity = capacity
    }

    /// The least room a check runs with: a tenth of the window's steps (about 1 minute of
    /// draining). Less is spent: what trickles back in the meantime would let a check run
    /// for a moment every few seconds, each one refused for running out.
    var minimumRoom: Int { max(1, stepsPerWindow / 10) }

    /// What `allowance` found.
    enum Allowance: Equatable {
        /// The check may take up to this many steps (at least 1).
        case steps(Int)
        /// Less room than `minimumRoom`: refuse the submission unchecked, and say it may be
        /// tried again in this many whole seconds (at least 1).
        case spent(retryAfterSeconds: Int)
    }

    /// What a check of `user`'s may take at `now` (Unix milliseconds).
    func allowance(user: String, now: Int64) -> Allowance {
        buckets.withLock { buckets in
            let bucket = drained(buckets[user], now: now)
            let room = Double(stepsPerWindow) - bucket.steps
            if room >= Double(minimumRoom) { return .steps(Int(room)) }
            let wait = (Double(minimumRoom) - room) * Double(windowMilliseconds) / Double(stepsPerWindow)
            return .spent(retryAfterSeconds: max(1, Int((wait / 1_000).rounded(.up))))
        }
    }

    /// Charges `steps` taken by a check of `user`'s at `now`.
    func charge(user: String, steps: Int, now: Int64) {
        guard steps > 0 else { return }
        buckets.withLock { buckets in
            var bucket = drained(buckets[user], now: now)
            bucket.steps = min(Double(stepsPerWindow), bucket.steps + Double(steps))
            if buckets[user] == nil, buckets.count >= capacity {
                buckets = buckets.filter { drained($0.value, now: now).steps > 0 }
            }
            buckets[user] = bucket
        }
    }

    /// `bucket` (a new one when nil) drained up to `now`; a clock set back drains nothing.
    private func drained(_ bucket: Bucket?, now: Int64) -> Bucket {
        guard var bucket else { return Bucket(steps: 0, at: now) }
        let elapsed = Double(max(0, now - bucket.at))
        bucket.steps = max(0, bucket.steps - elapsed * Double(stepsPerWindow) / Double(windowMilliseconds))
        bucket.at = max(bucket.at, now)
        return bucket
    }
}
