import Foundation
import Glibc
import HTTP1
import Testing

/// A responder for tests: `/slow` sleeps 500 ms; everything else echoes the body length.
struct EchoResponder: HTTPResponder {
    func bodyLimit(for head: HTTPRequestHead) -> Int { 1_024 }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        if request.head.path == "/slow" { usleep(500_000) }
        return HTTPResponse(status: .ok, body: Array("got \(request.body.count)".utf8))
    }

    func errorBody(status: HTTPStatus, message: String) -> HTTPResponse {
        HTTPResponse(status: status, body: Array(message.utf8))
    }
}

/// Sends `request` on a new connection and reads until the server closes or `wait` passes.
func exchange(port: UInt16, _ request: String, wait: Double = 2) throws -> String {
    let socket = try Socket.connect(host: "127.0.0.1", port: port)
    defer { socket.close() }
    try socket.sendAll(Array(request.utf8))
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4_096)
    let deadline = Date().addingTimeInterval(wait)
    while Date() < deadline {
        guard try socket.waitReadable(timeoutMilliseconds: 50) else { continue }
        var count = 0
        do {
            count = try socket.receive(into: &buffer)
        } catch {
            // The answer came, then the connection ended: a reset ends it too.
            guard error.isDisconnect && !received.isEmpty else { throw error }
        }
        if count == 0 { break }
        received += buffer[0..<count]
    }
    return String(decoding: received, as: UTF8.self)
}

/// The project's server with `EchoResponder` on a free port, started; `configure` sets limits.
func echoServer(_ configure: (inout HTTPServerConfiguration) -> Void = { _ in }) throws -> HTTPServer {
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configure(&configuration)
    let server = try HTTPServer(configuration: configuration, responder: EchoResponder())
    server.start()
    return server
}

@Suite(.serialized) struct HTTPServerTests {
    func server(_ configure: (inout HTTPServerConfiguration) -> Void = { _ in }) throws -> HTTPServer {
        try echoServer(configure)
    }

