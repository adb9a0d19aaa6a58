import Glibc
import Synchronization

/// What the server knows of one open connection that the connection's own thread keeps up to
/// date without the server's lock: whether it waits for a request head and since when, and
/// whether it only lingers before closing. Read under the server's lock only when room must be
/// made for a newcomer (`HTTPServer`'s eviction), so a request costs no shared lock.
final class ConnectionSlot: Sendable {
    let descriptor: Int32
    /// The peer's host (`HTTPServer.address(ofPeer:)`).
    let address: String
    /// Since when it waits for a request head, in monotonic nanoseconds (`now()`); 0 when it
    /// does not (it is reading a body, answering, or was closed to make room).
    private let waitingSince: Atomic<UInt64>
    /// Answered, only reading what its client still sends before closing.
    private let lingering = Atomic<Bool>(false)

    /// A connection just accepted: waiting for its first head since `now`.
    init(descriptor: Int32, address: String, now: UInt64) {
        self.descriptor = descriptor
        self.address = address
        waitingSince = Atomic(now)
    }

    /// Monotonic time in nanoseconds (never 0).
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec) + 1
    }

    /// Between requests: waiting for the next head from now on.
    func startWaiting() {
        waitingSince.store(Self.now(), ordering: .releasing)
    }

    /// A head arrived: no longer evictable. False when the server closed it to make room first
    /// (the connection then stops).
    func stopWaiting() -> Bool {
        waitingSince.exchange(0, ordering: .acquiringAndReleasing) != 0
    }

    /// Answered; lingering before the close: the first to be closed for room.
    func startLingering() {
        waitingSince.store(0, ordering: .releasing)
        lingering.store(true, ordering: .releasing)
    }

    var isLingering: Bool { lingering.load(ordering: .acquiring) }

    /// Since when it has waited for a head, or nil.
    var waitingStart: UInt64? {
        let since = waitingSince.load(ordering: .acquiring)
        return since == 0 ? nil : since
    }

    /// Closes it to make room if it still waits since `since` (it may have received a head
    /// meanwhile, and is then left alone); returns whether it did.
    func evict(ifWaitingSince since: UInt64) -> Bool {
        guard waitingSince.compareExchange(expected: since, desired: 0, ordering: .acquiringAndReleasing).exchanged
        else { return false }
        _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
        return true
    }

    /// Closes it to make room if it still lingers; returns whether it did.
    func evictLingering() -> Bool {
        guard lingering.compareExchange(expected: true, desired: false, ordering: .acquiringAndReleasing).exchanged
        else { return false }
        _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
        return true
    }
}
