import Foundation
import Glibc
import HTTP1
import Synchronization
import Testing

/// Records what a streaming consumer saw.
final class UploadLog: Sendable {
    let received = Mutex(0)
    let largestPiece = Mutex(0)
    let aborted = Mutex(false)
}

final class CountingConsumer: HTTPBodyConsumer {
    let log: UploadLog
    /// Refuse with 409 once this many bytes arrived (nil: never).
    let refuseAfter: Int?

    init(log: UploadLog, refuseAfter: Int?) {
        self.log = log
        self.refuseAfter = refuseAfter
    }

    func receive(_ piece: [UInt8]) throws {
        let total = log.received.withLock { total in
            total += piece.count
            return total
        }
        log.largestPiece.withLock { $0 = max($0, piece.count) }
        if let refuseAfter, total > refuseAfter {
            throw HTTPResponseError(HTTPResponse(status: .conflict, body: Array("stop at \(refuseAfter)".utf8)))
        }
    }

    func finish() -> HTTPResponse {
        HTTPResponse(status: .ok, body: Array("stored \(log.received.withLock { $0 })".utf8))
    }

    func abort() { log.aborted.withLock { $0 = true } }
}

struct UploadResponder: HTTPResponder {
    let log: UploadLog
    var refuseAfter: Int?

    func bodyLimit(for head: HTTPRequestHead) -> Int { 64 << 20 }
    func respond(to request: HTTPRequest) -> HTTPResponse { HTTPResponse(status: .ok, body: Array("buffered".utf8)) }
    func errorBody(status: HTTPStatus, message: String) -> HTTPResponse {
        HTTPResponse(status: status, body: Array(message.utf8))
    }
    func bodyConsumer(for head: HTTPRequestHead, peer: String) -> (any HTTPBodyConsumer)? {
        head.path == "/upload" ? CountingConsumer(log: log, refuseAfter: refuseAfter) : nil
    }
}

@Suite(.serialized) struct StreamingBodyTests {
    func start(_ responder: UploadResponder) throws -> HTTPServer {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.bodyTimeoutSeconds = 1
        let server = try HTTPServer(configuration: configuration, responder: responder)
        server.start()
        return server
    }

    @Test func aLargeBodyArrivesInBoundedPiecesAndIsNeverBuffered() throws {
        let log = UploadLog()
        let server = try start(UploadResponder(log: log))
        defer { server.shutdown() }
        let size = 20 << 20
        let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
        defer { socket.close() }
        try socket.sendAll(
            Array("PATCH /upload HTTP/1.1\r\nHost: x\r\nContent-Length: \(size)\r\nConnection: close\r\n\r\n".utf8))
        let chunk = [UInt8](repeating: 0x5A, count: 1 << 20)
        for _ in 0..<20 { try socket.sendAll(chunk) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while try socket.waitReadable(timeoutMilliseconds: 3_000), case let count = try socket.receive(into: &buffer),
            count > 0
        {
            answer += buffer[0..<count]
        }
        let text = String(decoding: answer, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 OK") && text.hasSuffix("stored \(size)"))
        #expect(log.largestPiece.withLock { $0 } <= 64 * 1024, "pieces are at most the read buffer")
        #expect(!log.aborted.withLock { $0 })
    }

    @Test func theConsumerCanRefuseMidwayWithItsOwnResponse() throws {
        let log = UploadLog()
        let server = try start(UploadResponder(log: log, refuseAfter: 100_000))
        defer { server.shutdown() }
        let answer = try exchange(
            port: server.port,
            "PATCH /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 300000\r\n\r\n"
                + String(repeating: "a", count: 300_000))
        #expect(answer.hasPrefix("HTTP/1.1 409 Conflict") && answer.hasSuffix("stop at 100000"))
        #expect(log.aborted.withLock { $0 })
    }

    @Test func aClientThatLeavesMidBodyAbortsTheUpload() throws {
        let log = UploadLog()
        let server = try start(UploadResponder(log: log))
        defer { server.shutdown() }
        do {
            let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
            try socket.sendAll(
                Array("PATCH /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n".utf8)
                    + [UInt8](repeating: 1, count: 5_000))
            usleep(100_000)
            socket.close()
        }
        var waited = 0
        while !log.aborted.withLock({ $0 }) && waited < 200 {
            usleep(10_000)
            waited += 1
        }
        #expect(log.aborted.withLock { $0 })
        #expect(log.received.withLock { $0 } == 5_000)
    }

    @Test func otherPathsStillGetBufferedBodies() throws {
        let server = try start(UploadResponder(log: UploadLog()))
        defer { server.shutdown() }
        let answer = try exchange(
            port: server.port, "POST /other HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc")
        #expect(answer.hasSuffix("buffered"))
    }

    @Test func aBodyTrickledSlowerThanTheMinimumRateIsCutOff() throws {
        let log = UploadLog()
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.minimumRateGraceSeconds = 0.5
        configuration.minimumBodyBytesPerSecond = 1_000
        let server = try HTTPServer(configuration: configuration, responder: UploadResponder(log: log))
        server.start()
        defer { server.shutdown() }
        /// Ten bytes every 100 ms (100 bytes per second, never silent for long) until an answer.
        func trickle() throws -> (answer: String, seconds: Double) {
            let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
            defer { socket.close() }
            try socket.sendAll(Array("PATCH /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n".utf8))
            let started = Date()
            var answer: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while answer.isEmpty && Date().timeIntervalSince(started) < 5 {
                try? socket.sendAll([UInt8](repeating: 0x61, count: 10))
                if try socket.waitReadable(timeoutMilliseconds: 100) {
                    let count = try socket.receive(into: &buffer)
                    if count == 0 { break }
                    answer += buffer[0..<count]
                }
            }
            return (String(decoding: answer, as: UTF8.self), Date().timeIntervalSince(started))
        }
        var result: (answer: String, seconds: Double)
        do {
            result = try trickle()
        } catch let error as SocketError where error.isDisconnect {
            // The answer is sent before a 2 s lingering close; a client thread the full suite's
            // load kept from running that long meets the close's reset first (seen once in
            // about 400 runs). Once more.
            result = try trickle()
        }
        #expect(result.answer.hasPrefix("HTTP/1.1 408"), "\(result.answer)")
        #expect(result.seconds < 2)
        #expect(log.aborted.withLock { $0 }, "the consumer learns the upload broke off")
    }
}
