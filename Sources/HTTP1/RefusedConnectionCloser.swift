import Foundation
import Synchronization

/// Closes connections refused at accept time (503 over a cap) without holding up the accept
/// thread: their requests are read and dropped on one background thread for at most
/// `lingerMilliseconds`, so that closing does not turn into a reset that destroys the answer,
/// while the accept thread goes on accepting. Draining on the accept thread instead would let
/// one address that floods connections and never closes them slow every other client's accept
/// to one per drain.
///
/// Invariants: a socket handed over is owned here until closed; at most `capacity` wait at
/// once (past that a refused socket is closed at once, at the risk of a reset); the thread runs
/// only while some socket waits, so an idle server (or one of many in tests) keeps no thread.
final class RefusedConnectionCloser: Sendable {
    private struct Entry: Sendable {
        let socket: Socket
        let deadline: ContinuousClock.Instant
    }

    private struct State {
        var entries: [Entry] = []
        var running = false
    }

    private let state = Mutex(State())
    /// Refused sockets lingering at most.
    let capacity: Int
    /// How long a refused socket is drained before it is closed anyway, in milliseconds.
    let lingerMilliseconds: Int

    init(capacity: Int = 1_024, lingerMilliseconds: Int = 200) {
        self.capacity = capacity
        self.lingerMilliseconds = lingerMilliseconds
    }

    /// Takes over `socket` (its answer already sent): shuts its write side and closes it once
    /// the peer has closed or `lingerMilliseconds` have passed.
    func close(_ socket: Socket) {
        socket.shutdownWrite()
        let entry = Entry(socket: socket, deadline: .now + .milliseconds(lingerMilliseconds))
        let startThread = state.withLock { state -> Bool? in
            guard state.entries.count < capacity else { return nil }
            state.entries.append(entry)
            defer { state.running = true }
            return !state.running
        }
        guard let startThread else {
            socket.close()
            return
        }
        if startThread {
            let thread = Thread { [self] in drainUntilEmpty() }
            thread.name = "renkei-refused"
            thread.start()
        }
    }

    private func drainUntilEmpty() {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let entries = state.withLock { state -> [Entry] in
                if state.entries.isEmpty { state.running = false }
                return state.entries
            }
            if entries.isEmpty { return }
            // Wait for any of them to become readable (or closed), 20 ms at most.
            let ready = Socket.waitReadable(entries.map(\.socket), timeoutMilliseconds: 20)
            let now = ContinuousClock.now
            var finished: [Socket] = []
            for (index, entry) in entries.enumerated() {
                var done = now >= entry.deadline
                if !done && ready[index] {
                    let count = (try? entry.socket.receive(into: &buffer)) ?? 0
                    done = count == 0
                }
                if done { finished.append(entry.socket) }
            }
            guard !finished.isEmpty else { continue }
            let closed = Set(finished.map(\.descriptor))
            // Forgotten before closed: a descriptor number reused by the next accept is never ours.
            state.withLock { $0.entries.removeAll { closed.contains($0.socket.descriptor) } }
            for socket in finished { socket.close() }
        }
    }
}
