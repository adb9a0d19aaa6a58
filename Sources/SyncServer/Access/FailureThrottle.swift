import Foundation
import Synchronization

/// Throttles bad tokens per client address without ever making a connection thread wait: the
/// caller is told how long to stay away (429 with `Retry-After`) and the connection closes.
///
/// Each address has a failure level: every bad (or missing) token raises it by one, and it
/// decays by one every `decaySeconds` (60 s) without failures. The first three failures are
/// free; the failure that takes the level past three *throttles* the address for
/// `delay(failures:)` seconds (0.25 s, doubling up to 8 s), and so does each later one.
/// While an address is throttled, a token is checked only if it has already succeeded from
/// that address (its hash is remembered, at most `trustedPerAddress` of them); anything else is
/// refused at once, without a database lookup and without counting as a failure. Once the
/// throttle has run out the next token is checked again, so guessing from one address is
/// held to one check per `delay` (8 s when sustained).
///
/// Why successes never reset the level: a reset on any success from the address let a caller
/// with one valid token guess others at full speed by sending its own token between guesses.
/// Keying the reset to the failing token instead is not possible (a failing token names no
/// one), so failures only decay with time. Nobody is locked out by that: a token that has
/// worked from an address keeps working from it however many failures others there make
/// (offices share a NAT address), and a token new to a throttled address waits at most the
/// `Retry-After` it is given (8 s at most) once the failures stop.
final class FailureThrottle: Sendable {
    private struct Record {
        /// Failures not yet decayed (fractional while decaying).
        var level: Double = 0
        /// When `level` was last brought up to date.
        var updated: Date
        /// Until when tokens not in `trusted` are refused unchecked; nil: not throttled.
        var throttledUntil: Date?
        /// Hashes of tokens that succeeded from this address, oldest first.
        var trusted: [String] = []

        init(now: Date) { updated = now }

        /// `level` decayed to `now`.
        mutating func decay(to now: Date, decaySeconds: TimeInterval) {
            level = max(0, level - max(0, now.timeIntervalSince(updated)) / decaySeconds)
            updated = now
        }
    }

    private let records = Mutex<[String: Record]>([:])
    /// Addresses remembered at most (the least recently seen are forgotten first past it).
    let capacity: Int
    /// Seconds after which one failure is forgotten.
    let decaySeconds: TimeInterval
    /// Token hashes remembered per address as having succeeded from it.
    let trustedPerAddress: Int

    init(capacity: Int = 10_000, decaySeconds: TimeInterval = 60, trustedPerAddress: Int = 64) {
        self.capacity = capacity
        self.decaySeconds = decaySeconds
        self.trustedPerAddress = trustedPerAddress
    }

    /// Whether a token from `address` may be checked now: nil if so; else the seconds left of
    /// the address's throttle (answer 429 with them, without checking the token). A token
    /// that has succeeded from this address before (`tokenHash`) is always checked.
    func retryAfter(_ address: String, tokenHash: String?, now: Date = Date()) -> TimeInterval? {
        records.withLock { records in
            guard let record = records[address], let until = record.throttledUntil, until > now else { return nil }
            if let tokenHash, record.trusted.contains(tokenHash) { return nil }
            return until.timeIntervalSince(now)
        }
    }

    /// Records a failure from `address`; returns for how long the address is now throttled, in
    /// seconds (0 while its failures are still free).
    @discardableResult
    func failed(_ address: String, now: Date = Date()) -> TimeInterval {
        records.withLock { records in
            var record = records[address] ?? Record(now: now)
            record.decay(to: now, decaySeconds: decaySeconds)
            // Capped where the delay is already at its longest, so that after a flood the level
            // is back to free within minutes (6 at 60 s per failure), not hours.
            record.level = min(record.level + 1, Self.maximumLevel)
            let delay = Self.delay(failures: Int(record.level.rounded(.up)))
            record.throttledUntil = delay > 0 ? now.addingTimeInterval(delay) : nil
            store(record, for: address, in: &records)
            return delay
        }
    }

    /// A good token (`tokenHash`) from `address`: it stays usable from there while the address
    /// is throttled. The failure level is left as it is (see the type's comment).
    func succeeded(_ address: String, tokenHash: String, now: Date = Date()) {
        records.withLock { records in
            var record = records[address] ?? Record(now: now)
            record.decay(to: now, decaySeconds: decaySeconds)
            if let index = record.trusted.firstIndex(of: tokenHash) { record.trusted.remove(at: index) }
            record.trusted.append(tokenHash)
            if record.trusted.count > trustedPerAddress { record.trusted.removeFirst() }
            store(record, for: address, in: &records)
        }
    }

    /// Saves `record`, forgetting the least recently seen address when a new one would go past
    /// `capacity`.
    private func store(_ record: Record, for address: String, in records: inout [String: Record]) {
        if records[address] == nil && records.count >= capacity,
            let oldest = records.min(by: { $0.value.updated < $1.value.updated })?.key
        {
            records.removeValue(forKey: oldest)
        }
        records[address] = record
    }

    /// The highest failure level kept: the first at which `delay` is 8 s.
    static let maximumLevel = 9.0

    /// Seconds an address is throttled after its `failures`-th failure.
    static func delay(failures: Int) -> TimeInterval {
        failures <= 3 ? 0 : min(0.25 * pow(2, Double(failures - 4)), 8)
    }
}