    @Test func servesKeepAliveAndPipelinedRequests() throws {
        let server = try server()
        defer { server.shutdown() }
        let answer = try exchange(
            port: server.port,
            "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        #expect(answer.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
        #expect(answer.contains("got 3") && answer.contains("Connection: close"))
    }

    @Test func declaredBodyOverTheLimitIs413WithoutReadingIt() throws {
        let server = try server()
        defer { server.shutdown() }
        let answer = try exchange(port: server.port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n")
        #expect(answer.hasPrefix("HTTP/1.1 413 Content Too Large"))
        #expect(answer.contains("Connection: close"))
    }

    /// A client that starts a chunk size line and never ends it is answered 400 within a few
    /// kilobytes, while it keeps sending: an attack review held 1 GB of server memory per
    /// connection this way (the line was buffered whole, and the pace rule only cuts a client
    /// that slows down).
    @Test func aChunkSizeLineThatNeverEndsIsAnswered400WhileItIsSent() throws {
        let server = try server()
        defer { server.shutdown() }
        let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
        defer { socket.close() }
        try socket.sendAll(Array("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2;".utf8))
        let letters = [UInt8](repeating: UInt8(ascii: "a"), count: 16_384)
        var sent = 0
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while sent < 64 << 20 && received.isEmpty {
            do {
                try socket.sendAll(letters)
            } catch {
                guard error.isDisconnect else { throw error }
                break  // closed after its answer: read it below
            }
            sent += letters.count
            if try socket.waitReadable(timeoutMilliseconds: sent < 1 << 20 ? 5 : 50) {
                let count = try socket.receive(into: &buffer)
                received += buffer[0..<count]
            }
        }
        if try received.isEmpty && socket.waitReadable(timeoutMilliseconds: 1_000) {
            let count = try socket.receive(into: &buffer)
            received += buffer[0..<count]
        }
        let answer = String(decoding: received, as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request"), "\(answer)")
        #expect(sent <= 1 << 20, "answered after \(sent) bytes of the line")
    }

    @Test func expectContinueGets100ThenTheAnswer() throws {
        let server = try server()
        defer { server.shutdown() }
        let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
        defer { socket.close() }
        try socket.sendAll(
            Array("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        var buffer = [UInt8](repeating: 0, count: 1_024)
        #expect(try socket.waitReadable(timeoutMilliseconds: 2_000))
        let count = try socket.receive(into: &buffer)
        #expect(String(decoding: buffer[0..<count], as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
        try socket.sendAll(Array("hi".utf8))
        #expect(try socket.waitReadable(timeoutMilliseconds: 2_000))
        let rest = try socket.receive(into: &buffer)
        #expect(String(decoding: buffer[0..<rest], as: UTF8.self).contains("got 2"))
    }

    @Test func aClientThatNeverFinishesItsHeadIsCutOff() throws {
        let server = try server { $0.headerTimeoutSeconds = 0.3 }
        defer { server.shutdown() }
        let started = Date()
        let answer = try exchange(port: server.port, "GET / HTTP/1.1\r\nHost: x\r\n", wait: 3)
        #expect(answer.hasPrefix("HTTP/1.1 408"))
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func idleKeepAliveConnectionsAreClosed() throws {
        let server = try server { $0.idleTimeoutSeconds = 0.3 }
        defer { server.shutdown() }
        var started = Date()
        let request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
        var answer: String
        do {
            answer = try exchange(port: server.port, request, wait: 3)
        } catch let error as SocketError where error.isDisconnect {
            // Reset before any byte: under the full suite's load a new connection can meet a
            // 4-tuple the kernel still holds from an earlier test (seen twice in ~400 runs). Once more.
            started = Date()
            answer = try exchange(port: server.port, request, wait: 3)
        }
        #expect(answer.contains("got 0"))
        #expect(Date().timeIntervalSince(started) < 2, "closed by the server after the idle timeout")
    }

    @Test func connectionsOverTheCapGet503() throws {
        let server = try server { $0.maxConnections = 2 }
        defer { server.shutdown() }
        // Two requests in progress (each takes 500 ms): nothing can be made room for.
        let held = try (0..<2).map { _ in try Socket.connect(host: "127.0.0.1", port: server.port) }
        defer { held.forEach { $0.close() } }
        for socket in held { try socket.sendAll(Array("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".utf8)) }
        usleep(100_000)
        let answer = try exchange(port: server.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", wait: 0.3)
        #expect(answer.hasPrefix("HTTP/1.1 503 Service Unavailable"))
        #expect(answer.contains("Retry-After: 1"))
    }

    @Test func clientsThatNeverSendAHeadAreClosedToMakeRoom() throws {
        var judged = false
        for _ in 0..<3 where !judged {
            judged = try silentClientsMakeRoomOnceTheyHaveWaited()
        }
        #expect(judged, "the machine held the early newcomer past the eviction delay in all three runs")
    }

    /// One run of the slowloris scenario. Returns false, having judged nothing, when the early
    /// newcomer's answer came a second or more after the silent clients connected: the server
    /// could then rightly close one for it (CI saw this once, the whole suite running on 2 cores).
    private func silentClientsMakeRoomOnceTheyHaveWaited() throws -> Bool {
        // A second, not less: the refusal of the early newcomer below must hold on a busy
        // machine too (with 0.3 s it was served once while other suites moved 64 MiB files).
        let evictionDelay = 1.0
        let server = try server {
            $0.maxConnections = 2
            $0.evictableAfterSeconds = evictionDelay
        }
        defer { server.shutdown() }
        // Before the connects, so the server's own clock for them starts later than this one.
        let connected = Date()
        // Two connections that never finish their head (slowloris) fill the server...
        let silent = try (0..<2).map { _ in try Socket.connect(host: "127.0.0.1", port: server.port) }
        defer { silent.forEach { $0.close() } }
        try silent[0].sendAll(Array("GET / HTT".utf8))
        var waited = 0
        while server.activeConnections < 2 && waited < 100 {
            usleep(10_000)
            waited += 1
        }
        // ...a moment after they connected they might be clients sending their requests: a
        // newcomer is refused rather than one of them closed...
        let early = try exchange(port: server.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", wait: 0.2)
        guard Date().timeIntervalSince(connected) < evictionDelay else { return false }
        #expect(early.hasPrefix("HTTP/1.1 503 Service Unavailable"), "\(early)")
        usleep(1_050_000)
        // ...but once they have waited, a real client is served: the one that waited longest is closed.
        let answer = try exchange(port: server.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", wait: 1)
        #expect(answer.hasPrefix("HTTP/1.1 200 OK"), "\(answer)")
        var buffer = [UInt8](repeating: 0, count: 16)
        var closed = false
        do {
            closed = try silent[0].waitReadable(timeoutMilliseconds: 1_000) && silent[0].receive(into: &buffer) == 0
        } catch let error as SocketError where error.isDisconnect {
            closed = true  // closed by the server with a reset: closed all the same
        }
        #expect(closed, "the silent client that waited longest was closed")
        return true
    }

    /// Clients that got an error answer and keep sending (a refused body) are read and dropped
    /// for a while so that they see the answer, but they are the first to make room: they
    /// cannot keep another client out (an attack review held 3 of 16 syncs out with them).
    @Test func lingeringClientsMakeRoomForANewcomerAtOnce() throws {
        let server = try server {
            $0.maxConnections = 2
            $0.evictableAfterSeconds = 30
        }
        defer { server.shutdown() }
        let refused = try (0..<2).map { _ in try Socket.connect(host: "127.0.0.1", port: server.port) }
        defer { refused.forEach { $0.close() } }
        var buffer = [UInt8](repeating: 0, count: 4096)
        for socket in refused {
            try socket.sendAll(Array("GET / HTTP/1.1\r\nHost: x\r\nBad Field\r\n\r\n".utf8))
            #expect(try socket.waitReadable(timeoutMilliseconds: 2_000))
            let count = try socket.receive(into: &buffer)
            #expect(String(decoding: buffer[0..<count], as: UTF8.self).hasPrefix("HTTP/1.1 400"))
            try socket.sendAll(Array(repeating: 0x61, count: 10))  // still sending: the server lingers
        }
        #expect(server.activeConnections == 2)
        let answer = try exchange(port: server.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", wait: 1)
        #expect(answer.hasPrefix("HTTP/1.1 200 OK"), "served at once, not refused: \(answer)")
    }

    @Test func shutdownFinishesInFlightRequestsAndRefusesNewOnes() throws {
        let server = try server()
        let port = server.port
        let result = SendableBox()
        let client = Thread {
            result.set(try? exchange(port: port, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n", wait: 3))
        }
        client.start()
        usleep(150_000)  // the request is in flight
        server.shutdown()
        #expect(server.activeConnections == 0)
        while client.isExecuting { usleep(10_000) }
        let answer = result.get() ?? ""
        #expect(answer.hasPrefix("HTTP/1.1 200 OK"), "the in-flight request completed: \(answer)")
        #expect(answer.contains("Connection: close"))
        #expect(throws: SocketError.self) { try Socket.connect(host: "127.0.0.1", port: port) }
    }
}

/// A value handed from a test thread back to the test.
final class SendableBox: @unchecked Sendable {
    // Safe: every access goes through `lock`.
    private let lock = NSLock()
    private var value: String?
    func set(_ new: String?) {
        lock.lock()
        value = new
        lock.unlock()
    }
    func get() -> String? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

@Suite struct SocketAddressTests {
    @Test func listensAndConnectsOnIPv4AndIPv6Loopback() throws {
        for host in ["127.0.0.1", "::1"] {
            let listener = try Socket.listen(host: host, port: 0)
            defer { listener.close() }
            let client = try Socket.connect(host: host, port: try listener.localPort())
            defer { client.close() }
            let (accepted, peer) = try listener.accept()
            accepted.close()
            #expect(peer.hasPrefix(host == "::1" ? "[::1]:" : "127.0.0.1:"))
        }
        #expect(throws: SocketError.self) { try Socket.listen(host: "localhost.invalid", port: 0) }
    }
}
