import Foundation
import Glibc
import HTTP1
import Synchronization
import TestSupport
import Testing

/// Slots and bodies against the real `renkei-server`: tokens are checked from the head before
/// a body byte is read, bad tokens are throttled with 429 instead of a sleeping thread, bodies
/// are held to a rate over a sliding window, one address cannot hold every slot, and HTTP/1.0
/// with a chunked body is never kept alive.
@Suite(.serialized) struct AdmissionEndToEndTests {
    typealias Seen = ConnectionTranscript

    /// Reads `socket` until the server closes it or `wait` seconds pass.
    static func read(_ socket: Socket, wait: Double) -> Seen { ConnectionTranscript.read(socket, wait: wait) }

    /// One request on a new connection from `source` (a loopback address), read until the
    /// server closes or `wait` passes.
    static func request(_ port: UInt16, _ text: String, from source: String = "127.0.0.1", wait: Double = 2) throws
        -> Seen
    {
        let socket = try Socket.connect(host: "127.0.0.1", port: port, from: source)
        defer { socket.close() }
        try socket.sendAll(Array(text.utf8))
        return read(socket, wait: wait)
    }

    static func pushHead(token: String?, length: Int, expectContinue: Bool = false) -> String {
        "POST /v1/push HTTP/1.1\r\nHost: r\r\nContent-Type: application/json\r\n"
            + (token.map { "Authorization: Bearer \($0)\r\n" } ?? "")
            + (expectContinue ? "Expect: 100-continue\r\n" : "") + "Content-Length: \(length)\r\n\r\n"
    }

    static let badToken = "rk_" + String(repeating: "0", count: 64)

    @Test func aPushWithoutATokenIsRefusedBeforeItsBodyAndHoldsNoSlot() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let token = try server.token(for: "tanaka", role: "staff", scope: "271004")

        // The head alone, waiting for `100 Continue` before sending 8 MiB: 401 comes instead,
        // before any byte of the body was sent, and the connection closes.
        let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
        try socket.sendAll(Array(Self.pushHead(token: nil, length: 8 << 20, expectContinue: true).utf8))
        let refused = Self.read(socket, wait: 3)
        socket.close()
        #expect(refused.status == 401 && refused.text.contains(#""code":"unauthorized""#), "\(refused.text)")
        #expect(!refused.text.contains("100 Continue"))
        #expect((refused.firstByteAfter ?? 9) < 0.5)
        #expect(refused.closedAfter != nil, "closed by the server, the body never asked for")

        // The attack of the review: front-load 1 MiB of an 8 MiB body. Refused from the head, and
        // the connection is closed within the short drain instead of held for hours.
        let attacker = try Socket.connect(host: "127.0.0.1", port: server.port, from: "127.0.0.5")
        let started = Date()
        try? attacker.sendAll(Array(Self.pushHead(token: Self.badToken, length: 8 << 20).utf8))
        try? attacker.sendAll([UInt8](repeating: 0x7B, count: 1 << 20))
        let cut = Self.read(attacker, wait: 5)
        attacker.close()
        let held = Date().timeIntervalSince(started)
        print("unauthenticated push front-loading 1 MiB: answered \(cut.status), closed after \(held) s")
        #expect(cut.status == 401)
        #expect(cut.closedAfter != nil && held < 2, "held \(held) s")

