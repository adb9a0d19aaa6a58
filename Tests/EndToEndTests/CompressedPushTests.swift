import Foundation
import Models
import SyncStorage
import TestSupport
import Testing
import ZlibCoding

/// Push bodies sent with `Content-Encoding: gzip`, through the real server: taken only where
/// announced, inflated within the push limit, refused whole when broken; other codings and
/// other routes refused from the head.
@Suite(.serialized) struct CompressedPushTests {
    typealias Prefecture = SecurityTests.Prefecture

    static func hearing(_ place: String, scope: String = "271004") throws -> Change {
        try SecurityTests.change("hearings", RecordID.timeOrdered(), "place", scope: scope, value: .string(place))
    }

    static func sequence(_ client: HTTPTestClient) throws -> Int64 {
        try HealthResponse(decoding: try client.send("GET", "/v1/health").body).sequence
    }

    @Test func healthAnnouncesGzipAndAGzippedPushIsApplied() throws {
        let prefecture = try Prefecture()
        let osaka = HTTPTestClient(port: prefecture.server.port, token: prefecture.staff["271004"])
        let health = try osaka.send("GET", "/v1/health")
        #expect(health.header("Accept-Encoding") == "gzip")

        let changes = try SecurityTests.own((0..<500).map { try Self.hearing("本庁 \($0)") }, by: osaka)
        let json = PushRequest(replica: SecurityTests.replica(of: osaka), batch: "gz-1", changes: changes).jsonBytes
        let body = Zlib.deflate(json, format: .gzip)
        #expect(body.count * 4 < json.count)
        let answer = try osaka.send(
            "POST", "/v1/push", headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")],
            body: body)
        #expect(answer.status == 200, "\(answer.text)")
        #expect(try PushResponse(decoding: answer.body).accepted == 500)
        let pulled = try PullResponse(decoding: try osaka.send("GET", "/v1/pull?since=0&limit=10000").body).changes
        #expect(Set(pulled) == Set(changes))

        // The coding's name is case-insensitive and may have spaces around it (RFC 9110 5.5).
        let more = try SecurityTests.own([try Self.hearing("別館")], by: osaka)
        let spaced = try osaka.send(
            "POST", "/v1/push", headers: [("Content-Type", "application/json"), ("Content-Encoding", "  Gzip\t")],
            body: Zlib.deflate(
                PushRequest(replica: SecurityTests.replica(of: osaka), batch: "gz-1b", changes: more).jsonBytes,
                format: .gzip))
        #expect(spaced.status == 200, "\(spaced.text)")
        #expect(try PushResponse(decoding: spaced.body).accepted == 1)
    }

    /// Found by an outside attack: a push of 256 KiB or more (decoded in two halves at once)
    /// left its decoded changes behind, about 1.2 times its JSON, even when it was refused; with
    /// gzipped bodies of 60 KB one staff token grew the server by about 115 MB a second.
    @Test func refusedLargePushesLeaveNoMemoryBehind() throws {
        let prefecture = try Prefecture()
        let osaka = HTTPTestClient(port: prefecture.server.port, token: prefecture.staff["271004"])
        let before = try Self.sequence(osaka)
        let filler = String(repeating: "本", count: 300)
        var changes = try SecurityTests.own((0..<3_000).map { try Self.hearing("\(filler) \($0)") }, by: osaka)
        changes[changes.count - 1].version.at = -1  // refused whole: nothing is applied
        let json = PushRequest(replica: SecurityTests.replica(of: osaka), batch: "big", changes: changes).jsonBytes
        #expect(json.count > 2_500_000)
        let body = Zlib.deflate(json, format: .gzip)
        func push() throws {
            let answer = try osaka.send(
                "POST", "/v1/push", headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")],
                body: body)
            #expect(answer.status == 400, "\(answer.text)")
        }
        let pid = try #require(DashboardMemoryTests.pid(ofServerOn: prefecture.directory.path("server")))
        for _ in 0..<3 { try push() }  // the allocator's arenas settle
        let start = try #require(DashboardMemoryTests.residentMiB(pid))
        for _ in 0..<20 { try push() }
        let end = try #require(DashboardMemoryTests.residentMiB(pid))
        // Leaking, 20 pushes keep more than 60 MiB.
        #expect(end - start < 24, "resident \(start) MiB before 20 refused pushes, \(end) MiB after")
        #expect(try Self.sequence(osaka) == before)
    }

