import Foundation
import HTTP1
import Models
import TestSupport
import Testing

/// A municipal PC restored from an old copy of its replica (system restore, a copied profile, a
/// VM snapshot) keeps its replica id but forgets what it wrote after the copy, which the server
/// has. The server refuses a new batch numbered at or below what it applied from that replica
/// (`replica_rewound`); `renkei sync` sees the same from `/v1/whoami` first, continues under a
/// new replica id, gets its later writes back and turns real collisions into visible conflicts.
@Suite(.serialized) struct RewoundReplicaTests {
    static let survey = "osaka-dx-2025"

    /// The values of a register as `renkei get --json` shows them, sorted.
    static func values(_ replica: CLIReplica, _ item: String) throws -> [String] {
        guard case .array(let versions) = try replica.register("answers", "\(survey)/271004/\(item)", "value") else {
            return []
        }
        return versions.compactMap { $0["value"]?.canonicalText }.sorted()
    }

    @Test func aReplicaRestoredFromAnOldCopyOfItsFilesLosesNothingAndSaysSo() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        func put(_ item: String, _ value: String) throws {
            try osaka.put("answers", "\(Self.survey)/271004/\(item)", "value", value)
        }
        // Before the copy: written and sent.
        for item in ["A01", "A02", "A03"] { try put(item, "1") }
        _ = try osaka.sync()
        // The copy: the replica's files as a backup tool or a VM snapshot keeps them.
        let copy = directory.path("osaka-copy")
        try FileManager.default.copyItem(atPath: osaka.home, toPath: copy)
        // After the copy: written and acknowledged by the server, then forgotten by the restore.
        try put("A01", "2")
        try put("A02", "2")
        try put("A04", "4")
        _ = try osaka.sync()
        try FileManager.default.removeItem(atPath: osaka.home)
        try FileManager.default.copyItem(atPath: copy, toPath: osaka.home)
        #expect(try Self.values(osaka, "A02") == ["1"], "the restored copy has forgotten")
        // After the restore: A01 again (a collision with the forgotten 2), A03 (no collision),
        // A05 (new).
        try put("A01", "3")
        try put("A03", "3")
        try put("A05", "5")

        let result = try osaka.run(["sync"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("以前のコピー") && result.stdout.contains("失われた変更はありません"), "\(result.stdout)")
        #expect(result.stdout.contains("1 件の項目"), "one field was changed on both sides: \(result.stdout)")

        // Its later writes came back; the collision is a visible conflict; the rest is plain.
        #expect(try Self.values(osaka, "A02") == ["2"])
        #expect(try Self.values(osaka, "A04") == ["4"])
        #expect(try Self.values(osaka, "A01") == ["2", "3"])
        #expect(try Self.values(osaka, "A03") == ["3"], "a rewrite of what it had seen is no conflict")
        #expect(try Self.values(osaka, "A05") == ["5"])
        _ = try advisor.sync()
        for item in ["A01", "A02", "A03", "A04", "A05"] {
            #expect(try Self.values(advisor, item) == (try Self.values(osaka, item)), "\(item)")
        }
        #expect(try osaka.dump() == (try advisor.dump(readableBy: "271004")), "the replicas converge")

        // The next round moves nothing and says nothing of a restore.
        let again = try osaka.run(["sync", "--json"])
        #expect(again.status == 0 && !again.stdout.contains("rewound"), "\(again.stdout)")
        #expect(try JSONValue(parsing: again.stdout)["pushed"] == .integer(0))
        // Resolving the conflict works as for any other.
        try put("A01", "3")
        _ = try osaka.sync()
        _ = try advisor.sync()
        #expect(try Self.values(advisor, "A01") == ["3"])
    }

