import Foundation
import Synchronization

/// A protocol call started on a thread of its own: the caller goes on with local work and asks
/// for the result when it needs it. The thread touches nothing but the call (the network and
/// the decoding of its answer); the replica's database stays on the caller's thread.
final class BackgroundCall<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, SyncError>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts `body` now on a thread named `name`.
    init(name: String, _ body: @escaping @Sendable () throws(SyncError) -> Value) {
        let thread = Thread { [self] in
            let outcome = Result { () throws(SyncError) in try body() }
            result.withLock { $0 = outcome }
            done.signal()
        }
        thread.name = name
        thread.start()
    }

    /// The result, once the call has finished (waits for it).
    func value() throws(SyncError) -> Value {
        done.wait()
        done.signal()
        return try result.withLock { $0! }.get()
    }

    /// The result if the call finishes within `seconds`, else nil (it can still be asked for later).
    func value(waitingAtMost seconds: Double) throws(SyncError) -> Value? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        done.signal()
        return try result.withLock { $0! }.get()
    }
}