    /// Small bodies that inflate past the push limit, are cut, carry bytes after the gzip data
    /// or are not gzip at all: refused, and nothing of them applied.
    @Test func brokenOrOversizedGzipBodiesApplyNothing() throws {
        let prefecture = try Prefecture()
        let osaka = HTTPTestClient(port: prefecture.server.port, token: prefecture.staff["271004"])
        let before = try Self.sequence(osaka)
        let replica = SecurityTests.replica(of: osaka)
        let changes = try SecurityTests.own([try Self.hearing("本庁")], by: osaka)
        let json = PushRequest(replica: replica, batch: "gz-2", changes: changes).jsonBytes

        // 9 MiB of spaces after a valid batch: valid JSON, but past the 8 MiB push limit.
        var padded = json
        padded += [UInt8](repeating: 0x20, count: 9 << 20)
        let bomb = Zlib.deflate(padded, format: .gzip, level: 9)
        #expect(bomb.count < 64 * 1024)
        let member = Zlib.deflate(json, format: .gzip)
        // The length a member states at its end only sizes the server's buffer: a false one
        // (4 GiB, none) fails zlib's check like any other broken member.
        func stating(_ size: UInt32) -> [UInt8] {
            Array(member.dropLast(4)) + (0..<4).map { UInt8(truncatingIfNeeded: size >> (8 * UInt32($0))) }
        }
        let cases: [(String, [UInt8], Int)] = [
            ("inflates past the limit", bomb, 413),
            ("states 4 GiB", stating(.max), 400),
            ("states nothing", stating(0), 400),
            ("cut short", Array(member.dropLast(12)), 400),
            ("bytes after the gzip data", member + Array("{}".utf8), 400),
            ("plain JSON labelled gzip", json, 400),
            ("two gzip members", member + member, 400),
        ]
        for (name, body, status) in cases {
            let answer = try osaka.send(
                "POST", "/v1/push", headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")],
                body: body)
            #expect(answer.status == status, "\(name): \(answer.text)")
            #expect(try Self.sequence(osaka) == before, "\(name): nothing applied")
        }
        // The same batch name is still free: nothing of it was recorded.
        let plain = try osaka.send("POST", "/v1/push", headers: [("Content-Type", "application/json")], body: json)
        #expect(try PushResponse(decoding: plain.body).replayed == false)
        #expect(try Self.sequence(osaka) == before + 1)
    }

    /// Codings the server does not take, several codings, and a coding on any other route are
    /// refused from the head (415 naming what is taken); the body is never read.
    @Test func otherCodingsAndOtherRoutesAreRefusedFromTheHead() throws {
        let prefecture = try Prefecture()
        let osaka = HTTPTestClient(port: prefecture.server.port, token: prefecture.staff["271004"])
        let before = try Self.sequence(osaka)
        let json = PushRequest(
            replica: SecurityTests.replica(of: osaka), batch: "gz-3",
            changes: try SecurityTests.own([try Self.hearing("本庁")], by: osaka)
        ).jsonBytes
        let gzipped = Zlib.deflate(json, format: .gzip)
        let refused: [[(String, String)]] = [
            [("Content-Encoding", "br")],
            [("Content-Encoding", "deflate")],
            [("Content-Encoding", "gzip, gzip")],
            [("Content-Encoding", "gzip"), ("Content-Encoding", "gzip")],
            [("Content-Encoding", "x-gzip")],
        ]
        for fields in refused {
            let answer = try osaka.send(
                "POST", "/v1/push", headers: [("Content-Type", "application/json")] + fields, body: gzipped)
            #expect(answer.status == 415, "\(fields): \(answer.text)")
            #expect(answer.header("Accept-Encoding") == "gzip", "\(fields)")
            #expect(try Self.sequence(osaka) == before)
        }
        // An upload piece or a form with a coding: refused before the body is read.
        let upload = try osaka.send(
            "POST", "/v1/uploads", headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")],
            body: Zlib.deflate(
                Array(#"{"sha256":"\#(String(repeating: "a", count: 64))","size":1}"#.utf8), format: .gzip))
        #expect(upload.status == 415, "\(upload.text)")
        #expect(upload.header("Accept-Encoding") == "identity")
        let login = try HTTPTestClient(port: prefecture.server.port).send(
            "POST", "/login",
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Content-Encoding", "gzip")],
            body: Zlib.deflate(Array("token=x".utf8), format: .gzip))
        #expect(login.status == 415, "\(login.text)")
        // Without a token the answer is still 401: the coding is looked at after the token.
        let stranger = try HTTPTestClient(port: prefecture.server.port).send(
            "POST", "/v1/push", headers: [("Content-Encoding", "br")], body: gzipped)
        #expect(stranger.status == 401)
        // identity is no coding at all.
        let identity = try osaka.send(
            "POST", "/v1/push", headers: [("Content-Type", "application/json"), ("Content-Encoding", "identity")],
            body: json)
        #expect(identity.status == 200, "\(identity.text)")
        #expect(try Self.sequence(osaka) == before + 1)
    }
}
