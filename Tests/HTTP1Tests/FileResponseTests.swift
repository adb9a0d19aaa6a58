import Foundation
import Glibc
import HTTP1
import Testing

/// Serves `/file` from a file on disk (with `Range`), `/short` as the same file announced
/// 100,000 bytes longer than it is, and refuses `PATCH /refuse` from its head.
struct FileResponder: HTTPResponder {
    let path: String

    func bodyLimit(for head: HTTPRequestHead) -> Int { 1 << 20 }
    func respond(to request: HTTPRequest) -> HTTPResponse {
        if request.head.path == "/memory" {
            // The same bytes as an answer in memory (as a pulled page is).
            return HTTPResponse(status: .ok, body: Array((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()))
        }
        let descriptor = open(path, O_RDONLY)
        var info = stat()
        fstat(descriptor, &info)
        let size = Int64(info.st_size)
        if request.head.path == "/short" {
            var response = HTTPResponse(status: .ok)
            response.file = HTTPFileBody(descriptor: descriptor, offset: 0, length: size + 100_000)
            return response
        }
        switch HTTPByteRange(field: request.head.headers["Range"], size: size) {
        case .whole:
            var response = HTTPResponse(status: .ok)
            response.file = HTTPFileBody(descriptor: descriptor, offset: 0, length: size)
            return response
        case .part(let first, let last):
            var response = HTTPResponse(
                status: .partialContent, headers: HTTPHeaders([("Content-Range", "bytes \(first)-\(last)/\(size)")]))
            response.file = HTTPFileBody(descriptor: descriptor, offset: first, length: last - first + 1)
            return response
        case .unsatisfiable:
            close(descriptor)
            return HTTPResponse(status: .rangeNotSatisfiable)
        }
    }
    func errorBody(status: HTTPStatus, message: String) -> HTTPResponse {
        HTTPResponse(status: status, body: Array(message.utf8))
    }
    func bodyConsumer(for head: HTTPRequestHead, peer: String) throws(HTTPResponseError) -> (any HTTPBodyConsumer)? {
        guard head.path == "/refuse" else { return nil }
        throw HTTPResponseError(
            HTTPResponse(
                status: .conflict, headers: HTTPHeaders([("Upload-Offset", "42")]), body: Array("refused".utf8)))
    }
}

@Suite(.serialized) struct FileResponseTests {
    let bytes: [UInt8] = (0..<700_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }

