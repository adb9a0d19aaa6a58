import Foundation
import Glibc
import HTTP1
import Synchronization

/// A loopback TCP relay in front of the server. It counts the connections it carries (a client
/// configured with it as its HTTP proxy sends every request through it), and throws away the
/// server's answer to the first `dropCount` pushes (`POST /v1/push`): the server has done the
/// work, the client never hears about it (a reply lost on the way back).
public final class TCPRelay: Sendable {
    private let listener: Socket
    public let port: UInt16
    private let upstreamPort: UInt16
    private let remainingDrops: Mutex<Int>
    /// Answers thrown away so far.
    public let dropped = Mutex(0)
    /// Connections relayed so far.
    public let connections = Mutex(0)

    public init(upstreamPort: UInt16, dropCount: Int = 0) throws {
        listener = try Socket.listen(host: "127.0.0.1", port: 0)
        port = try listener.localPort()
        self.upstreamPort = upstreamPort
        remainingDrops = Mutex(dropCount)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    public var url: String { "http://127.0.0.1:\(port)" }

    private func acceptLoop() {
        while let (client, _) = try? listener.accept() {
            connections.withLock { $0 += 1 }
            Thread.detachNewThread { [self] in relay(client) }
        }
    }

    private func relay(_ client: Socket) {
        guard let upstream = try? Socket.connect(host: "127.0.0.1", port: upstreamPort) else {
            client.close()
            return
        }
        // Set once a push request went up this connection: its answer is the one to drop.
        let sawPush = Mutex(false)
        // The pump uses both sockets until it signals; they are closed only after that (a
        // descriptor closed early may be reused by another test's socket).
        let pumped = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            Self.pump(from: client, to: upstream) { bytes in
                if bytes.firstRange(of: Array("POST /v1/push".utf8)) != nil { sawPush.withLock { $0 = true } }
            }
            upstream.shutdown()
            pumped.signal()
        }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while let count = try? upstream.receive(into: &buffer), count > 0 {
            if sawPush.withLock({ $0 }),
                remainingDrops.withLock({ count -> Bool in
                    defer { count = max(0, count - 1) }
                    return count > 0
                })
            {
                dropped.withLock { $0 += 1 }
                break
            }
            guard (try? client.sendAll(Array(buffer[0..<count]))) != nil else { break }
        }
        client.shutdown()
        upstream.shutdown()
        pumped.wait()
        client.close()
        upstream.close()
    }

    private static func pump(from source: Socket, to destination: Socket, seen: ([UInt8]) -> Void = { _ in }) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while let count = try? source.receive(into: &buffer), count > 0 {
            let bytes = Array(buffer[0..<count])
            seen(bytes)
            guard (try? destination.sendAll(bytes)) != nil else { return }
        }
    }
}
