import Synchronization

/// Which downloads are written to the audit log: the first request of a user for a file, and
/// again once `seconds` have passed since that user's last audited request for it. Every
/// request that sends bytes counts, whatever its range (an earlier rule, "the request for byte
/// 0", let a permitted reader fetch all but the first byte unaudited); requests within the
/// window are the pieces of one download and are not written again.
///
/// Memory: at most `capacity` (user, file) pairs; when full, pairs older than the window go
/// first, and if none are, all are forgotten (the next request of each is audited again: more
/// rows, never fewer).
final class DownloadAuditWindow: Sendable {
    /// Length of the window, in milliseconds.
    let milliseconds: Int64
    let capacity: Int
    /// Unix milliseconds of the last audited request, by user and file.
    private let lastAudited = Mutex<[Pair: Int64]>([:])

    private struct Pair: Hashable {
        let user: String
        let sha256: String
    }

    init(seconds: Int64 = 600, capacity: Int = 10_000) {
        milliseconds = seconds * 1_000
        self.capacity = capacity
    }

    /// Whether a request of `user` for file `sha256` at `now` (Unix milliseconds) is to be
    /// audited; if so, it is remembered as audited.
    func shouldAudit(user: String, sha256: String, now: Int64) -> Bool {
        let pair = Pair(user: user, sha256: sha256)
        return lastAudited.withLock { last in
            if let previous = last[pair], now - previous < milliseconds, now >= previous { return false }
            if last.count >= capacity {
                last = last.filter { now - $0.value < milliseconds }
                if last.count >= capacity { last.removeAll() }
            }
            last[pair] = now
            return true
        }
    }
}
