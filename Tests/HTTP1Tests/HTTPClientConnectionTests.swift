import Foundation
import Glibc
import HTTP1
import Testing

/// A loopback listener that accepts one connection and plays `script`: for each step it reads
/// one request head (up to the blank line, bodies are not expected), then writes the answer;
/// after the last step it closes the connection (or keeps it open, never answering, when
/// `silentAfterwards`).
final class ScriptedServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Socket

    init(script: [String], silentAfterwards: Bool = false) throws {
        listener = try Socket.listen(host: "127.0.0.1", port: 0)
        port = try listener.localPort()
        let listener = self.listener
        Thread.detachNewThread {
            guard let (client, _) = try? listener.accept() else { return }
            var buffer = [UInt8](repeating: 0, count: 4_096)
            var received: [UInt8] = []
            for answer in script {
                while !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") {
                    guard let count = try? client.receive(into: &buffer), count > 0 else { return client.close() }
                    received += buffer[0..<count]
                }
                let text = String(decoding: received, as: UTF8.self)
                received = Array(text[text.range(of: "\r\n\r\n")!.upperBound...].utf8)
                try? client.sendAll(Array(answer.utf8))
            }
            if silentAfterwards {
                usleep(3_000_000)
            }
            client.close()
        }
    }

    deinit {
        listener.shutdown()
        listener.close()
    }
}

@Suite(.serialized) struct HTTPClientConnectionTests {
    @Test func requestsShareOneConnectionAndBodiesArrive() throws {
        let server = try echoServer()
        defer { server.shutdown() }
        let connection = try HTTPClientConnection(host: "localhost", port: server.port, timeout: 5)
        for size in [0, 1, 1_000] {
            let answer = try connection.send(
                method: "POST", target: "/echo", headers: [("X-Test", "1")], body: Data(count: size))
            #expect(answer.status == 200 && String(decoding: answer.body, as: UTF8.self) == "got \(size)")
            #expect(connection.isReusable)
        }
        #expect(connection.answeredCount == 3)
    }

    /// Bytes a server sends past a whole answer are no answer to the next request: the
    /// connection is not used again. (The body is read straight into its buffer, never past its
    /// end, so the bytes after it still wait on the socket.)
    @Test func bytesPastAnAnswerMakeTheConnectionUnfitForTheNext() throws {
        let body = String(repeating: "a", count: 200_000)
        let forged = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-5/6\r\nContent-Length: 6\r\n\r\nforged"
        let server = try ScriptedServer(
            script: ["HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)\(forged)"],
            silentAfterwards: true)
        let connection = try HTTPClientConnection(host: "127.0.0.1", port: server.port, timeout: 2)
        let answer = try connection.send(method: "GET", target: "/v1/blobs/x")
        #expect(answer.status == 200 && answer.body.count == 200_000)
        #expect(connection.isReusable == false, "what followed the answer must not answer the next request")
    }

    /// A server that begins its answer and then trickles it (a byte every 100 ms, each well
    /// within the timeout) is given up on by the pace rule, not waited for to the end.
    @Test func aTricklingAnswerIsGivenUpOn() throws {
        let listener = try Socket.listen(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        let port = try listener.localPort()
        Thread.detachNewThread {
            guard let (client, _) = try? listener.accept() else { return }
            var buffer = [UInt8](repeating: 0, count: 4_096)
            _ = try? client.receive(into: &buffer)
            try? client.sendAll(Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".utf8))
            for _ in 0..<100 {
                usleep(100_000)
                guard (try? client.sendAll([0x61])) != nil else { break }
            }
            client.close()
        }
        let connection = try HTTPClientConnection(host: "127.0.0.1", port: port, timeout: 5)
        connection.minimumAnswerRate = (bytesPerSecond: 1_000, seconds: 1)
        let started = ContinuousClock.now
        #expect(throws: HTTPClientError.tooSlow(bytesPerSecond: 1_000, seconds: 1)) {
            _ = try connection.send(method: "GET", target: "/v1/blobs/x")
        }
        #expect(ContinuousClock.now - started < .seconds(8), "given up on after the pace window, not after 10 s")
        #expect(connection.isReusable == false)
    }

    @Test func anEarlyAnswerToALargeBodyIsHeard() throws {
        let server = try echoServer()
        defer { server.shutdown() }
        let connection = try HTTPClientConnection(host: "127.0.0.1", port: server.port, timeout: 5)
        let answer = try connection.send(method: "POST", target: "/echo", body: Data(count: 8 << 20))
        #expect(answer.status == 413)
        #expect(connection.isReusable == false)
    }

    @Test func aServerThatNeverAnswersCostsNoCPUAndTimesOut() throws {
        let server = try ScriptedServer(script: [], silentAfterwards: true)
        let connection = try HTTPClientConnection(host: "127.0.0.1", port: server.port, timeout: 1)
        var before = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &before)
        #expect(throws: HTTPClientError.timedOut(seconds: 1)) {
            _ = try connection.send(method: "GET", target: "/v1/pull")
        }
        var after = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &after)
        let cpuSeconds = Double(after.tv_sec - before.tv_sec) + Double(after.tv_nsec - before.tv_nsec) / 1e9
        // A polling client (URLSession/libcurl on Linux) spends most of the wait on the CPU.
        #expect(cpuSeconds < 0.1, "the waiting thread used \(cpuSeconds) s of CPU in a 1 s wait")
    }

    @Test func anIdleConnectionTheServerClosedSaysNothingArrived() throws {
        let server = try ScriptedServer(script: ["HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"])
        let connection = try HTTPClientConnection(host: "127.0.0.1", port: server.port, timeout: 5)
        #expect(try connection.send(method: "GET", target: "/a").status == 200)
        usleep(100_000)
        #expect(throws: HTTPClientError.closed(receivedNothing: true)) {
            _ = try connection.send(method: "GET", target: "/b")
        }
    }

    @Test func refusedConnectionsAndUnsafeFieldsAreClearErrors() throws {
        let listener = try Socket.listen(host: "127.0.0.1", port: 0)
        let port = try listener.localPort()
        listener.close()
        #expect(throws: HTTPClientError.cannotConnect("127.0.0.1:\(port)", reason: "Connection refused")) {
            _ = try HTTPClientConnection(host: "127.0.0.1", port: port, timeout: 1)
        }
        let server = try ScriptedServer(script: [])
        let connection = try HTTPClientConnection(host: "127.0.0.1", port: server.port, timeout: 1)
        #expect(throws: HTTPClientError.invalidRequest("bad header field X")) {
            _ = try connection.send(method: "GET", target: "/", headers: [("X", "a\r\nInjected: yes")])
        }
    }
}
