import Foundation
import Glibc
import HTTP1
import Synchronization

/// A loopback TCP relay in front of the server. It counts the connections it carries (a client
/// configured with it as its HTTP proxy sends every request through it), and throws away the
/// server's answer on the first `dropCount` connections: the server has done the work, the
/// client never hears about it (a reply lost on the way back).
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
            let drop = remainingDrops.withLock { count -> Bool in
                defer { count = max(0, count - 1) }
                return count > 0
            }
            Thread.detachNewThread { [self] in relay(client, dropAnswer: drop) }
        }
    }

    private func relay(_ client: Socket, dropAnswer: Bool) {
        guard let upstream = try? Socket.connect(host: "127.0.0.1", port: upstreamPort) else {
            client.close()
            return
        }
        Thread.detachNewThread {
            Self.pump(from: client, to: upstream)
            upstream.shutdown()
        }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while let count = try? upstream.receive(into: &buffer), count > 0 {
            if dropAnswer {
                dropped.withLock { $0 += 1 }
                break
            }
            guard (try? client.sendAll(Array(buffer[0..<count]))) != nil else { break }
        }
        client.shutdown()
        client.close()
        upstream.close()
    }

    private static func pump(from source: Socket, to destination: Socket) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while let count = try? source.receive(into: &buffer), count > 0 {
            guard (try? destination.sendAll(Array(buffer[0..<count]))) != nil else { return }
        }
    }
}
