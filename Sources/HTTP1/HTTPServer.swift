import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server on POSIX sockets: one thread accepts, one thread per connection serves
/// (blocking I/O on real threads: blocking calls on Dispatch or Task pools starve; see
/// docs/PITFALLS.md, "Threads, Dispatch and Swift concurrency").
///
/// ```swift
/// let server = try HTTPServer(configuration: configuration, responder: routes)
/// server.start()
/// print(server.port)
/// server.shutdown()      // stops accepting, finishes in-flight requests, returns when done
/// ```
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    private let listener: Socket
    /// The bound port (the real one when configured with 0).
    public let port: UInt16

    /// Open connections, taken and changed only at accept, at close and to make room: a
    /// request on a connection touches only its own `ConnectionSlot`.
    private struct State {
        var active = 0
        /// Every open connection by descriptor. A connection waiting for a request head (new,
        /// or idle between requests) can be closed to admit a newcomer at capacity, the oldest
        /// first, so clients that never finish their headers (slowloris) cannot lock everyone
        /// else out; one that only lingers after its answer is closed first, whatever its age.
        var slots: [Int32: ConnectionSlot] = [:]
        /// How many connections each address holds; an address is here only while it holds one.
        var perAddress: [String: Int] = [:]

        /// Closes the connection that has waited longest for a head (among those of `address`,
        /// when given) if it has waited at least `seconds`; returns since when it had waited
        /// (monotonic nanoseconds).
        func evictOldestWaiting(of address: String?, after seconds: Double, now: UInt64) -> UInt64? {
            let mine = slots.values.filter { address == nil || $0.address == address }
            for slot in mine where slot.isLingering {
                if slot.evictLingering() { return now }
            }
            // Oldest first; one that received a head meanwhile is skipped.
            let waiting = mine.compactMap { slot in slot.waitingStart.map { (slot, $0) } }.sorted { $0.1 < $1.1 }
            for (slot, since) in waiting {
                guard Double(now &- since) / 1e9 >= seconds else { return nil }
                if slot.evict(ifWaitingSince: since) { return since }
            }
            return nil
        }
    }
    private let state = Mutex(State())
    /// Set once shutdown begins; read by every connection as it waits (without the lock).
    private let draining = Atomic<Bool>(false)
    /// Drains and closes connections refused at accept time, off the accept thread.
    private let refusals = RefusedConnectionCloser()

    /// What the accept thread decided about a connection.
    private enum Admission {
        /// Served; `evicted`: since when the connection closed to make room for it had waited
        /// (monotonic nanoseconds).
        case admitted(evicted: UInt64?)
        /// Over `maxConnections` (or shutting down).
        case refusedByServerCap
        /// Over `maxConnectionsPerAddress`.
        case refusedByAddressCap
    }

    /// Binds the listening socket; nothing is accepted until `start()`.
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder) throws {
        self.configuration = configuration
        self.responder = responder
        listener = try Socket.listen(host: configuration.host, port: configuration.port)
        port = try listener.localPort()
    }

    /// Starts the accept thread. Ignores `SIGPIPE` in the whole process from here on: a peer
    /// that goes away while a file is sent (`sendfile(2)` has no `MSG_NOSIGNAL`) must fail that
    /// one send with `EPIPE`, not end the process.
    public func start() {
        signal(SIGPIPE, SIG_IGN)
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "renkei-accept"
        thread.start()
    }

    /// Connections being served now.
    public var activeConnections: Int { state.withLock { $0.active } }

    /// Whether shutdown has begun.
    var isDraining: Bool { draining.load(ordering: .acquiring) }

    private func acceptLoop() {
        while true {
            let accepted: (Socket, peer: String)
            do {
                accepted = try listener.accept()
            } catch {
                if isDraining { return }
                if error.errno == EMFILE || error.errno == ENFILE {
                    configuration.log(.error, "accept failed: out of file descriptors", [])
                    usleep(100_000)
                }
                continue
            }
            let (socket, peer) = accepted
            let address = Self.address(ofPeer: peer)
            let capped = !configuration.perAddressCapExemptions.contains(address)
            let slot = ConnectionSlot(descriptor: socket.descriptor, address: address, now: ConnectionSlot.now())
            let admission = state.withLock { state -> Admission in
                guard !isDraining else { return .refusedByServerCap }
                let now = ConnectionSlot.now()
                var evicted: UInt64?
                if capped && state.perAddress[address, default: 0] >= configuration.maxConnectionsPerAddress {
                    // Room is made only among this address's own connections: one address
                    // never closes another's. Among them the oldest waiting goes, however
                    // short its wait: an address that kept replacing its connections before
                    // they were a second old (64 partial heads, each renewed every 0.8 s) got
                    // half of its own newcomers refused, an honest user behind the same router
                    // among them; now each newcomer closes the oldest of them instead.
                    guard let since = state.evictOldestWaiting(of: address, after: 0, now: now) else {
                        return .refusedByAddressCap
                    }
                    evicted = since
                } else if state.active >= configuration.maxConnections {
                    // Make room by closing the connection that has waited longest for a head, if it
                    // has waited long enough not to be a client sending its request right now.
                    guard let since = state.evictOldestWaiting(of: nil, after: evictable, now: now) else {
                        return .refusedByServerCap
                    }
                    evicted = since
                }
                state.active += 1
                state.slots[socket.descriptor] = slot
                state.perAddress[address, default: 0] += 1
                return .admitted(evicted: evicted)
            }
            guard case .admitted(let evicted) = admission else {
                refuse(socket, peer: peer, admission)
                continue
            }
            if let evicted {
                configuration.log(
                    .warning, "connection closed to admit another: at capacity",
                    [
                        ("waited_ms", "\((ConnectionSlot.now() &- evicted) / 1_000_000)"),
                        ("limit", "\(configuration.maxConnections)"), ("peer", peer),
                    ])
            }
            let connection = HTTPConnection(socket: socket, peer: peer, server: self, slot: slot)
            let thread = Thread { [self] in
                connection.serve()
                // Forget the descriptor before closing it, so a number reused by the next accept
                // is never shut down by `shutdown()` on this connection's behalf.
                state.withLock { state in
                    state.active -= 1
                    state.slots.removeValue(forKey: socket.descriptor)
                    let left = state.perAddress[address, default: 1] - 1
                    state.perAddress[address] = left > 0 ? left : nil
                }
                socket.close()
            }
            thread.name = "renkei-connection"
            thread.start()
        }
    }

    /// Seconds a connection must have waited for a head before it may be closed for a newcomer.
    private var evictable: Double { configuration.evictableAfterSeconds }

    /// Over a connection cap (or shutting down): 503 with `Retry-After` and close, without a
    /// connection thread; the closing is left to `refusals` so the accept thread never waits.
    private func refuse(_ socket: Socket, peer: String, _ reason: Admission) {
        let message: String
        switch reason {
        case .admitted, .refusedByServerCap:
            configuration.log(
                .warning, "connection refused: at capacity",
                [("peer", peer), ("limit", "\(configuration.maxConnections)")])
            message = "the server is at its connection limit; retry shortly"
        case .refusedByAddressCap:
            configuration.log(
                .warning, "connection refused: too many connections from one address",
                [("peer", peer), ("limit", "\(configuration.maxConnectionsPerAddress)")])
            message = "too many connections from your address; retry shortly"
        }
        var response = responder.errorBody(status: .serviceUnavailable, message: message)
        response.headers.add(name: "Retry-After", value: "1")
        // A new socket's send buffer is empty: the answer fits without waiting.
        socket.setSendTimeout(seconds: 1)
        try? socket.sendAll(response.serialized(keepAlive: false))
        refusals.close(socket)
    }

    /// The host part of a peer as `Socket.accept` describes it: `192.0.2.1:5000` -> `192.0.2.1`,
    /// `[::1]:5000` -> `::1`.
    public static func address(ofPeer peer: String) -> String {
        if peer.hasPrefix("["), let end = peer.firstIndex(of: "]") {
            return String(peer[peer.index(after: peer.startIndex)..<end])
        }
        guard let colon = peer.lastIndex(of: ":") else { return peer }
        return String(peer[..<colon])
    }

    /// Stops accepting, lets in-flight requests finish (idle connections close at once), and
    /// returns when every connection is closed or the grace period is over.
    public func shutdown() {
        // Taken under the lock, so that no connection is admitted after it.
        let alreadyDraining = state.withLock { _ in draining.exchange(true, ordering: .acquiringAndReleasing) }
        if !alreadyDraining {
            listener.shutdown()
            listener.close()
        }
        let deadline = Date().addingTimeInterval(configuration.shutdownGraceSeconds)
        while activeConnections > 0 && Date() < deadline {
            usleep(20_000)
        }
        // Past the grace period: cut what is left.
        state.withLock { state in
            for descriptor in state.slots.keys { _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }
}
