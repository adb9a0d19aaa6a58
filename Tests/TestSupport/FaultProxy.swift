import Foundation
import Glibc
import HTTP1
import Synchronization

/// A loopback TCP proxy that misbehaves on purpose, deciding per connection from a seeded
/// generator: drop it, delay it, cut the request off midway, send the request to the server
/// twice, or throw the answer away after the server did the work. `faulty = false` heals it.
/// The upstream port can change (a server restarted after SIGKILL listens elsewhere).
public final class FaultProxy: Sendable {
    public enum Fault: String, Sendable, CaseIterable {
        case none, drop, delay, cut, duplicate, loseAnswer
    }

    private let listener: Socket
    public let port: UInt16
    private let upstream: Mutex<UInt16>
    private let generator: Mutex<SeededGenerator>
    private let enabled = Mutex(true)
    /// How often each fault struck.
    public let counts = Mutex<[Fault: Int]>([:])

    public init(upstreamPort: UInt16, seed: UInt64) throws {
        listener = try Socket.listen(host: "127.0.0.1", port: 0)
        port = try listener.localPort()
        upstream = Mutex(upstreamPort)
        generator = Mutex(SeededGenerator(seed: seed))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit {
        listener.shutdown()
        listener.close()
    }

    public var url: String { "http://127.0.0.1:\(port)" }

    public var faulty: Bool {
        get { enabled.withLock { $0 } }
        set { enabled.withLock { $0 = newValue } }
    }

    public func setUpstream(_ port: UInt16) { upstream.withLock { $0 = port } }

    /// The port requests are relayed to.
    public var upstreamPort: UInt16 { upstream.withLock { $0 } }

    private func acceptLoop() {
        while let (client, _) = try? listener.accept() {
            let (fault, delay, cut) = generator.withLock { generator -> (Fault, UInt32, Int) in
                let roll = Int.random(in: 0..<100, using: &generator)
                let delay = UInt32.random(in: 20_000...250_000, using: &generator)
                let cut = Int.random(in: 1...400, using: &generator)
                guard faulty else { return (.none, delay, cut) }
                let fault: Fault
                switch roll {
                case 0..<8: fault = .drop
                case 8..<18: fault = .delay
                case 18..<26: fault = .cut
                case 26..<34: fault = .duplicate
                case 34..<42: fault = .loseAnswer
                default: fault = .none
                }
                return (fault, delay, cut)
            }
            counts.withLock { $0[fault, default: 0] += 1 }
            let port = upstream.withLock { $0 }
            Thread.detachNewThread { Self.relay(client, port: port, fault: fault, delay: delay, cut: cut) }
        }
    }

    private static func relay(_ client: Socket, port: UInt16, fault: Fault, delay: UInt32, cut: Int) {
        // Shut down before closing: another thread may be blocked reading the socket, and only a
        // shutdown wakes it and tells the peer the connection is gone.
        defer {
            client.shutdown()
            client.close()
        }
        if fault == .drop { return }
        if fault == .delay { usleep(delay) }
        guard let upstream = try? Socket.connect(host: "127.0.0.1", port: port) else { return }
        defer {
            upstream.shutdown()
            upstream.close()
        }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        if fault == .cut {
            // Part of the request reaches the server, then the line goes dead.
            guard (try? client.waitReadable(timeoutMilliseconds: 5_000)) == true,
                let count = try? client.receive(into: &buffer), count > 0
            else { return }
            _ = try? upstream.sendAll(Array(buffer[0..<min(count, cut)]))
            usleep(20_000)
            return
        }
        let duplicate: Socket? = fault == .duplicate ? try? Socket.connect(host: "127.0.0.1", port: port) : nil
        // The helper threads use these sockets until they signal; only then are the sockets
        // closed (a descriptor closed early may be reused by another test's socket, which the
        // helper's late shutdown would then break).
        let copied = DispatchSemaphore(value: 0)
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while let count = try? client.receive(into: &buffer), count > 0 {
                let bytes = Array(buffer[0..<count])
                guard (try? upstream.sendAll(bytes)) != nil else { break }
                _ = try? duplicate?.sendAll(bytes)
            }
            upstream.shutdownWrite()
            duplicate?.shutdownWrite()
            copied.signal()
        }
        if let duplicate {
            Thread.detachNewThread {
                var sink = [UInt8](repeating: 0, count: 65_536)
                while let count = try? duplicate.receive(into: &sink), count > 0 {}
                drained.signal()
            }
        }
        defer {
            client.shutdown()
            upstream.shutdown()
            duplicate?.shutdown()
            copied.wait()
            if let duplicate {
                drained.wait()
                duplicate.close()
            }
        }
        while let count = try? upstream.receive(into: &buffer), count > 0 {
            if fault == .loseAnswer { return }
            guard (try? client.sendAll(Array(buffer[0..<count]))) != nil else { return }
        }
        client.shutdownWrite()
    }
}
