import Foundation
import Models
import Synchronization
import TestSupport
import Testing

/// One user cannot fill the server's push queue: an outside review sent 48 maximal pushes at a
/// time as one municipality's staff and held another municipality's pushes for minutes. Through
/// the real server: a user's pushes beyond its permits (four at once: the client's window of
/// three and a retry) are refused (429) and apply nothing, and another user's push goes through
/// meanwhile.
@Suite(.serialized) struct PushFairnessTests {
    @Test func aUsersPushesBeyondItsPermitsAreRefusedAndOthersGoThrough() throws {
        let prefecture = try SecurityTests.Prefecture()
        let port = prefecture.server.port
        let sakai = HTTPTestClient(port: port, token: prefecture.staff["271403"])
        let osaka = HTTPTestClient(port: port, token: prefecture.staff["271004"])
        let before = try HealthResponse(decoding: try osaka.send("GET", "/v1/health").body).sequence

        let flood = 8
        let perPush = 2_000
        let bodies = try (0..<flood).map { round in
            let changes = try SecurityTests.own(
                try (0..<perPush).map { index in
                    try SecurityTests.change(
                        "hearings", "flood-\(round)-\(index)", "place", scope: "271403", value: .string("堺 \(index)"))
                }, by: sakai)
            return PushRequest(replica: SecurityTests.replica(of: sakai), batch: "flood-\(round)", changes: changes)
                .jsonBytes
        }
        let statuses = Mutex<[Int]>([])
        let group = DispatchGroup()
        for body in bodies {
            group.enter()
            Thread {
                let client = HTTPTestClient(port: port, token: prefecture.staff["271403"])
                let status =
                    (try? client.send(
                        "POST", "/v1/push", headers: [("Content-Type", "application/json")], body: body,
                        timeoutMilliseconds: 60_000))?.status ?? -1
                statuses.withLock { $0.append(status) }
                group.leave()
            }.start()
        }
        // Another municipality's push while the flood is in: it goes through.
        let mine = try SecurityTests.change("hearings", RecordID.timeOrdered(), "place", scope: "271004", value: "本庁")
        let answer = try SecurityTests.push(osaka, [mine])
        #expect(answer.status == 200, "\(answer.text)")
        group.wait()

        let seen = statuses.withLock { $0 }
        #expect(seen.allSatisfy { $0 == 200 || $0 == 429 }, "\(seen)")
        let applied = seen.filter { $0 == 200 }.count
        #expect(applied >= 2 && applied < flood, "a few at once are let in, the rest refused: \(seen)")
        // What was refused applied nothing: the server holds the accepted pushes and the one change.
        let after = try HealthResponse(decoding: try osaka.send("GET", "/v1/health").body).sequence
        #expect(after - before == Int64(applied * perPush + 1))
        let own = try PullResponse(decoding: try osaka.send("GET", "/v1/pull?since=0&limit=10000").body).changes
        #expect(own.map(\.key) == [mine.key], "the other municipality's flood never reaches osaka")
    }
}