        // Twenty clients without a token waiting to send their bodies hold nothing: each is
        // answered and closed, and an honest push goes through.
        let waiting = try (0..<20).map { index in
            try Socket.connect(host: "127.0.0.1", port: server.port, from: "127.0.1.\(index + 1)")
        }
        defer { waiting.forEach { $0.close() } }
        for client in waiting {
            try client.sendAll(Array(Self.pushHead(token: nil, length: 8 << 20, expectContinue: true).utf8))
        }
        let closed = waiting.filter { Self.read($0, wait: 2).closedAfter != nil }.count
        #expect(closed == 20, "\(closed) of 20 closed by the server")
        let honest = HTTPTestClient(port: server.port, token: token)
        #expect(try honest.send("GET", "/v1/pull").status == 200)
        #expect(server.logShows("status=401"), "the refusals are logged")
    }

    @Test func aValidTokensBodyThatFrontLoadsThenTricklesIsCutWithinTheWindow() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let token = try server.token(for: "tanaka", role: "staff", scope: "271004")
        let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
        defer { socket.close() }
        try socket.sendAll(Array(Self.pushHead(token: token, length: 8 << 20).utf8))
        try socket.sendAll([UInt8](repeating: 0x20, count: 1 << 20))
        let started = Date()
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        // 4 bytes a second: the average over the whole body stays above 1 KiB/s for 17 minutes.
        while answer.isEmpty && Date().timeIntervalSince(started) < 20 {
            try? socket.sendAll(Array("    ".utf8))
            if try socket.waitReadable(timeoutMilliseconds: 1_000) {
                let count = try socket.receive(into: &buffer)
                if count == 0 { break }
                answer += buffer[0..<count]
            }
        }
        let seconds = Date().timeIntervalSince(started)
        print("renkei-server: 1 MiB then 4 bytes/s cut after \(String(format: "%.1f", seconds)) s (window 10 s)")
        #expect(String(decoding: answer, as: UTF8.self).hasPrefix("HTTP/1.1 408"))
        #expect(seconds < 13, "took \(seconds) s")
    }

    @Test func badTokensGet429AtOnceAndNobodyIsLockedOut() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let tanaka = try server.token(for: "tanaka", role: "staff", scope: "271004")
        let sato = try server.token(for: "sato", role: "staff", scope: "271004")
        let good = HTTPTestClient(port: server.port, token: tanaka)
        #expect(try good.send("GET", "/v1/pull").status == 200, "tanaka's token has worked from 127.0.0.1")

        let bad = HTTPTestClient(port: server.port, token: Self.badToken)
        var answers: [HTTPTestClient.Answer] = []
        var times: [Double] = []
        for _ in 0..<6 {
            let started = Date()
            answers.append(try bad.send("GET", "/v1/pull"))
            times.append(Date().timeIntervalSince(started))
        }
        print("bad token answers: \(answers.map(\.status)) in \(times.map { String(format: "%.3f", $0) }) s")
        #expect(answers.map(\.status) == [401, 401, 401, 429, 429, 429])
        #expect(times.allSatisfy { $0 < 0.5 }, "no thread sleeps before answering")
        for throttled in answers.dropFirst(3) {
            #expect(Int(throttled.header("Retry-After") ?? "") ?? 0 >= 1)
            #expect(throttled.text.contains(#""code":"too_many_requests""#))
            #expect(throttled.header("Connection") == "close")
        }

        // Forty bad tokens at once on forty connections: every answer comes at once.
        let slowest = Mutex(0.0)
        let threads = (0..<40).map { _ in
            Thread {
                let started = Date()
                _ = try? HTTPTestClient(port: server.port, token: Self.badToken).send("GET", "/v1/pull")
                let seconds = Date().timeIntervalSince(started)
                slowest.withLock { $0 = max($0, seconds) }
            }
        }
        threads.forEach { $0.start() }
        while threads.contains(where: { !$0.isFinished }) { usleep(10_000) }
        print("40 concurrent bad tokens: slowest answer \(String(format: "%.3f", slowest.withLock { $0 })) s")
        #expect(slowest.withLock { $0 } < 0.5)

        // A token that worked here before is never locked out, and its success resets nothing.
        let started = Date()
        #expect(try good.send("GET", "/v1/pull").status == 200)
        #expect(Date().timeIntervalSince(started) < 0.5)
        #expect(try bad.send("GET", "/v1/pull").status == 429, "the failures still count after a success")

        // A token new to the throttled address waits its Retry-After; from another address it
        // is served at once.
        let newcomer = HTTPTestClient(port: server.port, token: sato)
        let wait = try newcomer.send("GET", "/v1/whoami")
        #expect(wait.status == 429, "\(wait.text)")
        let elsewhere = try Self.request(
            server.port,
            "GET /v1/whoami HTTP/1.1\r\nHost: r\r\nAuthorization: Bearer \(sato)\r\nConnection: close\r\n\r\n",
            from: "127.0.0.2")
        #expect(elsewhere.status == 200 && elsewhere.text.contains("sato"), "\(elsewhere.text)")
        let retryAfter = Double(wait.header("Retry-After") ?? "") ?? 8
        Thread.sleep(forTimeInterval: retryAfter + 0.1)
        #expect(try newcomer.send("GET", "/v1/whoami").status == 200, "served once the throttle ran out")
    }

    @Test func oneAddressCannotHoldEverySlot() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(
            dataDirectory: directory.path("server"), extraArguments: ["--max-connections-per-address", "4"])
        // Four users (one user has at most four pushes in progress: `UserPermits`).
        let tokens = try (1...4).map { try server.token(for: "tanaka\($0)", role: "staff", scope: "271004") }
        let token = tokens[0]
        // Four pushes from 127.0.0.1 in the middle of large bodies (more than 64 KiB; a small
        // body still arriving counts as waiting, see HTTP1's AdmissionTests): busy, so never
        // closed for others.
        let held = try (0..<4).map { _ in try Socket.connect(host: "127.0.0.1", port: server.port) }
        defer { held.forEach { $0.close() } }
        for (socket, token) in zip(held, tokens) {
            try socket.sendAll(Array((Self.pushHead(token: token, length: 100_000) + "{").utf8))
        }
        Thread.sleep(forTimeInterval: 1.2)
        let fifth = try Self.request(server.port, "GET /v1/health HTTP/1.1\r\nHost: r\r\n\r\n", wait: 1)
        #expect(fifth.status == 503 && fifth.text.contains("Retry-After: 1"), "\(fifth.text)")
        #expect(fifth.closedAfter != nil)
        let other = try Self.request(
            server.port,
            "GET /v1/pull HTTP/1.1\r\nHost: r\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n",
            from: "127.0.0.2")
        #expect(other.status == 200, "another address is served: \(other.text)")
        #expect(server.logShows("too many connections from one address"))
        // The held pushes were not disturbed: one still gets its answer.
        try held[0].sendAll([UInt8](repeating: 0x20, count: 99_999))
        #expect(Self.read(held[0], wait: 2).status == 400, "its (malformed) body was read to the end and answered")
    }

    /// Chunked heads without a token, to `POST /login` (a form), `GET /v1/health` and a path
    /// that does not exist, count as waiting like a small body trickled: at the address's cap
    /// each newcomer closes the oldest of them and is served. An outside review held every slot
    /// this way (no chunk ever sent, each head held 10 s until the body rate cut it): every
    /// staff member of the address got 503 meanwhile.
    @Test func chunkedHeadsWithoutATokenDoNotHoldTheSlots() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(
            dataDirectory: directory.path("server"), extraArguments: ["--max-connections-per-address", "3"])
        let token = try server.token(for: "tanaka", role: "staff", scope: "271004")
        let held = try ["POST /login", "GET /v1/health", "GET /nothing"].map { request in
            let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
            try socket.sendAll(Array("\(request) HTTP/1.1\r\nHost: r\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
            return socket
        }
        defer { held.forEach { $0.close() } }
        Thread.sleep(forTimeInterval: 1.2)  // past the second after which a waiting connection may be closed
        // Each newcomer keeps its connection (keep-alive), so each needs a slot of its own.
        var newcomers: [Socket] = []
        defer { newcomers.forEach { $0.close() } }
        for attempt in 1...3 {
            let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
            newcomers.append(socket)
            try socket.sendAll(
                Array("GET /v1/whoami HTTP/1.1\r\nHost: r\r\nAuthorization: Bearer \(token)\r\n\r\n".utf8))
            let answer = Self.read(socket, wait: 0.5)
            #expect(answer.status == 200 && answer.closedAfter == nil, "newcomer \(attempt): \(answer.text)")
        }
        let closed = held.filter { Self.read($0, wait: 0.5).closedAfter != nil }
        #expect(closed.count == 3, "each chunked head gave its slot to a newcomer")
    }

    /// An address that keeps renewing partial heads before they are a second old (an attack
    /// from behind a municipality's router) does not lock out the staff behind the same router:
    /// each of their requests closes the attacker's oldest connection and is served.
    @Test func renewedPartialHeadsDoNotLockOutTheirAddress() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(
            dataDirectory: directory.path("server"), extraArguments: ["--max-connections-per-address", "4"])
        let token = try server.token(for: "tanaka", role: "staff", scope: "271004")
        func partialHead() throws -> Socket {
            let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
            try socket.sendAll(Array("GET /v1/health HTTP/1.1\r\nHo".utf8))
            return socket
        }
        var held = try (0..<4).map { _ in try partialHead() }
        defer { held.forEach { $0.close() } }
        var served = 0
        for _ in 0..<8 {
            // The attacker renews its connections before each request: none is ever 1 s old.
            for index in held.indices {
                held[index].close()
                held[index] = try partialHead()
            }
            Thread.sleep(forTimeInterval: 0.1)
            let answer = try Self.request(
                server.port,
                "GET /v1/whoami HTTP/1.1\r\nHost: r\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n",
                wait: 1)
            if answer.status == 200 { served += 1 }
        }
        #expect(served == 8, "the staff's requests served: \(served) of 8")
    }

    @Test func theTrustedProxyIsNotCappedPerAddress() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(
            dataDirectory: directory.path("server"),
            extraArguments: ["--max-connections-per-address", "1", "--trusted-proxy", "127.0.0.1"])
        let token = try server.token(for: "tanaka", role: "staff", scope: "271004")
        let held = try Socket.connect(host: "127.0.0.1", port: server.port)
        defer { held.close() }
        try held.sendAll(Array((Self.pushHead(token: token, length: 1_000) + "{").utf8))
        Thread.sleep(forTimeInterval: 0.2)
        let second = try Self.request(server.port, "GET /v1/health HTTP/1.1\r\nHost: r\r\nConnection: close\r\n\r\n")
        #expect(second.status == 200, "\(second.text)")
        let help = try CommandRunner.run("renkei-server", ["serve", "--help"])
        #expect(help.stdout.contains("--max-connections-per-address N") && help.stdout.contains("(default: 64)"))
    }

    @Test func http10WithAChunkedBodyIsAnsweredThenClosed() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let token = try server.token(for: "tanaka", role: "staff", scope: "271004")
        let chunked = try Self.request(
            server.port,
            "GET /v1/whoami HTTP/1.0\r\nAuthorization: Bearer \(token)\r\nConnection: keep-alive\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        #expect(chunked.status == 200 && chunked.text.contains("Connection: close"), "\(chunked.text)")
        #expect((chunked.closedAfter ?? 9) < 1, "not kept alive")
        let plain = try Self.request(
            server.port, "GET /v1/whoami HTTP/1.0\r\nAuthorization: Bearer \(token)\r\nConnection: keep-alive\r\n\r\n",
            wait: 0.5)
        #expect(plain.status == 200 && plain.text.contains("Connection: keep-alive") && plain.closedAfter == nil)
    }
}
