import Glibc
import Synchronization

/// A value kept in several copies, each behind its own lock, that threads change in the copy
/// their thread id picks: many connection threads counting or logging at once then rarely meet
/// on one lock (a single lock was the hottest point of a small request under 43 connections:
/// contended `Mutex`es on Linux go through the kernel). A thread always uses the same copy, so
/// what one thread adds stays in order within it. Reading combines every copy.
final class Sharded<Value: Sendable>: Sendable {
    private final class Shard: Sendable {
        let lock: Mutex<Value>
        init(_ value: Value) { lock = Mutex(value) }
    }
    private let shards: [Shard]

    /// How many copies there are.
    var count: Int { shards.count }

    /// `count` copies, each starting as `initial()`.
    init(count: Int = 16, _ initial: () -> Value) {
        shards = (0..<count).map { _ in Shard(initial()) }
    }

    /// Changes the calling thread's copy.
    func withLocalLock<T>(_ body: (inout Value) -> T) -> T {
        // Thread ids are aligned addresses: hashed, their top bits spread over the copies.
        let hashed = UInt(pthread_self()) &* 0x9E37_79B9_7F4A_7C15
        return shards[Int(truncatingIfNeeded: hashed >> 58) % shards.count].lock.withLock { body(&$0) }
    }

    /// Visits every copy in turn, each under its lock (to read, or to take what it holds).
    func forEach(_ body: (inout Value) -> Void) {
        for shard in shards { shard.lock.withLock { body(&$0) } }
    }
}
