import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server on POSIX sockets: one thread accepts, one thread per connection serves
/// (blocking I/O on real threads; see PITFALLS: blocking calls on Dispatch or Task pools starve).
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

    private struct State {
        var active = 0
        var draining = false
        var open: Set<Int32> = []
        /// Connections waiting for a request head (new, or idle between requests), and since
        /// when: at capacity the oldest is closed to admit a newcomer, so clients that never
        /// finish their headers (slowloris) cannot lock everyone else out.
        var waiting: [Int32: Date] = [:]
    }
    private let state = Mutex(State())

    /// Binds the listening socket; nothing is accepted until `start()`.
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder) throws {
        self.configuration = configuration
        self.responder = responder
        listener = try Socket.listen(host: configuration.host, port: configuration.port)
        port = try listener.localPort()
    }

    /// Starts the accept thread.
    public func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "renkei-accept"
        thread.start()
    }

    /// Connections being served now.
    public var activeConnections: Int { state.withLock { $0.active } }

    /// Whether shutdown has begun.
    var isDraining: Bool { state.withLock { $0.draining } }

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
            // Whether the connection is admitted, and since when the one closed for it had waited.
            let (admitted, evicted) = state.withLock { state -> (Bool, Date?) in
                guard !state.draining else { return (false, nil) }
                var evicted: Date?
                if state.active >= configuration.maxConnections {
                    // Make room by closing the connection that has waited longest for a head, if it
                    // has waited long enough not to be a client sending its request right now.
                    guard let (victim, since) = state.waiting.min(by: { $0.value < $1.value }),
                        Date().timeIntervalSince(since) >= configuration.evictableAfterSeconds
                    else { return (false, nil) }
                    state.waiting.removeValue(forKey: victim)
                    _ = Glibc.shutdown(victim, Int32(SHUT_RDWR))
                    evicted = since
                }
                state.active += 1
                state.open.insert(socket.descriptor)
                state.waiting[socket.descriptor] = Date()
                return (true, evicted)
            }
            if let evicted {
                configuration.log(
                    .warning, "connection closed to admit another: at capacity",
                    [
                        ("waited_ms", "\(Int(Date().timeIntervalSince(evicted) * 1_000))"),
                        ("limit", "\(configuration.maxConnections)"),
                    ])
            }
            guard admitted else {
                refuse(socket, peer: peer)
                continue
            }
            let connection = HTTPConnection(socket: socket, peer: peer, server: self)
            let thread = Thread { [self] in
                connection.serve()
                // Forget the descriptor before closing it, so a number reused by the next accept
                // is never shut down by `shutdown()` on this connection's behalf.
                state.withLock { state in
                    state.active -= 1
                    state.open.remove(socket.descriptor)
                    state.waiting.removeValue(forKey: socket.descriptor)
                }
                socket.close()
            }
            thread.name = "renkei-connection"
            thread.start()
        }
    }

    /// Records whether a connection is waiting for a request head (evictable at capacity).
    func setWaiting(_ descriptor: Int32, _ waiting: Bool) {
        state.withLock { state in
            guard state.open.contains(descriptor) else { return }
            if waiting {
                state.waiting[descriptor] = state.waiting[descriptor] ?? Date()
            } else {
                state.waiting.removeValue(forKey: descriptor)
            }
        }
    }

    /// Over the connection cap (or shutting down): 503 and close, without a thread.
    private func refuse(_ socket: Socket, peer: String) {
        configuration.log(
            .warning, "connection refused: at capacity", [("peer", peer), ("limit", "\(configuration.maxConnections)")])
        var response = responder.errorBody(
            status: .serviceUnavailable, message: "the server is at its connection limit; retry shortly")
        response.headers.add(name: "Retry-After", value: "1")
        socket.setSendTimeout(seconds: 1)
        try? socket.sendAll(response.serialized(keepAlive: false))
        socket.closeAfterDraining(milliseconds: 50)
    }

    /// Stops accepting, lets in-flight requests finish (idle connections close at once), and
    /// returns when every connection is closed or the grace period is over.
    public func shutdown() {
        let alreadyDraining = state.withLock { state -> Bool in
            defer { state.draining = true }
            return state.draining
        }
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
            for descriptor in state.open { _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }
}
