import Foundation
import Synchronization

/// Slows down repeated bad tokens from one address: the first three failures are answered at
/// once, then each waits twice as long as the one before (0.25 s up to 8 s). Never a lockout:
/// the count is forgotten after `forgetAfter` seconds without a failure, or at a success.
final class FailureThrottle: Sendable {
    private struct Record {
        var failures: Int
        var last: Date
    }

    private let records = Mutex<[String: Record]>([:])
    /// Addresses remembered at most (the oldest are forgotten first past it).
    let capacity: Int
    let forgetAfter: TimeInterval

    init(capacity: Int = 10_000, forgetAfter: TimeInterval = 900) {
        self.capacity = capacity
        self.forgetAfter = forgetAfter
    }

    /// Records a failure from `address`; returns how long to wait before answering, in seconds.
    func failed(_ address: String, now: Date = Date()) -> TimeInterval {
        records.withLock { records in
            var record = records[address] ?? Record(failures: 0, last: now)
            if now.timeIntervalSince(record.last) > forgetAfter { record.failures = 0 }
            record.failures += 1
            record.last = now
            if records[address] == nil && records.count >= capacity,
                let oldest = records.min(by: { $0.value.last < $1.value.last })?.key
            {
                records.removeValue(forKey: oldest)
            }
            records[address] = record
            return Self.delay(failures: record.failures)
        }
    }

    /// A good token from `address`: its count starts again.
    func succeeded(_ address: String) {
        _ = records.withLock { $0.removeValue(forKey: address) }
    }

    static func delay(failures: Int) -> TimeInterval {
        failures <= 3 ? 0 : min(0.25 * pow(2, Double(failures - 4)), 8)
    }
}