    /// The server's side, through HTTP: a new batch numbered at or below the highest applied
    /// from that replica is refused whole (409 `replica_rewound`) and applies nothing; a retry
    /// of an applied batch is still answered as before.
    @Test func aNewBatchWithAnOldNumberIsRefusedAndAppliesNothing() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let client = HTTPTestClient(
            port: server.port, token: try server.token(for: "tanaka", role: "staff", scope: "271004"))
        let replica = ReplicaID.random()
        func change(_ item: String, _ value: Int64, counter: UInt64) throws -> Change {
            Change(
                key: try RecordKey(validating: "answers", record: "\(Self.survey)/271004/\(item)", field: "value"),
                scope: try Scope(validating: "271004"),
                version: Version(
                    vector: try VersionVector(validating: [(replica, counter)]), value: .integer(value),
                    author: replica, user: "tanaka", at: UnixTime.milliseconds()))
        }
        func push(_ batch: String, _ number: Int64, _ changes: [Change]) throws -> HTTPTestClient.Answer {
            try client.send(
                "POST", "/v1/push", headers: [("Content-Type", "application/json")],
                body: PushRequest(replica: replica, batch: batch, number: number, changes: changes).jsonBytes)
        }
        #expect(try push("first", 1, [try change("A01", 1, counter: 1)]).status == 200)
        #expect(try push("second", 2, [try change("A01", 2, counter: 2)]).status == 200)
        // The old copy's next batch: number 2 again, a twin of A01's counter 2, and a new field.
        let twin = try push("copy", 2, [try change("A01", 99, counter: 2), try change("A02", 99, counter: 1)])
        #expect(twin.status == 409 && twin.text.contains("replica_rewound"), "\(twin.text)")
        let retried = try push("second", 2, [try change("A01", 2, counter: 2)])
        #expect(retried.status == 200 && retried.text.contains(#""replayed":true"#), "\(retried.text)")
        let whoami = try client.send("GET", "/v1/whoami?replica=\(replica.hex)")
        #expect(whoami.text.contains(#""last_push":2"#), "\(whoami.text)")
        // Another user learns nothing about this replica.
        let other = HTTPTestClient(
            port: server.port, token: try server.token(for: "sato", role: "staff", scope: "271403"))
        #expect(try other.send("GET", "/v1/whoami?replica=\(replica.hex)").text.contains(#""last_push":0"#))

        // Numbers that are not push numbers, and malformed whoami parameters: 400, nothing applied.
        let body = String(
            decoding: PushRequest(
                replica: replica, batch: "odd", number: 3, changes: [try change("A03", 7, counter: 1)]
            )
            .jsonBytes, as: UTF8.self)
        for odd in ["0", "-1", "9007199254740992", "9223372036854775807", "\"4\"", "4.0", "null", "[4]"] {
            let forged = body.replacingOccurrences(of: #""number":3"#, with: #""number":"# + odd)
            let answer = try client.send(
                "POST", "/v1/push", headers: [("Content-Type", "application/json")], body: Array(forged.utf8))
            #expect(answer.status == 400 && answer.text.contains("number"), "number \(odd): \(answer.text)")
        }
        for query in ["replica=xyz", "replica=", "replica=\(replica.hex)&replica=\(replica.hex)", "user=tanaka"] {
            #expect(try client.send("GET", "/v1/whoami?\(query)").status == 400, "\(query)")
        }
        #expect(try client.send("GET", "/v1/whoami?replica=\(replica.hex)").text.contains(#""last_push":2"#))

        let pulled = try client.send("GET", "/v1/pull?since=0")
        #expect(!pulled.text.contains(#""value":99"#), "nothing of the refused batch was applied: \(pulled.text)")
        #expect(!pulled.text.contains("A03"), "nothing of the odd-numbered batches was applied")
        #expect(pulled.text.contains(#""value":2"#))
    }