    func withServer(_ body: (UInt16) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("renkei-file-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("content").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let server = try HTTPServer(configuration: configuration, responder: FileResponder(path: path))
        server.start()
        defer { server.shutdown() }
        try body(server.port)
    }

    /// Splits a raw answer into head and body bytes.
    func split(_ answer: [UInt8]) -> (head: String, body: [UInt8]) {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard let end = (0...(answer.count - 4)).first(where: { Array(answer[$0..<$0 + 4]) == marker }) else {
            return (String(decoding: answer, as: UTF8.self), [])
        }
        return (String(decoding: answer[0..<end], as: UTF8.self), Array(answer[(end + 4)...]))
    }

    func rawExchange(port: UInt16, _ request: String) throws -> [UInt8] {
        let socket = try Socket.connect(host: "127.0.0.1", port: port)
        defer { socket.close() }
        try socket.sendAll(Array(request.utf8))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while try socket.waitReadable(timeoutMilliseconds: 2_000) {
            let count = try socket.receive(into: &buffer)
            if count == 0 { break }
            received += buffer[0..<count]
        }
        return received
    }

    @Test func aFileBodyIsSentWholeWithItsLength() throws {
        try withServer { port in
            let (head, body) = split(
                try rawExchange(port: port, "GET /file HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            #expect(head.hasPrefix("HTTP/1.1 200 OK"))
            #expect(head.contains("Content-Length: 700000"))
            #expect(body == bytes)
        }
    }

    @Test func aRangeSendsExactlyThoseBytes() throws {
        try withServer { port in
            let (head, body) = split(
                try rawExchange(
                    port: port,
                    "GET /file HTTP/1.1\r\nHost: x\r\nRange: bytes=100000-199999\r\nConnection: close\r\n\r\n"))
            #expect(head.hasPrefix("HTTP/1.1 206 Partial Content"))
            #expect(head.contains("Content-Range: bytes 100000-199999/700000"))
            #expect(body == Array(bytes[100_000..<200_000]))
        }
    }

    @Test func aReaderThatGoesAwayMidFileLeavesTheServerServing() throws {
        try withServer { port in
            // Many times: a send into a closed connection must fail that answer (EPIPE), never
            // end the process with SIGPIPE, and the next reader must get the whole file.
            for _ in 0..<20 {
                let socket = try Socket.connect(host: "127.0.0.1", port: port)
                try socket.sendAll(Array("GET /file HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
                var buffer = [UInt8](repeating: 0, count: 1_024)
                _ = try socket.receive(into: &buffer)
                socket.close()
            }
            let (head, body) = split(
                try rawExchange(port: port, "GET /file HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            #expect(head.hasPrefix("HTTP/1.1 200 OK"))
            #expect(body == bytes)
        }
    }

    @Test func aFileShorterThanAnnouncedEndsTheConnectionAtItsEnd() throws {
        try withServer { port in
            // Keep-alive asked for: only the server closing the connection ends the exchange
            // before rawExchange's 2 s of silence.
            let started = ContinuousClock.now
            let (head, body) = split(try rawExchange(port: port, "GET /short HTTP/1.1\r\nHost: x\r\n\r\n"))
            #expect(ContinuousClock.now - started < .milliseconds(1_500))
            #expect(head.contains("Content-Length: 800000"))
            #expect(body == bytes, "every byte the file has, then the end of the connection")
        }
    }

    /// A server with a 32 MiB file (far more than loopback's socket buffers hold, 10 MiB at most), a body timeout of
    /// `timeout` seconds and a pace rule of `pace` bytes/s over `window` seconds for readers.
    func withLargeFile(
        timeout: Double = 1, pace: Double = 65_536, window: Double = 1, _ body: (HTTPServer, Int) throws -> Void
    ) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("renkei-file-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("large").path
        let size = 32 << 20
        try Data(repeating: 0x5A, count: size).write(to: URL(fileURLWithPath: path))
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.bodyTimeoutSeconds = timeout
        configuration.minimumRateWindowSeconds = window
        configuration.minimumBodyBytesPerSecond = pace
        let server = try HTTPServer(configuration: configuration, responder: FileResponder(path: path))
        server.start()
        defer { server.shutdown() }
        try body(server, size)
    }

    /// Waits up to `seconds` for the server to hold no connection.
    func noConnectionLeft(_ server: HTTPServer, within seconds: Int) -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while server.activeConnections > 0 && ContinuousClock.now < deadline { usleep(50_000) }
        return server.activeConnections == 0
    }

    /// Connects, asks for `path` (the file, or `/memory`: the same bytes as an answer in
    /// memory) on a keep-alive connection and reads its first bytes.
    func startDownload(_ server: HTTPServer, path: String = "/file") throws -> Socket {
        let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
        try socket.sendAll(Array("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        var buffer = [UInt8](repeating: 0, count: 1_024)
        _ = try socket.receive(into: &buffer)
        return socket
    }

    /// A reader that asks for a file and then stops reading holds its connection for about the
    /// pace window, not for ever; with no pace rule (a rate of 0) it is still let go after the
    /// body timeout: the pace rule adds to the send timeout, it does not replace it.
    @Test(arguments: [65_536.0, 0])
    func aReaderThatStopsReadingIsLetGo(pace: Double) throws {
        try withLargeFile(timeout: 1, pace: pace) { server, _ in
            let socket = try startDownload(server)
            defer { socket.close() }
            #expect(server.activeConnections == 1)
            #expect(noConnectionLeft(server, within: 8), "the connection was let go")
        }
    }

    /// A reader that keeps reading, but a trickle (each read well within the send timeout), is
    /// cut by the pace rule: before, such readers held their connections for as long as their
    /// files lasted, and 520 of them held every slot of the server. A large answer in memory
    /// (a pulled page) is paced the same way.
    @Test(arguments: ["/file", "/memory"])
    func aTricklingReaderIsCutByThePaceRule(path: String) throws {
        // A send timeout of 5 s: each send completes well within it (the reader's window opens
        // every second or so), so only the pace rule can cut this reader.
        try withLargeFile(timeout: 5) { server, _ in
            let socket = try startDownload(server, path: path)
            defer { socket.close() }
            var buffer = [UInt8](repeating: 0, count: 4_096)
            #expect(server.activeConnections == 1, "the file is being sent")
            let started = ContinuousClock.now
            var cut = false
            // About 40 KiB/s, read steadily for up to 12 s.
            while ContinuousClock.now - started < .seconds(12) {
                if server.activeConnections == 0 {
                    cut = true
                    break
                }
                _ = try? socket.receive(into: &buffer)
                usleep(100_000)
            }
            #expect(cut, "the trickling reader was cut")
            #expect(ContinuousClock.now - started > .milliseconds(900), "not before the pace window had passed")
        }
    }

    /// A slow but honest reader (about 20 KiB/s against a rule of 4 KiB/s) is judged by what it
    /// takes, not by what sits in the kernel's buffers: those fill with megabytes at once, and
    /// counting only what the server handed over saw no progress for long spans and cut it.
    @Test func aSlowButSteadyReaderIsNotCut() throws {
        // Loopback's 64 KiB segments open the reader's window in steps a few seconds apart: a
        // 5 s window sees steady progress where the kernel lets it through.
        try withLargeFile(timeout: 10, pace: 4_096, window: 5) { server, _ in
            let socket = try startDownload(server)
            defer { socket.close() }
            var buffer = [UInt8](repeating: 0, count: 2_048)
            let started = ContinuousClock.now
            while ContinuousClock.now - started < .seconds(9) {
                _ = try socket.receive(into: &buffer)
                usleep(100_000)
            }
            #expect(server.activeConnections == 1, "still being served after 9 s")
        }
    }

    /// A reader at an ordinary pace gets the whole file under the same rule.
    @Test func aReaderAtAnOrdinaryPaceGetsTheWholeFile() throws {
        try withLargeFile { server, size in
            let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
            defer { socket.close() }
            try socket.sendAll(Array("GET /file HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            var received = 0
            while true {
                let count = try socket.receive(into: &buffer)
                if count == 0 { break }
                received += count
            }
            #expect(received > size, "the head and all \(size) bytes arrived (\(received))")
        }
    }

    @Test func headSendsTheFieldsWithoutTheBody() throws {
        try withServer { port in
            let (head, body) = split(
                try rawExchange(port: port, "HEAD /file HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            #expect(head.contains("Content-Length: 700000"))
            #expect(body.isEmpty)
        }
    }

    @Test func aConsumerRefusedFromTheHeadAnswersBeforeTheBodyIsSent() throws {
        try withServer { port in
            // With Expect: 100-continue the client waits: the refusal must come instead of 100.
            let answer = String(
                decoding: try rawExchange(
                    port: port,
                    "PATCH /refuse HTTP/1.1\r\nHost: x\r\nContent-Length: 500000\r\nExpect: 100-continue\r\n\r\n"),
                as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 409 Conflict"))
            #expect(!answer.contains("100 Continue"))
            #expect(answer.contains("Upload-Offset: 42") && answer.hasSuffix("refused"))
        }
    }

    @Test func rangeFieldsAreReadAsRFC9110Says() {
        #expect(HTTPByteRange(field: nil, size: 100) == .whole)
        #expect(HTTPByteRange(field: "bytes=0-9", size: 100) == .part(first: 0, last: 9))
        #expect(HTTPByteRange(field: "bytes=90-", size: 100) == .part(first: 90, last: 99))
        #expect(HTTPByteRange(field: "bytes=90-500", size: 100) == .part(first: 90, last: 99))
        #expect(HTTPByteRange(field: "bytes=-10", size: 100) == .part(first: 90, last: 99))
        #expect(HTTPByteRange(field: "bytes=-500", size: 100) == .part(first: 0, last: 99))
        #expect(HTTPByteRange(field: "bytes=100-", size: 100) == .unsatisfiable)
        #expect(HTTPByteRange(field: "bytes=0-", size: 0) == .unsatisfiable)
        #expect(HTTPByteRange(field: "bytes=-0", size: 100) == .unsatisfiable)
        // Ignored (whole representation): bad syntax, several ranges, other units, reversed.
        #expect(HTTPByteRange(field: "bytes=a-b", size: 100) == .whole)
        #expect(HTTPByteRange(field: "bytes=0-1,5-6", size: 100) == .whole)
        #expect(HTTPByteRange(field: "items=0-1", size: 100) == .whole)
        #expect(HTTPByteRange(field: "bytes=9-1", size: 100) == .whole)
        #expect(HTTPByteRange(field: "bytes=-", size: 100) == .whole)
        #expect(HTTPByteRange(field: "bytes=+5-", size: 100) == .whole)
        #expect(HTTPByteRange(field: "bytes= 5-", size: 100) == .whole)
        // Positions too large for 64 bits are still positions (`1*DIGIT`): past any end.
        #expect(HTTPByteRange(field: "bytes=99999999999999999999-", size: 100) == .unsatisfiable)
        #expect(HTTPByteRange(field: "bytes=9223372036854775807-", size: 100) == .unsatisfiable)
        #expect(HTTPByteRange(field: "bytes=0-99999999999999999999", size: 100) == .part(first: 0, last: 99))
        #expect(HTTPByteRange(field: "bytes=-99999999999999999999", size: 100) == .part(first: 0, last: 99))
    }

    @Test func httpNumbersAreDigitsOnly() {
        #expect(HTTPDigits.value("0") == 0)
        #expect(HTTPDigits.value("4096") == 4_096)
        #expect(HTTPDigits.value("99999999999999999999") == .max)
        for refused in ["", "-0", "+5", " 5", "5 ", "0x10", "1e3", "５"] {
            #expect(HTTPDigits.value(refused[...]) == nil, "\(refused)")
        }
    }
}
