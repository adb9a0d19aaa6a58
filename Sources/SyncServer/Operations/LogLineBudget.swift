import Glibc
import Synchronization

/// How many log lines below `error` the server writes: on average at most `perSecond`, in bursts
/// of at most `burst`; the lines over it are counted, not written, and the next line written is
/// preceded by one that says how many were left out. An outside review grew the log by 2.3 MB/s
/// without a token (2,000 requests a second for dashboard paths that do not exist, each logged
/// with its 512-character path), about 200 GB a day; the budget holds the log to about 20 lines
/// a second whatever arrives (a few hundred bytes each: under 2 GB a day at the very worst, and
/// far less in practice). Errors are always written. Security events do not depend on it: they
/// are in the audit log.
final class LogLineBudget: Sendable {
    let perSecond: Double
    let burst: Double

    private struct State {
        var tokens: Double
        /// Monotonic milliseconds of the last refill.
        var at: Int64
        var dropped = 0
    }

    private let state: Mutex<State>

    /// `now`: monotonic milliseconds to start from.
    init(perSecond: Double = 20, burst: Double = 600, now: Int64 = LogLineBudget.monotonicMilliseconds()) {
        self.perSecond = perSecond
        self.burst = burst
        state = Mutex(State(tokens: burst, at: now))
    }

    /// Takes one line's place at `now` (monotonic milliseconds): nil when the line is to be
    /// left out; else how many lines were left out before it (0 as a rule), which the caller
    /// reports first.
    func take(now: Int64 = LogLineBudget.monotonicMilliseconds()) -> Int? {
        state.withLock { state in
            let elapsed = Double(max(0, now - state.at)) / 1_000
            state.tokens = min(burst, state.tokens + elapsed * perSecond)
            state.at = max(state.at, now)
            // A line after some were left out goes with the line that says so: both take a place,
            // so the log holds `perSecond` lines including those reports (charging the line alone,
            // a flood wrote up to twice the pace: 732 lines in 5 s against 600 + 20 a second).
            let places: Double = state.dropped > 0 ? 2 : 1
            guard state.tokens >= places else {
                state.dropped += 1
                return nil
            }
            state.tokens -= places
            defer { state.dropped = 0 }
            return state.dropped
        }
    }

    static func monotonicMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000 + Int64(now.tv_nsec) / 1_000_000
    }
}
