import Foundation
import Glibc
import HTTP1
import Models
import SyncStorage
import Synchronization
import TestSupport
import Testing

/// Who may do what, against the real server: the authorization matrix over the 43 Osaka
/// municipalities, smuggled batches, guessed hashes, bad requests, slow clients and throttled
/// bad tokens.
@Suite(.serialized) struct SecurityTests {
    /// A server with every Osaka municipality's staff (`staff-<code>`), the advisor and an
    /// admin, each with a token, provisioned straight into its database (as `admin` would).
    struct Prefecture {
        let directory: TemporaryDirectory
        let server: ServerProcess
        var staff: [String: String] = [:]
        var advisor = ""
        var admin = ""

        /// `serverArguments`: options for `renkei-server serve`.
        init(serverArguments: [String] = []) throws {
            directory = try TemporaryDirectory()
            server = try ServerProcess(dataDirectory: directory.path("server"), extraArguments: serverArguments)
            let access = try ServerStore(path: directory.path("server") + "/renkei.sqlite").access
            func issue(_ user: String, _ grant: Grant) throws -> String {
                try access.addUser(user, grant: grant)
                var generator = SystemRandomNumberGenerator()
                let token =
                    "rk_"
                    + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }
                    .joined()
                _ = try access.addToken(hash: SHA256.hex(SHA256.hash(Array(token.utf8))), user: user)
                return token
            }
            for municipality in OsakaMunicipalities.all {
                staff[municipality.code] = try issue(
                    "staff-\(municipality.code)",
                    Grant(role: .staff, municipality: try MunicipalityCode(validating: municipality.code)))
            }
            advisor = try issue("advisor", Grant(role: .advisor, municipality: nil))
            admin = try issue("admin", Grant(role: .admin, municipality: nil))
        }
    }

    static let writer = ReplicaID(high: 0xA1, low: 0xB2)

    /// A change as `writer` would write it; `push` makes it the pushing token's own (replica, user).
    static func change(_ collection: String, _ record: String, _ field: String, scope: String, value: JSONValue) throws
        -> Change
    {
        var register = Register()
        return Change(
            key: try RecordKey(validating: collection, record: record, field: field),
            scope: try Scope(validating: scope),
            version: register.write(value, by: writer, user: "test", at: UnixTime.milliseconds()))
    }

    /// The replica id a test client pushes from: one per token, as one PC per person.
    static func replica(of client: HTTPTestClient) -> ReplicaID {
        let digest = SHA256.hash(Array((client.token ?? "").utf8))
        let high = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = digest.dropFirst(8).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return ReplicaID(high: high, low: low)
    }

    private static let users = Mutex<[String: String]>([:])

    /// The user of `client`'s token (asked once per token).
    static func user(of client: HTTPTestClient) throws -> String {
        let token = client.token ?? ""
        if let known = users.withLock({ $0[token] }) { return known }
        guard case .object(let members)? = try? JSONValue(parsing: try client.send("GET", "/v1/whoami").body),
            case .string(let user)? = members["user"]
        else { return "" }
        users.withLock { $0[token] = user }
        return user
    }

    /// Pushes `changes` as an honest client of `client`'s token would: from its own replica, as
    /// its user, with `writer`'s counter moved to that replica.
    static func push(_ client: HTTPTestClient, _ changes: [Change], timeoutMilliseconds: Int32 = 5_000) throws
        -> HTTPTestClient.Answer
    {
        try pushAsIs(
            client, try own(changes, by: client), replica: replica(of: client), timeoutMilliseconds: timeoutMilliseconds
        )
    }

    /// `changes` as `client`'s own: written from its replica by its user.
    static func own(_ changes: [Change], by client: HTTPTestClient) throws -> [Change] {
        let replica = replica(of: client)
        let user = try user(of: client)
        return changes.map { change in
            var change = change
            var pairs = change.version.vector.entries.map { ($0.replica, $0.counter) }
            pairs = pairs.map { $0.0 == writer ? (replica, $0.1) : $0 }
            change.version.vector = (try? VersionVector(validating: pairs)) ?? change.version.vector
            change.version.author = change.version.author == writer ? replica : change.version.author
            change.version.user = user
            return change
        }
    }

    /// Pushes `changes` exactly as given (an attacker's batch).
    static func pushAsIs(
        _ client: HTTPTestClient, _ changes: [Change], replica: ReplicaID? = nil, timeoutMilliseconds: Int32 = 5_000
    ) throws -> HTTPTestClient.Answer {
        try client.send(
            "POST", "/v1/push", headers: [("Content-Type", "application/json")],
            body: PushRequest(replica: replica ?? Self.replica(of: client), batch: UUID().uuidString, changes: changes)
                .jsonBytes, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Uploads `bytes` whole with `client`'s token; returns the hash.
    static func upload(_ client: HTTPTestClient, _ bytes: [UInt8]) throws -> String {
        let hash = SHA256.hex(SHA256.hash(bytes))
        let started = try client.send(
            "POST", "/v1/uploads", headers: [("Content-Type", "application/json")],
            body: UploadRequest(sha256: hash, size: Int64(bytes.count)).jsonBytes)
        let status = try UploadStatus(decoding: started.body)
        if let id = status.id {
            let done = try client.send(
                "PATCH", "/v1/uploads/\(id)",
                headers: [("Content-Type", "application/offset+octet-stream"), ("Upload-Offset", "0")], body: bytes)
            #expect(done.status == 200, "\(done.text)")
        }
        return hash
    }

    @Test func noMunicipalityReadsOrWritesAnotherOnesDataAndTheAdvisorReadsAll() throws {
        let prefecture = try Prefecture()
        let port = prefecture.server.port
        let admin = HTTPTestClient(port: port, token: prefecture.admin)
        let codes = OsakaMunicipalities.all.map(\.code)

        // Each municipality gets an answer, a hearing, a hearing item and a document.
        var documents: [String: (record: String, hash: String)] = [:]
        var seed: [Change] = []
        for code in codes {
            let hash = try Self.upload(admin, Array("計画書 \(code)".utf8))
            let record = RecordID.timeOrdered()
            documents[code] = (record, hash)
            let document = Document(
                name: "計画書.txt", folder: "", sha256: hash, size: Int64(Array("計画書 \(code)".utf8).count),
                mediaType: "text/plain", note: "")
            seed += [
                try Self.change("answers", "osaka-dx-2025/\(code)/A01", "value", scope: code, value: "はい"),
                try Self.change("hearings", RecordID.timeOrdered(), "place", scope: code, value: "庁舎"),
                try Self.change("hearing-items", RecordID.timeOrdered(), "question", scope: code, value: "時期は？"),
                try Self.change("documents", record, "file", scope: code, value: document.json),
            ]
        }
        seed.append(try Self.change("surveys", "osaka-dx-2025", "title", scope: "shared", value: "DX調査"))
        #expect(try Self.push(admin, seed).status == 200)

        var forbiddenSuccesses: [String] = []
        var attempts = 0
        for code in codes {
            let client = HTTPTestClient(port: port, token: prefecture.staff[code])
            // Reads: a pull holds only its own municipality and shared records.
            let page = try PullResponse(decoding: try client.send("GET", "/v1/pull?since=0&limit=10000").body)
            #expect(Set(page.changes.map(\.scope.description)) == [code, "shared"], "\(code)")
            #expect(page.changes.count == 5)
            for other in codes where other != code {
                for collection in ["answers", "hearings", "hearing-items", "documents"] {
                    let value: JSONValue =
                        collection == "documents"
                        ? Document(
                            name: "x.txt", folder: "", sha256: documents[other]!.hash, size: 1, mediaType: "", note: ""
                        ).json : "改ざん"
                    let answer = try Self.push(
                        client,
                        [try Self.change(collection, "\(other)/\(collection)", "value", scope: other, value: value)])
                    attempts += 1
                    if answer.status != 403 {
                        forbiddenSuccesses.append("\(code) wrote \(collection) of \(other): \(answer.status)")
                    }
                }
                let download = try client.send("GET", "/v1/blobs/\(documents[other]!.hash)")
                let history = try client.send(
                    "GET", "/v1/history?collection=documents&record=\(documents[other]!.record)&field=file")
                attempts += 2
                if download.status != 404 { forbiddenSuccesses.append("\(code) downloaded \(other)'s document") }
                if history.status != 404 { forbiddenSuccesses.append("\(code) read \(other)'s history") }
            }
            let survey = try Self.push(
                client, [try Self.change("surveys", "osaka-dx-2025", "title", scope: "shared", value: "x")])
            attempts += 1
            if survey.status != 403 { forbiddenSuccesses.append("\(code) wrote a survey") }
            // What staff may do still works.
            #expect(
                try Self.push(
                    client, [try Self.change("answers", "osaka-dx-2025/\(code)/A02", "value", scope: code, value: 3)]
                ).status == 200)
            #expect(try client.send("GET", "/v1/blobs/\(documents[code]!.hash)").status == 200)
        }
        print(
            "authorization matrix: \(attempts) forbidden attempts by 43 municipalities, \(forbiddenSuccesses.count) succeeded"
        )
        #expect(forbiddenSuccesses.isEmpty, "\(forbiddenSuccesses.prefix(5))")

        // The advisor reads everything, writes hearings and surveys, never answers.
        let advisor = HTTPTestClient(port: port, token: prefecture.advisor)
        let all = try PullResponse(decoding: try advisor.send("GET", "/v1/pull?since=0&limit=10000").body)
        #expect(Set(all.changes.map(\.scope.description)).count == 44)
        #expect(try advisor.send("GET", "/v1/blobs/\(documents["271004"]!.hash)").status == 200)
        #expect(
            try Self.push(advisor, [try Self.change("answers", "x/271004/A01", "value", scope: "271004", value: 1)])
                .status == 403)
        #expect(
            try Self.push(advisor, [try Self.change("hearings", "h1", "place", scope: "271004", value: "x")]).status
                == 200)
        #expect(
            try Self.push(advisor, [try Self.change("surveys", "s1", "title", scope: "shared", value: "x")]).status
                == 200)
    }

    /// The server is the authority over what a push claims, across all 43 municipalities: every
    /// municipality M, with its own token and replica, tries to squat other municipalities' record
    /// ids inside its own scope and to push as another municipality N (forged author, user, vector
    /// entry, N's replica id). Each attempt must be refused for its own reason, and afterwards the
    /// store must hold exactly what each municipality wrote itself.
    @Test func noMunicipalitySquatsAnotherOnesRecordsOrPushesAsAnotherOne() throws {
        let prefecture = try Prefecture()
        let port = prefecture.server.port
        let codes = OsakaMunicipalities.all.map(\.code)
        let clients = Dictionary(
            uniqueKeysWithValues: codes.map { ($0, HTTPTestClient(port: port, token: prefecture.staff[$0])) })
        let advisor = HTTPTestClient(port: port, token: prefecture.advisor)
        // A survey the server holds no schema for: its answers are checked for scope and size only,
        // so no answer rule can be the reason for a refusal here.
        let survey = "authority-matrix-unpublished"
        func vector(_ pairs: (ReplicaID, UInt64)...) throws -> VersionVector { try VersionVector(validating: pairs) }
        func sequence() throws -> Int64 {
            guard case .object(let members) = try JSONValue(parsing: try advisor.send("GET", "/v1/health").body),
                case .integer(let sequence)? = members["sequence"]
            else { return -1 }
            return sequence
        }

        // Each municipality writes, from its own replica: an answer, a hearing and a hearing item.
        // `expected` is what the store must hold at the end: register -> (scope, value, author, user).
        typealias Held = (scope: String, value: JSONValue, author: ReplicaID, user: String)
        var expected: [RecordKey: Held] = [:]
        var hearings: [String: (hearing: String, item: String)] = [:]
        for code in codes {
            let client = clients[code]!
            let ids = (hearing: RecordID.timeOrdered(), item: RecordID.timeOrdered())
            hearings[code] = ids
            let own = [
                try Self.change("answers", "\(survey)/\(code)/B07", "value", scope: code, value: .string("回答 \(code)")),
                try Self.change("hearings", ids.hearing, "place", scope: code, value: .string("庁舎 \(code)")),
                try Self.change("hearing-items", ids.item, "question", scope: code, value: .string("質問 \(code)")),
            ]
            let answer = try Self.push(client, own)
            let accepted = answer.status == 200 ? try PushResponse(decoding: answer.body).accepted : 0
            #expect(accepted == 3, "\(code): \(answer.text)")
            for change in own {
                expected[change.key] = (code, change.version.value, Self.replica(of: client), try Self.user(of: client))
            }
        }

        var attempts = 0
        var successes: [String] = []
        for (position, code) in codes.enumerated() {
            let client = clients[code]!
            let replica = Self.replica(of: client)
            let user = try Self.user(of: client)

            // Squatting, one batch: in M's own scope, answers whose record names every other
            // municipality (an item it answered and one it did not), and every other municipality's
            // hearing and hearing item ids, fields it wrote. M's own answer in the same batch applies.
            var squats: [(attempt: String, change: Change, code: ErrorCode)] = []
            for other in codes where other != code {
                let ids = hearings[other]!
                squats += [
                    (
                        "answer \(survey)/\(other)/B07",
                        try Self.change(
                            "answers", "\(survey)/\(other)/B07", "value", scope: code, value: .string("乗っ取り \(code)")),
                        .recordOutOfScope
                    ),
                    (
                        "answer \(survey)/\(other)/B09",
                        try Self.change(
                            "answers", "\(survey)/\(other)/B09", "value", scope: code, value: .string("乗っ取り \(code)")),
                        .recordOutOfScope
                    ),
                    (
                        "hearing \(other)",
                        try Self.change(
                            "hearings", ids.hearing, "place", scope: code, value: .string("乗っ取り \(code)")), .recordTaken
                    ),
                    (
                        "hearing item \(other)",
                        try Self.change(
                            "hearing-items", ids.item, "question", scope: code, value: .string("乗っ取り \(code)")),
                        .recordTaken
                    ),
                ]
            }
            let mine = try Self.change(
                "answers", "\(survey)/\(code)/B08", "value", scope: code, value: .string("自分 \(code)"))
            let squatAnswer = try Self.push(client, squats.map(\.change) + [mine])
            attempts += squats.count
            if squatAnswer.status != 200 {
                successes.append("\(code) squatting batch: \(squatAnswer.status) \(squatAnswer.text.prefix(200))")
            } else {
                let result = try PushResponse(decoding: squatAnswer.body)
                #expect(result.accepted == 1, "\(code): only its own answer applies")
                let refused = [Int: ErrorCode](
                    result.rejected.map { ($0.index, $0.code) }, uniquingKeysWith: { first, _ in first })
                for (index, squat) in squats.enumerated() where refused[index] != squat.code {
                    successes.append("\(code) squatted \(squat.attempt): \(String(describing: refused[index]))")
                }
                #expect(refused[squats.count] == nil, "\(code)'s own answer is not refused")
            }
            expected[mine.key] = (code, mine.version.value, replica, user)

            // Pushing as another municipality: one push per attempt (a whole-batch refusal names
            // only the first change it refuses), against the next municipality in the list and
            // the one halfway round, so every municipality is attacker and victim.
            for offset in [1, codes.count / 2] {
                let other = codes[(position + offset) % codes.count]
                let victim = clients[other]!
                let victimReplica = Self.replica(of: victim)
                let victimUser = try Self.user(of: victim)
                // M's own answer, which M wrote at counter 1, written again as `version` says.
                func forged(_ edit: (inout Version) throws -> Void) throws -> Change {
                    var version = Version(
                        vector: try vector((replica, 2)), value: .string("偽装 \(code) as \(other)"),
                        author: replica, user: user, at: UnixTime.milliseconds())
                    try edit(&version)
                    return Change(
                        key: try RecordKey(validating: "answers", record: "\(survey)/\(code)/B07", field: "value"),
                        scope: try Scope(validating: code), version: version)
                }
                let kinds: [(attempt: String, answer: HTTPTestClient.Answer, status: Int, reason: String)] = [
                    (
                        "author = \(other)'s replica",
                        try Self.pushAsIs(
                            client,
                            [
                                try forged {
                                    $0.author = victimReplica
                                    $0.vector = try vector((victimReplica, 1))
                                }
                            ]), 400, "changes[0].author"
                    ),
                    (
                        "user = \(victimUser)", try Self.pushAsIs(client, [try forged { $0.user = victimUser }]), 400,
                        "changes[0].user"
                    ),
                    (
                        "vector entry of \(other)'s replica",
                        try Self.pushAsIs(
                            client,
                            [
                                try forged {
                                    $0.vector = try vector((replica, 2), (victimReplica, 1))
                                }
                            ]), 400, "changes[0].vector"
                    ),
                    (
                        "\(other)'s replica id as the pushing replica and author",
                        try Self.pushAsIs(
                            client,
                            [
                                try forged {
                                    $0.author = victimReplica
                                    $0.vector = try vector((victimReplica, 2))
                                }
                            ], replica: victimReplica), 403, "replica_owned"
                    ),
                ]
                for kind in kinds {
                    attempts += 1
                    if kind.answer.status != kind.status || !kind.answer.text.contains(kind.reason) {
                        successes.append(
                            "\(code) pushed with \(kind.attempt): \(kind.answer.status) \(kind.answer.text)")
                    }
                }
            }
        }
        print(
            "squatting and forgery matrix: \(attempts) attempts by 43 municipalities, \(successes.count) succeeded")
        #expect(successes.count == 0, "\(successes.prefix(5))")

        // The effect did not happen: the advisor reads exactly what each municipality wrote itself,
        // and the server stored nothing but the 43 honest answers since the seed.
        let all = try PullResponse(decoding: try advisor.send("GET", "/v1/pull?since=0&limit=10000").body)
        #expect(!all.more)
        let held = Dictionary(all.changes.map { ($0.key, [$0]) }, uniquingKeysWith: +)
        let unexpected = Set(held.keys).symmetricDifference(expected.keys).map(\.description).sorted()
        #expect(unexpected.isEmpty, "held or expected only: \(unexpected.prefix(5))")
        var wrong: [String] = []
        for (key, versions) in held {
            guard versions.count == 1, let change = versions.first, let want = expected[key] else {
                wrong.append("\(key): \(versions.count) versions")
                continue
            }
            let scope = change.scope.description
            let firstWrite = try vector((want.author, 1))
            if scope != want.scope || change.version.value != want.value || change.version.author != want.author
                || change.version.user != want.user || change.version.vector != firstWrite
            {
                wrong.append("\(key) in \(scope): \(change.version.value) by \(change.version.user)")
            }
            // No answer record names a municipality other than its scope's.
            if key.collection == "answers", key.record.split(separator: "/")[1] != scope {
                wrong.append("\(key) is held in scope \(scope)")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        for code in codes {
            let registers = all.changes.filter { $0.scope.description == code }
            let replica = Self.replica(of: clients[code]!)
            #expect(registers.count == 4, "\(code)")
            #expect(
                registers.allSatisfy { $0.version.author == replica && $0.version.user == "staff-\(code)" }, "\(code)")
        }
        #expect(try sequence() == Int64(codes.count * 4), "only the 43 × 4 honest versions were stored")

        // A record belongs to one scope, all its fields together: a field the owner has not
        // written yet under its hearing (or hearing item) id is no more free than one it has.
        var owner: [String: String] = [:]
        for (code, ids) in hearings {
            owner[ids.hearing] = code
            owner[ids.item] = code
        }
        var fieldSquats = 0
        for (position, code) in codes.enumerated() {
            let ids = hearings[codes[(position + 1) % codes.count]]!
            let squats = [
                try Self.change("hearings", ids.hearing, "summary", scope: code, value: .string("乗っ取り \(code)")),
                try Self.change("hearing-items", ids.item, "answer", scope: code, value: .string("乗っ取り \(code)")),
            ]
            let answer = try Self.push(clients[code]!, squats)
            fieldSquats += squats.count
            #expect(answer.status == 200, "\(answer.text)")
            let refused = try PushResponse(decoding: answer.body).rejected
            #expect(refused.count == squats.count && refused.allSatisfy { $0.code == .recordTaken }, "\(refused)")
        }
        let after = try PullResponse(decoding: try advisor.send("GET", "/v1/pull?since=0&limit=10000").body).changes
        let foreign = after.filter { change in
            owner[change.key.record].map { $0 != change.scope.description } ?? false
        }
        print("field squats on another municipality's hearing ids: \(fieldSquats) attempts, \(foreign.count) succeeded")
        #expect(foreign.count == 0, "\(foreign.prefix(2).map { "\($0.key) in scope \($0.scope)" })")
    }

    @Test func aBatchSmugglingOneForbiddenChangeAppliesNothing() throws {
        let prefecture = try Prefecture()
        let client = HTTPTestClient(port: prefecture.server.port, token: prefecture.staff["271004"])
        let before = try client.send("GET", "/v1/health").text
        let answer = try Self.push(
            client,
            [
                try Self.change("answers", "a/271004/A01", "value", scope: "271004", value: 1),
                try Self.change("answers", "a/271004/A02", "value", scope: "271004", value: 2),
                try Self.change("answers", "a/271403/A01", "value", scope: "271403", value: 3),
            ])
        #expect(answer.status == 403 && answer.text.contains("changes[2]") && answer.text.contains("forbidden_scope"))
        #expect(try client.send("GET", "/v1/health").text == before, "nothing was applied")
        let page = try PullResponse(decoding: try client.send("GET", "/v1/pull?since=0").body)
        #expect(page.changes.isEmpty)
    }

    @Test func aHashIsNotAPermission() throws {
        let prefecture = try Prefecture()
        let osaka = HTTPTestClient(port: prefecture.server.port, token: prefecture.staff["271004"])
        let sakai = HTTPTestClient(port: prefecture.server.port, token: prefecture.staff["271403"])
        let secret = Array("大阪市の内部資料".utf8)
        let hash = try Self.upload(osaka, secret)
        let document = Document(
            name: "内部.txt", folder: "", sha256: hash, size: Int64(secret.count), mediaType: "", note: "")
        #expect(
            try Self.push(
                osaka,
                [try Self.change("documents", RecordID.timeOrdered(), "file", scope: "271004", value: document.json)]
            ).status == 200)
        #expect(try osaka.send("GET", "/v1/blobs/\(hash)").body == secret)
        // Sakai knows the hash: refused, like any hash that names nothing.
        let guessed = try sakai.send("GET", "/v1/blobs/\(hash)")
        #expect(guessed.status == 404 && guessed.body.count < 200 && !guessed.text.contains("内部"))
        #expect(try sakai.send("GET", "/v1/blobs/\(hash)", headers: [("Range", "bytes=0-3")]).status == 404)
        // Nor does asking to upload it reveal that it exists.
        let probe = try sakai.send(
            "POST", "/v1/uploads", headers: [("Content-Type", "application/json")],
            body: UploadRequest(sha256: hash, size: Int64(secret.count)).jsonBytes)
        let probed = try UploadStatus(decoding: probe.body)
        #expect(probe.status == 201 && !probed.complete)
        // And Osaka's unfinished upload sessions are invisible to Sakai.
        let session = try osaka.send(
            "POST", "/v1/uploads", headers: [("Content-Type", "application/json")],
            body: UploadRequest(sha256: String(repeating: "7", count: 64), size: 10).jsonBytes)
        let id = try #require(try UploadStatus(decoding: session.body).id)
        #expect(try sakai.send("HEAD", "/v1/uploads/\(id)").status == 404)
        #expect(
            try sakai.send(
                "PATCH", "/v1/uploads/\(id)",
                headers: [("Content-Type", "application/offset+octet-stream"), ("Upload-Offset", "0")], body: [1]
            ).status == 404)
        let untouched = try osaka.send("HEAD", "/v1/uploads/\(id)")
        #expect(untouched.status == 200 && untouched.header("Upload-Offset") == "0", "Sakai wrote nothing into it")
    }

    @Test func badRequestsGetTheirAnswersAndChangeNothing() throws {
        let prefecture = try Prefecture()
        let port = prefecture.server.port
        let token = prefecture.staff["271004"]!
        let client = HTTPTestClient(port: port, token: token)
        let json = [("Content-Type", "application/json")]
        let replica = Self.writer.hex
        let cases: [(name: String, run: () throws -> HTTPTestClient.Answer, status: Int, code: String?)] = [
            ("no token", { try HTTPTestClient(port: port).send("GET", "/v1/pull") }, 401, "unauthorized"),
            (
                "unknown token",
                {
                    try HTTPTestClient(port: port, token: "rk_" + String(repeating: "ab", count: 32)).send(
                        "GET", "/v1/pull")
                }, 401, "unauthorized"
            ),
            (
                "not a bearer token",
                { try HTTPTestClient(port: port).send("GET", "/v1/pull", headers: [("Authorization", "Basic YTpi")]) },
                401, "unauthorized"
            ),
            (
                "token in the URL", { try HTTPTestClient(port: port).send("GET", "/v1/pull?token=\(token)") }, 400,
                "bad_request"
            ),
            (
                "access_token in the URL", { try client.send("GET", "/v1/pull?since=0&access_token=x") }, 400,
                "bad_request"
            ),
            (
                "malformed JSON",
                { try client.send("POST", "/v1/push", headers: json, body: Array("{\"replica\":".utf8)) }, 400,
                "malformed_json"
            ),
            (
                "not UTF-8",
                { try client.send("POST", "/v1/push", headers: json, body: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]) }, 400,
                "malformed_json"
            ),
            (
                "wrong type",
                {
                    try client.send(
                        "POST", "/v1/push", headers: json,
                        body: Array(#"{"replica":"\#(replica)","batch":7,"changes":[]}"#.utf8))
                }, 400, "invalid_field"
            ),
            (
                "unknown field",
                {
                    try client.send(
                        "POST", "/v1/push", headers: json,
                        body: Array(#"{"replica":"\#(replica)","batch":"b","changes":[],"admin":true}"#.utf8))
                }, 400, "invalid_field"
            ),
            (
                "wrong media type",
                {
                    try client.send(
                        "POST", "/v1/push", headers: [("Content-Type", "text/plain")], body: Array("{}".utf8))
                }, 415, nil
            ),
            ("bad pull parameter", { try client.send("GET", "/v1/pull?since=-1") }, 400, "invalid_field"),
            (
                "traversal in blob path", { try client.send("GET", "/v1/blobs/..%2F..%2Frenkei.sqlite") }, 400,
                "invalid_field"
            ),
            ("traversal in upload path", { try client.send("HEAD", "/v1/uploads/..%2F..%2Frenkei.sqlite") }, 404, nil),
            (
                "traversal in history record",
                { try client.send("GET", "/v1/history?collection=documents&record=..%2F..%2Fetc&field=file") }, 404,
                "not_found"
            ),
            (
                "bad collection in history",
                { try client.send("GET", "/v1/history?collection=../x&record=a&field=file") }, 400, "invalid_field"
            ),
            ("unknown path", { try client.send("GET", "/v1/../../etc/passwd") }, 404, "not_found"),
            (
                "10 GB body declared",
                {
                    try client.send(
                        "POST", "/v1/push",
                        rawHead:
                            "POST /v1/push HTTP/1.1\r\nHost: r\r\nAuthorization: Bearer \(token)\r\nContent-Length: 10737418240\r\n\r\n"
                    )
                }, 413, "payload_too_large"
            ),
            (
                "header flood",
                {
                    try client.send(
                        "GET", "/v1/pull",
                        rawHead: "GET /v1/pull HTTP/1.1\r\nHost: r\r\n"
                            + (0..<200).map { "X-F\($0): \(String(repeating: "a", count: 100))\r\n" }.joined() + "\r\n")
                }, 431, nil
            ),
            (
                "Content-Length and chunked",
                {
                    try client.send(
                        "POST", "/v1/push",
                        rawHead:
                            "POST /v1/push HTTP/1.1\r\nHost: r\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                    )
                }, 400, nil
            ),
            (
                "not UTF-8 in the path",
                {
                    try client.send(
                        "GET", "/v1/blobs/\u{FFFD}",
                        rawHead:
                            "GET /v1/blobs/\u{FF}\u{FE} HTTP/1.1\r\nHost: r\r\nAuthorization: Bearer \(token)\r\n\r\n")
                }, 400, nil
            ),
        ]
        let before = try client.send("GET", "/v1/health").text
        for item in cases {
            let answer = try item.run()
            #expect(answer.status == item.status, "\(item.name): \(answer.status) \(answer.text)")
            if let code = item.code {
                #expect(answer.text.contains(#""code":"\#(code)""#), "\(item.name): \(answer.text)")
            }
            #expect(!answer.text.contains("SELECT") && !answer.text.contains("/tmp"), "\(item.name) leaks internals")
        }
        #expect(try client.send("GET", "/v1/health").text == before, "nothing was applied")
    }

    @Test func aThousandSlowClientsDoNotStopANormalSync() throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        limit.rlim_cur = max(limit.rlim_cur, min(limit.rlim_max, 4096))
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)

        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        try osaka.put("answers", "osaka-dx-2025/271004/A01", "value", "true")
        var slow: [Socket] = []
        defer { slow.forEach { $0.close() } }
        for _ in 0..<1_000 {
            guard let socket = try? Socket.connect(host: "127.0.0.1", port: server.port) else { break }
            try? socket.sendAll(Array("GET /v1/pull HTTP/1.1\r\nHost: r\r\nX-Slow: ".utf8))
            slow.append(socket)
        }
        #expect(slow.count == 1_000, "opened \(slow.count) slow connections")
        // The attack is under way: its connections have waited for their heads longer than the
        // second after which the server may close them to admit others.
        Thread.sleep(forTimeInterval: 1.1)
        let started = Date()
        let result = try osaka.run(["sync", "--json"])
        let seconds = Date().timeIntervalSince(started)
        print("renkei sync beside 1,000 slow connections: \(String(format: "%.2f", seconds)) s")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(seconds < 2, "took \(seconds) s")
    }

    @Test func repeatedBadTokensAreThrottledButNeverLockedOut() throws {
        let prefecture = try Prefecture()
        let good = HTTPTestClient(port: prefecture.server.port, token: prefecture.staff["271004"])
        #expect(try good.send("GET", "/v1/pull").status == 200)
        let bad = HTTPTestClient(port: prefecture.server.port, token: "rk_" + String(repeating: "0", count: 64))
        var times: [Double] = []
        var statuses: [Int] = []
        for _ in 0..<6 {
            let started = Date()
            statuses.append(try bad.send("GET", "/v1/pull").status)
            times.append(Date().timeIntervalSince(started))
        }
        print("bad token answers: \(statuses) in \(times.map { String(format: "%.2f", $0) }) s")
        #expect(statuses == [401, 401, 401, 429, 429, 429], "from the fourth: 429 with Retry-After, no sleeping")
        #expect(times.allSatisfy { $0 < 0.5 }, "every answer comes at once")
        let started = Date()
        #expect(try good.send("GET", "/v1/pull").status == 200)
        #expect(Date().timeIntervalSince(started) < 0.5, "a token that worked here is never locked out")
    }
}