    /// A client has up to two batches in flight, which the server may apply in either order:
    /// a number it jumped over is taken once, later; a number it applied, one it never jumped
    /// over, or one older than the eight it keeps is `replica_rewound`, and applies nothing.
    @Test func aSkippedNumberIsTakenOnceAndNoOtherNumberBelowTheHighest() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let client = HTTPTestClient(
            port: server.port, token: try server.token(for: "tanaka", role: "staff", scope: "271004"))
        let replica = ReplicaID.random()
        func push(_ batch: String, _ number: Int64, _ item: String, _ value: Int64) throws -> HTTPTestClient.Answer {
            let change = Change(
                key: try RecordKey(validating: "answers", record: "\(Self.survey)/271004/\(item)", field: "value"),
                scope: try Scope(validating: "271004"),
                version: Version(
                    vector: try VersionVector(validating: [(replica, UInt64(number))]), value: .integer(value),
                    author: replica, user: "tanaka", at: UnixTime.milliseconds()))
            return try client.send(
                "POST", "/v1/push", headers: [("Content-Type", "application/json")],
                body: PushRequest(replica: replica, batch: batch, number: number, changes: [change]).jsonBytes)
        }
        #expect(try push("b2", 2, "A02", 2).status == 200, "batch 2 lands before batch 1")
        #expect(try push("b1", 1, "A01", 1).status == 200, "batch 1, skipped, is still taken")
        let again = try push("b1-copy", 1, "A11", 99)
        #expect(again.status == 409 && again.text.contains("replica_rewound"), "a skipped number is taken once")
        #expect(try push("b20", 20, "A20", 20).status == 200, "numbers 3-19 skipped; 12-19 are kept")
        let tooOld = try push("b11", 11, "A11", 99)
        #expect(tooOld.status == 409 && tooOld.text.contains("replica_rewound"), "\(tooOld.text)")
        #expect(try push("b12", 12, "A12", 12).status == 200)
        #expect(try push("b19", 19, "A19", 19).status == 200)
        #expect(try push("b12-copy", 12, "A13", 99).status == 409)
        #expect(try push("b20-copy", 20, "A21", 99).status == 409, "the highest applied is not skipped")
        let retried = try push("b1", 1, "A01", 1)
        #expect(retried.status == 200 && retried.text.contains(#""replayed":true"#), "a retry is still answered")
        #expect(try client.send("GET", "/v1/whoami?replica=\(replica.hex)").text.contains(#""last_push":20"#))

        // Another municipality's staff, and no token at all, cannot move this replica's numbers:
        // Sakai's push under Osaka's replica id is replica_owned, and number 13, still skipped,
        // is then taken by its owner.
        let sakai = HTTPTestClient(
            port: server.port, token: try server.token(for: "sato", role: "staff", scope: "271403"))
        let foreign = Change(
            key: try RecordKey(validating: "answers", record: "\(Self.survey)/271403/A13", field: "value"),
            scope: try Scope(validating: "271403"),
            version: Version(
                vector: try VersionVector(validating: [(replica, UInt64(13))]), value: .integer(13), author: replica,
                user: "sato",
                at: UnixTime.milliseconds()))
        for number in [Int64(13), 21, 1_000] {
            let body = PushRequest(replica: replica, batch: "sakai-\(number)", number: number, changes: [foreign])
            let owned = try sakai.send(
                "POST", "/v1/push", headers: [("Content-Type", "application/json")], body: body.jsonBytes)
            #expect(owned.status == 403 && owned.text.contains("replica_owned"), "\(number): \(owned.text)")
            let anonymous = try HTTPTestClient(port: server.port, token: nil).send(
                "POST", "/v1/push", headers: [("Content-Type", "application/json")], body: body.jsonBytes)
            #expect(anonymous.status == 401, "\(number): \(anonymous.text)")
        }
        #expect(try client.send("GET", "/v1/whoami?replica=\(replica.hex)").text.contains(#""last_push":20"#))
        #expect(try push("b13", 13, "A13", 13).status == 200, "number 13 was not used up by the refused pushes")

        let pulled = try client.send("GET", "/v1/pull?since=0")
        for item in ["A01", "A02", "A12", "A13", "A19", "A20"] {
            #expect(pulled.text.contains("/\(item)\""), "\(item)")
        }
        let advisor = HTTPTestClient(port: server.port, token: try server.token(for: "advisor", role: "advisor"))
        let everything = try advisor.send("GET", "/v1/pull?since=0")
        #expect(everything.status == 200 && everything.text.contains("/A20\""), "\(everything.text)")
        #expect(!everything.text.contains("271403/A13"), "nothing of Sakai's pushes was applied")
        #expect(!pulled.text.contains(#""value":99"#), "nothing of a refused batch was applied: \(pulled.text)")
    }
}
