import Foundation
import HTTP1
import Models
import SyncProtocol
import SyncStorage
import TestSupport
import Testing
import ZlibCoding

/// The server is the authority: attacks by ordinary staff and advisor tokens against the real
/// server, each asserting that its effect did not happen (not only a status code).
@Suite(.serialized) struct AuthorityAttackTests {
    typealias Prefecture = SecurityTests.Prefecture
    static let survey = "osaka-muni-dx-survey-example"

    /// A prefecture with the example survey published (open) by the advisor.
    struct World {
        let prefecture: Prefecture
        let osaka: HTTPTestClient
        let sakai: HTTPTestClient
        let advisor: HTTPTestClient
        let admin: HTTPTestClient

        init(surveyStatus: String = "open", serverArguments: [String] = []) throws {
            prefecture = try Prefecture(serverArguments: serverArguments)
            let port = prefecture.server.port
            osaka = HTTPTestClient(port: port, token: prefecture.staff["271004"])
            sakai = HTTPTestClient(port: port, token: prefecture.staff["271403"])
            advisor = HTTPTestClient(port: port, token: prefecture.advisor)
            admin = HTTPTestClient(port: port, token: prefecture.admin)
            try publish(status: surveyStatus, edition: 1)
        }

        /// Publishes the example survey with `status`; `edition` counts the advisor's publications;
        /// `edit` changes the schema's text before it is sent.
        func publish(status: String, edition: UInt64, edit: (String) -> String = { $0 }) throws {
            let text = try String(contentsOf: URL(fileURLWithPath: examplePath), encoding: .utf8)
            let schema = try JSONValue(parsing: Array(edit(text).utf8))
            var changes = [
                try SecurityTests.change("surveys", survey, "status", scope: "shared", value: .string(status)),
                try SecurityTests.change("surveys", survey, "items", scope: "shared", value: schema),
            ]
            for index in changes.indices {
                changes[index].version.vector = try AuthorityAttackTests.vector((SecurityTests.writer, edition))
            }
            let answer = try SecurityTests.push(advisor, changes)
            #expect(answer.status == 200, "\(answer.text)")
        }

        /// The server's sequence (from `/v1/health`): unchanged when nothing was applied.
        func sequence() throws -> Int64 {
            guard case .object(let members) = try JSONValue(parsing: try osaka.send("GET", "/v1/health").body),
                case .integer(let sequence)? = members["sequence"]
            else { return -1 }
            return sequence
        }

        /// Everything the advisor can pull.
        func everything() throws -> [Change] {
            try PullResponse(decoding: try advisor.send("GET", "/v1/pull?since=0&limit=10000").body).changes
        }
    }

    static var examplePath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples/data/questionnaire_example.json").standardized.path
    }

    static func answer(_ item: String, of code: String, _ value: JSONValue, row: String? = nil, field: String = "value")
        throws -> Change
    {
        try SecurityTests.change(
            "answers", "\(survey)/\(code)/\(item)\(row.map { "/" + $0 } ?? "")", field, scope: code, value: value)
    }

    static func vector(_ pairs: (ReplicaID, UInt64)...) throws -> VersionVector {
        try VersionVector(validating: pairs)
    }

    /// The first of `sockets` the server answers within 3 s (its index, and the start of its
    /// answer, up to 4 KiB), taken out of `sockets` and closed; nil when none is answered. Requests
    /// sent at once are admitted in the order the server's threads reach them, so a test of a
    /// cap cannot know beforehand which one is refused.
    static func firstAnswered(_ sockets: inout [Socket]) throws -> (index: Int, answer: String)? {
        var answered: Int?
        let asked = ContinuousClock.now
        while answered == nil && ContinuousClock.now - asked < .seconds(3) {
            answered = try sockets.indices.first { try sockets[$0].waitReadable(timeoutMilliseconds: 20) }
        }
        guard let index = answered else { return nil }
        let socket = sockets.remove(at: index)
        defer { socket.close() }
        var buffer = [UInt8](repeating: 0, count: 4_096)
        let count = try socket.receive(into: &buffer)
        return (index, String(decoding: buffer[0..<count], as: UTF8.self))
    }

    static func response(_ answer: HTTPTestClient.Answer) throws -> PushResponse {
        #expect(answer.status == 200, "\(answer.text)")
        return try PushResponse(decoding: answer.body)
    }

    // MARK: - a version rewritten under its own vector

    /// A replica's counter names one write: pushing other content under a vector the server
    /// already holds is refused alone (`version_reused`) and the stored version stays; the same
    /// content again is ignored, and a rewrite with a new counter is taken.
    @Test func aVersionCannotBeRewrittenUnderItsOwnVector() throws {
        let world = try World()
        let record = RecordID.timeOrdered()
        let first = try SecurityTests.change("hearings", record, "place", scope: "271004", value: "本庁")
        #expect(try Self.response(try SecurityTests.push(world.osaka, [first])).accepted == 1)
        let before = try world.sequence()

        var rewritten = first
        rewritten.version.value = "書き換え"
        let refused = try Self.response(try SecurityTests.push(world.osaka, [rewritten]))
        #expect(refused.accepted == 0 && refused.rejected.map(\.code) == [.versionReused], "\(refused)")
        #expect(try world.sequence() == before, "nothing applied")
        let held = try world.everything().filter { $0.key == first.key }
        #expect(held.map(\.version.value) == ["本庁"], "the stored version stays")

        let echo = try Self.response(try SecurityTests.push(world.osaka, [first]))
        #expect(echo.accepted == 0 && echo.ignored == 1 && echo.rejected.isEmpty, "the same write again is ignored")

        var next = rewritten
        next.version.vector = try Self.vector((SecurityTests.writer, 2))
        let taken = try Self.response(try SecurityTests.push(world.osaka, [next]))
        #expect(taken.accepted == 1 && taken.rejected.isEmpty, "\(taken)")
        #expect(try world.everything().filter { $0.key == first.key }.map(\.version.value) == ["書き換え"])

        // In one batch: a reuse (refused), a new write (taken), then a reuse of that new write's
        // vector: the server reads the field again after the write (it keeps the field it read
        // last only while changes are refused), so the third is refused too.
        var third = next
        third.version.vector = try Self.vector((SecurityTests.writer, 3))
        third.version.value = "二階"
        var reusesThird = third
        reusesThird.version.value = "偽"
        var reusesNext = next
        reusesNext.version.value = "偽"
        let mixed = try Self.response(try SecurityTests.push(world.osaka, [reusesNext, third, reusesThird]))
        #expect(mixed.accepted == 1 && mixed.rejected.map(\.index) == [0, 2], "\(mixed)")
        #expect(Set(mixed.rejected.map(\.code)) == [.versionReused])
        #expect(try world.everything().filter { $0.key == first.key }.map(\.version.value) == ["二階"])
    }

    // MARK: - thousands of conflicting versions of one field

    /// An outside review pushed thousands of mutually concurrent versions of one field (each
    /// vector its own replica's counter 1 and a different half of 16 other replicas the server
    /// knew): every one cost the transaction a pass over all the others, and one batch of 2,000
    /// held the write lock for 124 s. A register now keeps at most `maxConcurrentVersions`
    /// siblings: a change that would add one more is refused alone; a resolution still goes in.
    @Test func aFieldHoldsAtMostThirtyTwoConflictingVersionsAndAResolutionStillGoesIn() throws {
        let world = try World()
        let user = try SecurityTests.user(of: world.osaka)
        let key = try RecordKey(validating: "hearings", record: RecordID.timeOrdered(), field: "place")
        func change(_ pairs: [(ReplicaID, UInt64)], author: ReplicaID, _ value: JSONValue) throws -> Change {
            Change(
                key: key, scope: try Scope(validating: "271004"),
                version: Version(
                    vector: try VersionVector(validating: pairs), value: value, author: author, user: user,
                    at: UnixTime.milliseconds()))
        }
        func held() throws -> [Change] { try world.everything().filter { $0.key == key } }
        let offices = (0..<16).map { _ in ReplicaID.random() }
        for (index, office) in offices.enumerated() {
            let answer = try SecurityTests.pushAsIs(
                world.osaka, [try change([(office, 1)], author: office, .string("会議室\(index)"))], replica: office)
            #expect(try Self.response(answer).accepted == 1)
        }
        #expect(try held().count == 16)

        // One batch of 200 versions, pairwise concurrent: each has seen a different half of the offices.
        let forger = ReplicaID.random()
        var halves: [[ReplicaID]] = []
        var generator = SeededGenerator(seed: 9)
        while halves.count < 200 {
            let half = offices.shuffled(using: &generator).prefix(8).sorted { $0.hex < $1.hex }
            if !halves.contains(half) { halves.append(half) }
        }
        let batch = try halves.enumerated().map { index, half in
            try change(half.map { ($0, 1) } + [(forger, 1)], author: forger, .string("偽\(index)"))
        }
        let flood = try Self.response(try SecurityTests.pushAsIs(world.osaka, batch, replica: forger))
        #expect(
            flood.accepted + flood.rejected.count == 200 && flood.rejected.count > 150, "\(flood.accepted) accepted")
        #expect(Set(flood.rejected.map(\.code)) == [.tooManyVersions])
        #expect(try held().count == 32, "never more than 32 siblings")

        let late = ReplicaID.random()
        let refused = try Self.response(
            try SecurityTests.pushAsIs(world.osaka, [try change([(late, 1)], author: late, "遅れた版")], replica: late))
        #expect(refused.accepted == 0 && refused.rejected.map(\.code) == [.tooManyVersions], "\(refused)")
        #expect(!(try held().contains { $0.version.author == late }))

        // A resolution has seen them all: it replaces them, and the field takes conflicts again.
        let resolver = ReplicaID.random()
        let resolution = try change(
            offices.map { ($0, 1) } + [(forger, 1), (resolver, 1)], author: resolver, "本庁 3階")
        let resolved = try Self.response(try SecurityTests.pushAsIs(world.osaka, [resolution], replica: resolver))
        #expect(resolved.accepted == 1 && resolved.rejected.isEmpty, "\(resolved)")
        #expect(try held().map(\.version.value) == ["本庁 3階"])
        let again = try Self.response(
            try SecurityTests.pushAsIs(world.osaka, [try change([(late, 2)], author: late, "遅れた版")], replica: late))
        #expect(again.accepted == 1, "\(again)")
        #expect(try held().count == 2)
    }

    // MARK: - finding 1: record-id squatting

    @Test func anAnswerNamingAnotherMunicipalityIsRefusedAndNeverBlocksIt() throws {
        let world = try World()
        // Osaka City's staff write Sakai City's B07 into their own scope.
        let squat = try SecurityTests.change(
            "answers", "\(Self.survey)/271403/B07", "value", scope: "271004", value: 999)
        let own = try Self.answer("B07", of: "271004", 12)
        let result = try Self.response(try SecurityTests.push(world.osaka, [squat, own]))
        #expect(result.accepted == 1)
        #expect(result.rejected.map(\.code) == [.recordOutOfScope] && result.rejected.first?.index == 0)
        let stored = try world.everything().filter { $0.key.collection == "answers" }
        #expect(!stored.contains { $0.key.record.contains("/271403/") }, "nothing of Sakai's was written")
        #expect(stored.map(\.scope.description) == ["271004"])
        // Sakai City answers B07 itself: accepted, nothing stuck.
        let sakai = try Self.response(try SecurityTests.push(world.sakai, [try Self.answer("B07", of: "271403", 5)]))
        #expect(sakai.accepted == 1 && sakai.rejected.isEmpty)
        // Writing into Sakai's scope is refused with the same answer whether the key exists or not.
        let existing = try SecurityTests.push(world.osaka, [try Self.answer("B07", of: "271403", 1)])
        let missing = try SecurityTests.push(world.osaka, [try Self.answer("B08", of: "271403", 1)])
        #expect(existing.status == 403 && missing.status == 403)
        #expect(existing.text.replacingOccurrences(of: "B07", with: "B08") == missing.text)
        // The advisor cannot answer for anyone: not in a municipality's scope (403), nor in `shared`.
        #expect(try SecurityTests.push(world.advisor, [try Self.answer("B09", of: "271403", 1)]).status == 403)
        let shared = try Self.response(
            try SecurityTests.push(
                world.advisor,
                [try SecurityTests.change("answers", "\(Self.survey)/271403/B09", "value", scope: "shared", value: 1)]))
        #expect(shared.accepted == 0 && shared.rejected.map(\.code) == [.recordOutOfScope])
        #expect(!(try world.everything()).contains { $0.key.record.hasSuffix("/B09") })
    }

    @Test func aHearingIdOfAnotherMunicipalityCannotBeTaken() throws {
        let world = try World()
        let id = RecordID.timeOrdered()
        let original = try SecurityTests.change("hearings", id, "place", scope: "271403", value: "堺市役所")
        #expect(try Self.response(try SecurityTests.push(world.sakai, [original])).accepted == 1)
        let mine = try SecurityTests.change("hearings", RecordID.timeOrdered(), "place", scope: "271004", value: "本庁")
        let taken = try SecurityTests.change("hearings", id, "place", scope: "271004", value: "乗っ取り")
        let result = try Self.response(try SecurityTests.push(world.osaka, [mine, taken]))
        #expect(result.accepted == 1 && result.rejected.map(\.code) == [.recordTaken])
        #expect(!result.rejected[0].message.contains("271403"), "the refusal does not name the other scope")
        let hearing = try world.everything().filter { $0.key.record == id }
        #expect(hearing.map(\.scope.description) == ["271403"] && hearing.map(\.version.value) == ["堺市役所"])
        // Sakai keeps writing its own hearing.
        var later = original
        later.version.vector = try Self.vector((SecurityTests.writer, 2))
        later.version.value = "堺市役所 本館"
        #expect(try Self.response(try SecurityTests.push(world.sakai, [later])).accepted == 1)
    }

    /// The same squat hidden in a batch large enough that the store reads its key range ahead
    /// (`StoredKeys`) and skips the lookup of keys it finds new: Sakai's hearing lies among forty
    /// new ones of Osaka's, and is still found taken, its value untouched. (The record's scope is
    /// also read on its own, any field, so the refusal holds even where the read-ahead would
    /// take the key for new: the test still passes with the read-ahead's stored keys ignored.)
    @Test func aTakenHearingIdAmongManyNewOnesIsStillFound() throws {
        let world = try World()
        let before = (0..<20).map { _ in RecordID.timeOrdered() }
        let id = RecordID.timeOrdered()
        let after = (0..<20).map { _ in RecordID.timeOrdered() }
        let original = try SecurityTests.change("hearings", id, "place", scope: "271403", value: "堺市役所")
        #expect(try Self.response(try SecurityTests.push(world.sakai, [original])).accepted == 1)
        var batch = try (before + after).map {
            try SecurityTests.change("hearings", $0, "place", scope: "271004", value: "本庁")
        }
        batch.insert(try SecurityTests.change("hearings", id, "place", scope: "271004", value: "乗っ取り"), at: 20)
        let result = try Self.response(try SecurityTests.push(world.osaka, batch))
        #expect(result.accepted == 40 && result.rejected.map(\.code) == [.recordTaken], "\(result.rejected)")
        #expect(result.rejected.first?.index == 20)
        let hearing = try world.everything().filter { $0.key.record == id }
        #expect(hearing.map(\.scope.description) == ["271403"] && hearing.map(\.version.value) == ["堺市役所"])
    }

    /// A hearing item names a hearing of its own scope: one naming another municipality's
    /// hearing is refused alone and never shows under it; items of one's own hearings, written
    /// in the same batch or later, are accepted.
    @Test func aHearingItemCannotBeHungUnderAnotherMunicipalitysHearing() throws {
        let world = try World()
        let sakaiHearing = RecordID.timeOrdered()
        let original = try SecurityTests.change(
            "hearings", sakaiHearing, "place", scope: "271403", value: "堺市役所")
        #expect(try Self.response(try SecurityTests.push(world.sakai, [original])).accepted == 1)
        func item(_ hearing: String, _ question: String, scope: String = "271004") throws -> [Change] {
            let id = RecordID.timeOrdered()
            return [
                try SecurityTests.change("hearing-items", id, "hearing", scope: scope, value: .string(hearing)),
                try SecurityTests.change("hearing-items", id, "question", scope: scope, value: .string(question)),
            ]
        }
        let ownHearing = RecordID.timeOrdered()
        let batch =
            [try SecurityTests.change("hearings", ownHearing, "place", scope: "271004", value: "本庁")]
            + (try item(ownHearing, "自分のヒアリング")) + (try item(sakaiHearing, "堺市は随意契約しましたか？"))
            + (try item("no-such-hearing", "存在しないヒアリング"))
        let result = try Self.response(try SecurityTests.push(world.osaka, batch))
        #expect(result.rejected.map(\.index) == [3, 5], "\(result.rejected)")
        #expect(result.rejected.allSatisfy { $0.code == .recordOutOfScope })
        // Nothing of Osaka's names Sakai's hearing on the server.
        let named = try world.everything().filter {
            $0.key.collection == "hearing-items" && $0.key.field == "hearing"
                && $0.version.value == .string(sakaiHearing)
        }
        #expect(named.isEmpty, "\(named)")
        // Sakai's own items are accepted.
        #expect(
            try Self.response(try SecurityTests.push(world.sakai, try item(sakaiHearing, "質問", scope: "271403")))
                .rejected.isEmpty)
    }

    /// The work log is checked on the server whatever the client: staff may not write it, and
    /// the advisor's values must fit their fields and scopes. Each refusal leaves nothing stored.
    @Test func workLogValuesAreCheckedOnTheServer() throws {
        let world = try World()
        let id = RecordID.timeOrdered()
        func change(_ collection: String, _ field: String, _ value: JSONValue, scope: String = "shared") throws
            -> Change
        {
            try SecurityTests.change(collection, id, field, scope: scope, value: value)
        }
        // Staff write no work log, not even about themselves.
        let staff = try SecurityTests.push(world.osaka, [try change("inquiries", "question", "q", scope: "271004")])
        #expect(staff.status == 403)
        let forged: [Change] = [
            try change("inquiries", "minutes", -5),
            try change("inquiries", "date", "2026-02-30"),
            try change("inquiries", "secret", "a field no inquiry has"),
            try change("inquiries", "channel", "fax"),
            try change("inquiries", "question", .string(String(repeating: "長", count: 4001))),
            try change("inquiries", "question", "制御\u{07}文字"),
            try change("consultations", "municipalities", ["271004", "271004"]),
            try change("consultations", "municipalities", ["271005"]),
            try change("consultations", "attendees", .array([.integer(1)])),
        ]
        // Consultations and meetings live in `shared`: the advisor's grant writes no other scope.
        for misplaced in [
            try change("consultations", "theme", "a consultation of one municipality", scope: "271004"),
            try change("meetings", "title", "a meeting in a municipality's scope", scope: "271403"),
        ] {
            #expect(try SecurityTests.push(world.advisor, [misplaced]).status == 403)
        }
        let result = try Self.response(try SecurityTests.push(world.advisor, forged))
        #expect(result.accepted == 0, "\(result.rejected)")
        #expect(result.rejected.count == forged.count && result.rejected.allSatisfy { $0.code == .invalidField })
        let stored = try world.everything().filter {
            ["inquiries", "consultations", "meetings"].contains($0.key.collection)
        }
        #expect(stored.isEmpty, "\(stored)")
        // What fits is accepted.
        let fine = try Self.response(
            try SecurityTests.push(
                world.advisor,
                [
                    try change("inquiries", "minutes", 30, scope: "271403"),
                    try change("inquiries", "date", "2026-06-03", scope: "271403"),
                ]))
        #expect(fine.accepted == 2 && fine.rejected.isEmpty)
        // Sakai's staff read the inquiry about Sakai; Osaka's do not.
        let osakaPull = try PullResponse(decoding: try world.osaka.send("GET", "/v1/pull?since=0&limit=10000").body)
        #expect(!osakaPull.changes.contains { $0.key.collection == "inquiries" })
        let sakaiPull = try PullResponse(decoding: try world.sakai.send("GET", "/v1/pull?since=0&limit=10000").body)
        #expect(sakaiPull.changes.filter { $0.key.collection == "inquiries" }.count == 2)
    }

    /// The server keeps a survey's worked-out schema across pushes (`SurveySchemaCache`): each
    /// publication of the survey is what the next answers are checked against, never the one
    /// kept before it.
    @Test func answersAreCheckedAgainstTheSurveyAsLastPublished() throws {
        let world = try World()
        var writes: UInt64 = 0
        func staff(_ count: Int64) throws -> PushResponse {
            writes += 1
            var answer = try Self.answer("B08", of: "271403", .integer(count))
            answer.version.vector = try Self.vector((SecurityTests.writer, writes))
            return try Self.response(try SecurityTests.push(world.sakai, [answer]))
        }
        #expect(try staff(150).accepted == 1)
        #expect(try staff(300).rejected.map(\.code) == [.invalidAnswer], "over B08's maximum of 200")
        try world.publish(status: "open", edition: 2) {
            $0.replacingOccurrences(of: "\"max\": 200,", with: "\"max\": 500,")
        }
        let second = try staff(300)
        #expect(second.accepted == 1, "the maximum is 500 since the second publication: \(second)")
        try world.publish(status: "open", edition: 3) {
            $0.replacingOccurrences(of: "\"max\": 200,", with: "\"max\": 100,")
        }
        let third = try staff(150)
        #expect(third.accepted == 0 && third.rejected.map(\.code) == [.invalidAnswer], "\(third)")
        try world.publish(status: "closed", edition: 4)
        #expect(try staff(50).rejected.map(\.code) == [.surveyClosed])
    }

    /// A survey whose schema the advisor deleted or replaced by one that does not parse is not
    /// published: its answers are refused as `survey_closed`, not stored unchecked (an outside
    /// review stored a 50-character text, an unknown item and another municipality's code in the
    /// own-code item of a closed survey that way).
    @Test func answersToASurveyWithoutAValidSchemaAreRefused() throws {
        let world = try World()
        var writes: UInt64 = 0
        func push(_ item: String, _ value: JSONValue) throws -> PushResponse {
            writes += 1
            var answer = try Self.answer(item, of: "271004", value)
            answer.version.vector = try Self.vector((SecurityTests.writer, writes))
            return try Self.response(try SecurityTests.push(world.osaka, [answer]))
        }
        #expect(try push("B08", 150).accepted == 1)
        let before = try world.everything().count

        // A schema with a member the schema language does not have does not parse.
        try world.publish(status: "open", edition: 2) {
            $0.replacingOccurrences(of: "\"survey_id\"", with: "\"x_notes\": 1, \"survey_id\"")
        }
        for (item, value) in [("B08", JSONValue.integer(5_000)), ("NOPE", .string("x")), ("A01", "271403")] {
            let refused = try push(item, value)
            #expect(refused.accepted == 0 && refused.rejected.map(\.code) == [.surveyClosed], "\(item): \(refused)")
        }
        // Deleted.
        var deletion = try SecurityTests.change("surveys", Self.survey, "items", scope: "shared", value: .null)
        deletion.version.vector = try Self.vector((SecurityTests.writer, 3))
        #expect(try SecurityTests.push(world.advisor, [deletion]).status == 200)
        #expect(try push("B08", 150).rejected.map(\.code) == [.surveyClosed])
        #expect(
            try world.everything().filter { $0.key.collection == "answers" }.count
                == 1, "only the answer taken while the schema was valid: \(before)")
    }

    /// Survey patterns through the real server: a pattern that backtracking engines take
    /// exponential time over is matched in linear time (a long answer is refused at once, and the
    /// server goes on answering), and one batch matches at most `SurveyRules.patternWorkPerBatch`
    /// steps: the answers past it are refused alone, not stored, and taken when sent in a later
    /// batch. (The third outside review held a push slot for seconds with patterned answers.)
    @Test func patternChecksTakeLinearTimeAndABoundedShareOfOneBatch() throws {
        let world = try World()
        let wide = #".{0,60}.{0,60}x"#  // about 250 states: 5,001 characters take ~1.25M steps
        let items = (1...6).map {
            #"{"id":"Z0\#($0)","label":"z","type":"text","max_length":6000,"pattern":"\#(wide)"}"#
        }
        let nested = #"{"id":"Z07","label":"z","type":"text","max_length":6000,"pattern":"(a|aa)+b"}"#
        try world.publish(status: "open", edition: 2) {
            $0.replacingOccurrences(
                of: #""sections": ["#,
                with: #""sections": [{"id":"Z","title":"Z","items":["# + (items + [nested]).joined(separator: ",")
                    + "]},")
        }
        let stored = { try world.everything().filter { $0.key.collection == "answers" }.map(\.key.record) }

        let exponential = try Self.response(
            try SecurityTests.push(
                world.osaka, [try Self.answer("Z07", of: "271004", .string(String(repeating: "a", count: 3_000)))]))
        #expect(exponential.rejected.map(\.code) == [.invalidAnswer], "\(exponential)")
        #expect(try world.osaka.send("GET", "/v1/health").status == 200)
        #expect(try stored().isEmpty)

        let long = JSONValue.string(String(repeating: "a", count: 5_000) + "x")
        let batch = try (1...6).map { try Self.answer("Z0\($0)", of: "271004", long) }
        let first = try Self.response(try SecurityTests.push(world.osaka, batch))
        #expect(first.accepted >= 1 && first.accepted < batch.count, "\(first)")
        #expect(first.rejected.count == batch.count - first.accepted)
        #expect(
            first.rejected.allSatisfy { $0.code == .invalidAnswer && $0.message.contains("too much text") },
            "\(first.rejected)")
        let refused = Set(first.rejected.map { batch[$0.index].key.record })
        #expect(Set(try stored()).isDisjoint(with: refused), "a refused answer is not stored")
        #expect(try stored().count == first.accepted)

        let rest = batch.filter { refused.contains($0.key.record) }.prefix(first.accepted)
        let second = try Self.response(try SecurityTests.push(world.osaka, Array(rest)))
        #expect(second.accepted == rest.count && second.rejected.isEmpty, "a later batch has its own budget: \(second)")
    }

    /// An honest batch within the budget is taken whole: 1,500 table rows of product names
    /// against `^[^\n]{1,100}$` (about 200 states, two or three live at a time). When each
    /// match was charged every state of its pattern, a fourth outside review had the last 44 rows
    /// refused for good.
    @Test func anHonestBatchOfPatternedTableRowsIsTakenWhole() throws {
        let world = try World()
        let column = #"{"id":"name","label":"n","type":"text","max_length":100,"pattern":"^[^\\n]{1,100}$"}"#
        let tables = (1...3).map { #"{"id":"Z1\#($0)","label":"z","type":"table","columns":[\#(column)]}"# }
        try world.publish(status: "open", edition: 2) {
            $0.replacingOccurrences(
                of: #""sections": ["#,
                with: #""sections": [{"id":"Z","title":"Z","items":["# + tables.joined(separator: ",") + "]},")
        }
        let rows = try (1...3).flatMap { table in
            try (1...500).map { row in
                try Self.answer(
                    "Z1\(table)", of: "271004", .string("製品名サービス \(row) 版"), row: "r\(row)", field: "name")
            }
        }
        let result = try Self.response(try SecurityTests.push(world.osaka, rows))
        #expect(result.accepted == rows.count && result.rejected.isEmpty, "\(result.rejected.prefix(3))")
    }

    /// A batch that changes a survey cannot answer or submit to it: the answers would be judged
    /// against the survey as it was and committed with its change (a fifth outside review, as an
    /// advisor allowed to enter Sakai's answers, closed a survey and answered it in one batch, and
    /// published a stricter schema with an answer it refuses). Refused alone; the survey change
    /// applies, and the answer is judged on its own in a later batch.
    @Test func aBatchThatChangesASurveyCannotAnswerIt() throws {
        let world = try World()
        let admin = try CommandRunner.run(
            "renkei-server",
            ["admin", "user", "allow-entry", "advisor", "271403", "--data", world.prefecture.server.dataDirectory])
        #expect(admin.status == 0, "\(admin.stderr)")
        var close = try SecurityTests.change("surveys", Self.survey, "status", scope: "shared", value: "closed")
        close.version.vector = try Self.vector((SecurityTests.writer, 2))
        let answer = try Self.answer("B08", of: "271403", 150)
        let submission = try SecurityTests.change(
            "submissions", "\(Self.survey)/271403", "state", scope: "271403", value: ["state": "submitted"])
        let result = try Self.response(try SecurityTests.push(world.advisor, [close, answer, submission]))
        #expect(result.accepted == 1, "the survey change alone: \(result)")
        #expect(result.rejected.map(\.index) == [1, 2] && result.rejected.allSatisfy { $0.code == .surveyClosed })
        #expect(result.rejected.allSatisfy { $0.message.contains("自体も変更") }, "\(result.rejected)")
        let stored = try world.everything()
        #expect(!stored.contains { $0.key.collection == "answers" || $0.key.collection == "submissions" })
        #expect(stored.contains { $0.key.field == "status" && $0.version.value == "closed" })
        let later = try Self.response(
            try SecurityTests.push(world.advisor, [try Self.answer("B08", of: "271403", 151)]))
        #expect(later.rejected.map(\.code) == [.surveyClosed], "judged against the closed survey: \(later)")
    }

    /// A submission's check runs the survey's patterns inside the write transaction, within one
    /// budget for the batch: a sixth outside review stored long answers before the survey was
    /// published (answers to a survey without a schema are kept unchecked), published a costly
    /// pattern and submitted; every municipality's pushes and pulls waited 96 s, and the refused
    /// submission could be sent again at will. Past the budget it is refused at once.
    ///
    /// The budget counts work, not time: it takes about 0.6 s in a release build and 2.6-4.9 s in
    /// the debug build these tests run on two cores (a 5 s bound and the client's 5 s wait were
    /// met by a hair on a slow day), so the bound is a fifth of the 96 s the attack held before.
    @Test func aSubmissionsPatternChecksStopAtTheBudgetAndRefuseIt() throws {
        let world = try World()
        let submission = try Self.costlySubmission(in: world)
        let started = Date()
        let result = try Self.response(
            try SecurityTests.push(world.sakai, [submission], timeoutMilliseconds: Self.costlyPushMilliseconds))
        let seconds = Date().timeIntervalSince(started)
        #expect(result.rejected.map(\.code) == [.submissionRefused], "\(result)")
        #expect(result.rejected.first?.message.contains("1回の送信で行える量") == true, "\(result.rejected)")
        #expect(seconds < 19, "the submission held the write lock for \(seconds) s")
        #expect(!(try world.everything()).contains { $0.key.collection == "submissions" })
    }

    /// A refused submission could be sent again at will, each one holding the write lock for its
    /// whole pattern budget (about half a second). A user's checks now share a budget over time
    /// (three batches' worth, refilled over 10 minutes): past it, the submission is refused
    /// before its check runs, saying when to try again, and the push is over at once. Another
    /// municipality's user keeps a share of its own.
    @Test func aUsersRepeatedCostlySubmissionsAreRefusedUncheckedOnceItsShareIsSpent() throws {
        let world = try World()
        let submission = try Self.costlySubmission(in: world)
        var seconds: [Double] = []
        var messages: [String] = []
        for _ in 0..<5 {
            let started = Date()
            let result = try Self.response(
                try SecurityTests.push(world.sakai, [submission], timeoutMilliseconds: Self.costlyPushMilliseconds))
            seconds.append(Date().timeIntervalSince(started))
            #expect(result.rejected.map(\.code) == [.submissionRefused], "\(result)")
            messages.append(result.rejected.first?.message ?? "")
        }
        #expect(messages.prefix(3).allSatisfy { $0.contains("1回の送信で行える量") }, "\(messages)")
        #expect(messages.suffix(2).allSatisfy { $0.contains("秒後にもう一度提出してください") }, "\(messages)")
        print(
            "costly submissions, seconds per push: "
                + seconds.map { String(format: "%.3f", $0) }.joined(separator: ", "))
        // Checked: each held the write lock for its budget; unchecked: a fraction of that.
        #expect(seconds[3] < seconds[0] / 4 && seconds[4] < seconds[0] / 4, "seconds per push: \(seconds)")
        #expect(!(try world.everything()).contains { $0.key.collection == "submissions" })

        let osaka = try SecurityTests.change(
            "submissions", "\(Self.lateSchemaSurvey)/271004", "state", scope: "271004", value: ["state": "submitted"])
        let checked = try Self.response(try SecurityTests.push(world.osaka, [osaka]))
        #expect(
            checked.accepted == 1 || checked.rejected.first?.message.contains("回答にエラーが") == true,
            "Osaka's submission was checked with its own share: \(checked)")
    }

    /// A seventh outside review published surveys of 26,000 items, each shown only when the
    /// last item says "a" (no pattern anywhere), and sent batches of six submissions to them:
    /// reading each survey searched the item list once per condition, inside the write
    /// transaction, and another municipality's push waited up to 128 s. Now a survey has at most
    /// `Questionnaire.maxItems` items (one more and it has no valid schema: submissions to it
    /// are refused before the transaction), reading one is linear, and each check is charged
    /// per item to the batch's and the user's budgets before it runs.
    @Test func submissionsToLargeSurveysStopAtTheBudgetsEvenWithoutPatterns() throws {
        let world = try World()
        func survey(_ id: String, items count: Int) throws -> JSONValue {
            var items: [JSONValue] = (2..<count).map { index in
                [
                    "id": .string("i\(index)"), "label": "l", "type": "text",
                    "visible_if": ["item": "z", "equals": "a"],
                ]
            }
            items.append(["id": "req", "label": "r", "type": "text", "required": true])
            items.append(["id": "z", "label": "z", "type": "text"])
            return [
                "survey_id": .string(id), "title": "t",
                "sections": [["id": "S", "title": "s", "items": .array(items)]],
            ]
        }
        let ids = (0..<6).map { "attack-large-\($0)" }
        var publish: [Change] = []
        for (id, count) in zip(
            ids + ["attack-too-large"],
            Array(repeating: Questionnaire.maxItems, count: 6) + [
                Questionnaire.maxItems + 1
            ])
        {
            publish.append(try SecurityTests.change("surveys", id, "status", scope: "shared", value: "open"))
            publish.append(
                try SecurityTests.change("surveys", id, "items", scope: "shared", value: try survey(id, items: count)))
        }
        for index in publish.indices { publish[index].version.vector = try Self.vector((SecurityTests.writer, 1)) }
        #expect(try Self.response(try SecurityTests.push(world.advisor, publish)).accepted == publish.count)

        func submission(_ id: String) throws -> Change {
            try SecurityTests.change(
                "submissions", "\(id)/271403", "state", scope: "271403", value: ["state": "submitted"])
        }
        // One item too many: no valid schema, refused before the transaction.
        let tooLarge = try Self.response(try SecurityTests.push(world.sakai, [try submission("attack-too-large")]))
        #expect(tooLarge.rejected.map(\.code) == [.surveyClosed], "\(tooLarge)")

        let batch = try ids.map(submission)
        var rounds: [[String]] = []
        for _ in 0..<5 {
            let result = try Self.response(try SecurityTests.push(world.sakai, batch))
            #expect(result.accepted == 0 && result.rejected.count == 6, "\(result)")
            rounds.append(result.rejected.map(\.message))
            if rounds.last!.allSatisfy({ $0.contains("秒後にもう一度提出してください") }) { break }
        }
        // The first batch: five checks fill the batch's budget (each finds the required item
        // missing), the sixth is refused for it.
        #expect(rounds[0].prefix(5).allSatisfy { $0.contains("回答にエラーが") }, "\(rounds[0])")
        #expect(rounds[0][5].contains("1回の送信で行える量"), "\(rounds[0])")
        // Then the user's share runs out: every submission refused unchecked (three batches' worth).
        #expect(rounds.count == 4, "batches until refused unchecked: \(rounds.count)")
        #expect(!(try world.everything()).contains { $0.key.collection == "submissions" })
    }

    /// A second review on 0.28 summed one table column thousands of times (100 sums of 3,450
    /// parts, all `t.c`, over 500 stored rows): each submission's check read the rows once per
    /// part, 9.4 s inside the write transaction, charged almost nothing. Now a sum has at most
    /// 100 parts, each named once (that survey has no valid schema), a survey at most 200
    /// rules, each column is summed once per check, and parts and answers read are charged.
    @Test func sumsOverOneColumnAreReadOnceAndBounded() throws {
        let world = try World()
        func survey(_ id: String, rules: Int, partsPerRule: Int) -> JSONValue {
            let table: JSONValue = [
                "id": "t", "label": "t", "type": "table", "columns": [["id": "c", "label": "c", "type": "integer"]],
            ]
            let items: [JSONValue] = [
                table, ["id": "tot", "label": "t", "type": "integer"],
                ["id": "req", "label": "r", "type": "text", "required": true],
            ]
            let parts = JSONValue.array(Array(repeating: "t.c", count: partsPerRule))
            let sums: [JSONValue] = (0..<rules).map {
                ["id": .string("s\($0)"), "rule": "sum", "parts": parts, "total": "tot", "message": "m"]
            }
            return [
                "survey_id": .string(id), "title": "t",
                "sections": [["id": "S", "title": "s", "items": .array(items)]],
                "cross_item_rules": .array(sums),
            ]
        }
        let surveys = [("attack-sums", 200, 1), ("attack-repeated-part", 100, 3_450)]
        var publish: [Change] = []
        for (id, rules, parts) in surveys {
            publish.append(try SecurityTests.change("surveys", id, "status", scope: "shared", value: "open"))
            publish.append(
                try SecurityTests.change(
                    "surveys", id, "items", scope: "shared", value: survey(id, rules: rules, partsPerRule: parts)))
        }
        for index in publish.indices { publish[index].version.vector = try Self.vector((SecurityTests.writer, 1)) }
        #expect(try Self.response(try SecurityTests.push(world.advisor, publish)).accepted == publish.count)
        let rows = try (0..<500).map {
            try SecurityTests.change("answers", "attack-sums/271403/t/r\($0)", "c", scope: "271403", value: 1)
        }
        #expect(try Self.response(try SecurityTests.push(world.sakai, rows)).accepted == 500)

        func submission(_ id: String) throws -> Change {
            try SecurityTests.change(
                "submissions", "\(id)/271403", "state", scope: "271403", value: ["state": "submitted"])
        }
        let repeated = try Self.response(try SecurityTests.push(world.sakai, [try submission("attack-repeated-part")]))
        #expect(repeated.rejected.map(\.code) == [.surveyClosed], "\(repeated)")
        let started = Date()
        let checked = try Self.response(try SecurityTests.push(world.sakai, [try submission("attack-sums")]))
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "a submission to 200 sums over 500 rows: %.3f s", seconds))
        #expect(checked.rejected.first?.message.contains("回答にエラーが") == true, "\(checked)")
        #expect(seconds < 2, "the check held the write lock for \(seconds) s")
    }

    /// A third review on 0.28 stored long cells of decomposed kana (60 KB each) under 20 unique
    /// rules naming one column ten times: each row's keys were hashed and compared in full, 50 s
    /// per submission inside the write lock, charged 1.4% of a batch's budget. A unique rule now
    /// names each column once, and the check is charged the answers' bytes times the rules that
    /// read them before it runs: such a submission is refused for the budget without judging.
    @Test func longCellsUnderTableRulesAreChargedByTheirBytes() throws {
        let world = try World()
        let id = "attack-long-cells"
        let columns: [JSONValue] = (0..<10).map { ["id": .string("c\($0)"), "label": "c", "type": "text"] }
        let unique: JSONValue = [
            "rule": "unique", "columns": .array((0..<10).map { .string("c\($0)") }), "message": "m",
        ]
        let table: JSONValue = [
            "id": "t", "label": "t", "type": "table", "columns": .array(columns),
            "table_rules": .array(Array(repeating: unique, count: QuestionnaireItem.maxTableRules)),
        ]
        let schema: JSONValue = [
            "survey_id": .string(id), "title": "t",
            "sections": [
                [
                    "id": "S", "title": "s",
                    "items": [table, ["id": "req", "label": "r", "type": "text", "required": true]],
                ]
            ],
        ]
        var publish = [
            try SecurityTests.change("surveys", id, "status", scope: "shared", value: "open"),
            try SecurityTests.change("surveys", id, "items", scope: "shared", value: schema),
        ]
        for index in publish.indices { publish[index].version.vector = try Self.vector((SecurityTests.writer, 1)) }
        #expect(try Self.response(try SecurityTests.push(world.advisor, publish)).accepted == 2)
        let long = JSONValue.string(String(repeating: "か\u{3099}", count: 10_000))
        let cells = try (0..<4).flatMap { row in
            try (0..<10).map { column in
                try SecurityTests.change(
                    "answers", "\(id)/271403/t/r\(row)", "c\(column)", scope: "271403", value: long)
            }
        }
        #expect(try Self.response(try SecurityTests.push(world.sakai, cells)).accepted == cells.count)
        let submission = try SecurityTests.change(
            "submissions", "\(id)/271403", "state", scope: "271403", value: ["state": "submitted"])
        let started = Date()
        let result = try Self.response(try SecurityTests.push(world.sakai, [submission]))
        print(
            String(
                format: "a submission over 40 long cells under 20 unique rules: %.3f s",
                Date().timeIntervalSince(started)))
        #expect(result.rejected.first?.message.contains("1回の送信で行える量") == true, "\(result)")
    }

    static let lateSchemaSurvey = "attack-late-schema"

    /// Stores Sakai's long answers to `lateSchemaSurvey` before it has a schema (kept
    /// unchecked), then publishes it with a costly pattern on every column; returns Sakai's
    /// submission, whose check runs that pattern over every answer.
    /// How long a test waits for the answer to a push whose check spends a whole budget (the
    /// client's usual 5 s is about what that takes in a debug build).
    static let costlyPushMilliseconds: Int32 = 60_000

    static func costlySubmission(in world: World) throws -> Change {
        let survey = lateSchemaSurvey
        let long = JSONValue.string(String(repeating: "!", count: 60_000))
        let cells = try (0..<3).flatMap { row in
            try (0..<10).map { column in
                try SecurityTests.change(
                    "answers", "\(survey)/271403/R/r\(row)", "c\(column)", scope: "271403", value: long)
            }
        }
        let early = try Self.response(try SecurityTests.push(world.sakai, cells))
        #expect(early.accepted == cells.count, "no schema yet: kept unchecked \(early.rejected.prefix(2))")

        let columns = (0..<10).map {
            #"{"id":"c\#($0)","label":"c","type":"text","max_length":60000,"pattern":"[^\\d\\s\\w]{0,80}x"}"#
        }
        let table = #"{"id":"R","label":"r","type":"table","columns":["# + columns.joined(separator: ",") + "]}"
        let text = try String(contentsOf: URL(fileURLWithPath: Self.examplePath), encoding: .utf8)
            .replacingOccurrences(of: #""survey_id": "\#(Self.survey)""#, with: #""survey_id": "\#(survey)""#)
            .replacingOccurrences(
                of: #""sections": ["#, with: #""sections": [{"id":"Z","title":"Z","items":["# + table + "]},")
        var publish = [
            try SecurityTests.change("surveys", survey, "status", scope: "shared", value: "open"),
            try SecurityTests.change(
                "surveys", survey, "items", scope: "shared", value: try JSONValue(parsing: Array(text.utf8))),
        ]
        for index in publish.indices { publish[index].version.vector = try Self.vector((SecurityTests.writer, 1)) }
        let published = try Self.response(try SecurityTests.push(world.advisor, publish))
        #expect(published.accepted == 2, "\(published.rejected)")

        return try SecurityTests.change(
            "submissions", "\(survey)/271403", "state", scope: "271403", value: ["state": "submitted"])
    }

    /// A request with two `Authorization` fields is refused (the server used the first one), even
    /// when both hold the same valid token; one field still works.
    @Test func twoAuthorizationFieldsAreRefused() throws {
        let world = try World()
        let token = try #require(world.prefecture.staff["271004"])
        for second in [token, try #require(world.prefecture.staff["271403"])] {
            let answer = try world.osaka.send("GET", "/v1/whoami", headers: [("Authorization", "Bearer \(second)")])
            #expect(answer.status == 401 && answer.text.contains("one Authorization field"), "\(answer.text)")
        }
        #expect(try world.osaka.send("GET", "/v1/whoami").status == 200)
    }

    /// An era year near `Int.max` once overflowed the date reading and stopped the server: in an
    /// answer, a stored hearing date the dashboard reads, and the dashboard's own query.
    @Test func hugeEraYearsNeitherStopTheServerNorStick() throws {
        let world = try World()
        let huge = "R9223372036854775807.1.1"
        let answer = try Self.response(
            try SecurityTests.push(
                world.sakai, [try Self.answer("D01", of: "271403", .string(huge), row: "r1", field: "contract_end")]))
        #expect(answer.accepted == 0 && answer.rejected.map(\.code) == [.invalidAnswer])
        let month = try Self.response(
            try SecurityTests.push(
                world.sakai,
                [
                    try Self.answer(
                        "D03", of: "271403", "R9223372036854775807.1", row: "jumin_kihon_daicho",
                        field: "migration_month")
                ]))
        #expect(month.accepted == 0)
        // Hearing values are the municipality's own words: stored, and read without a trap.
        let hearing = try SecurityTests.change(
            "hearings", RecordID.timeOrdered(), "date", scope: "271403", value: .string(huge))
        #expect(try Self.response(try SecurityTests.push(world.sakai, [hearing])).accepted == 1)
        let signIn = try world.advisor.send(
            "POST", "/login", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("token=\(world.prefecture.advisor)".utf8))
        let cookie = try #require(signIn.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        let client = HTTPTestClient(port: world.prefecture.server.port)
        #expect(try client.send("GET", "/", headers: [("Cookie", cookie)]).status == 200)
        let programme = try client.send("GET", "/hearings", headers: [("Cookie", cookie)])
        #expect(programme.status == 200 && programme.text.contains("<td>日付のないヒアリング</td><td class=\"n\">1</td>"))
        for query in ["by=\(huge)", "by=10000-01-01", "target=%", "by=%", "target=5&target=6", "target=%2B5"] {
            #expect(
                try client.send("GET", "/hearings?\(query)", headers: [("Cookie", cookie)]).status == 400, "\(query)")
        }
        #expect(try world.sequence() > 0, "the server still answers")
    }

    /// Only the advisor and admins put a hearing item in the FAQ that is published to every
    /// municipality; staff may clear the flag.
    @Test func staffCannotPutAnItemInTheFAQ() throws {
        let world = try World()
        let hearing = RecordID.timeOrdered()
        let item = RecordID.timeOrdered()
        let changes = [
            try SecurityTests.change("hearings", hearing, "place", scope: "271403", value: "堺市役所"),
            try SecurityTests.change("hearing-items", item, "hearing", scope: "271403", value: .string(hearing)),
            try SecurityTests.change("hearing-items", item, "question", scope: "271403", value: "作り話"),
            try SecurityTests.change("hearing-items", item, "faq", scope: "271403", value: true),
        ]
        let result = try Self.response(try SecurityTests.push(world.sakai, changes))
        #expect(result.accepted == 3 && result.rejected.map(\.index) == [3] && result.rejected[0].code == .invalidField)
        #expect(!(try world.everything()).contains { $0.key.field == "faq" && $0.version.value == true })
        var cleared = changes[3]
        cleared.version.value = false
        #expect(try Self.response(try SecurityTests.push(world.sakai, [cleared])).accepted == 1)
    }

    /// A hearing id of another municipality, written again in one's own scope in the same batch
    /// (refused as taken), lends no standing to an item naming it.
    @Test func aTakenHearingIdInTheSameBatchLendsNoStanding() throws {
        let world = try World()
        let osakaHearing = RecordID.timeOrdered()
        let original = try SecurityTests.change("hearings", osakaHearing, "place", scope: "271004", value: "大阪市役所")
        #expect(try Self.response(try SecurityTests.push(world.osaka, [original])).accepted == 1)
        let item = RecordID.timeOrdered()
        let batch = [
            try SecurityTests.change("hearings", osakaHearing, "zz", scope: "271403", value: "乗っ取り"),
            try SecurityTests.change("hearing-items", item, "hearing", scope: "271403", value: .string(osakaHearing)),
        ]
        let result = try Self.response(try SecurityTests.push(world.sakai, batch))
        #expect(result.accepted == 0, "\(result.rejected)")
        #expect(Set(result.rejected.map(\.code)) == [.recordTaken, .recordOutOfScope], "\(result.rejected)")
        #expect(!(try world.everything()).contains { $0.key.record == item })
    }

    // MARK: - finding 2: forged author, vector and user

    @Test func forgedAuthorsVectorsUsersAndReplicasAreRefusedWhole() throws {
        let world = try World()
        let advisorReplica = SecurityTests.replica(of: world.advisor)
        let hearing = RecordID.timeOrdered()
        let first = try SecurityTests.change("hearings", hearing, "summary", scope: "271004", value: "初回")
        #expect(try Self.response(try SecurityTests.push(world.advisor, [first])).accepted == 1)
        let before = try world.sequence()
        let osakaReplica = SecurityTests.replica(of: world.osaka)
        let osakaUser = try SecurityTests.user(of: world.osaka)

        func forged(_ edit: (inout Version) throws -> Void) throws -> HTTPTestClient.Answer {
            var change = try SecurityTests.change("hearings", hearing, "summary", scope: "271004", value: "改ざん")
            change.version.author = osakaReplica
            change.version.user = osakaUser
            change.version.vector = try Self.vector((advisorReplica, 1), (osakaReplica, 1))
            try edit(&change.version)
            return try SecurityTests.pushAsIs(world.osaka, [change], replica: osakaReplica)
        }
        let attacks: [(String, HTTPTestClient.Answer)] = [
            (
                "author = the advisor's replica",
                try forged {
                    $0.author = advisorReplica
                    $0.vector = try Self.vector((advisorReplica, 2))
                }
            ),
            (
                "advisor's counter at 2^63-1",
                try forged { $0.vector = try Self.vector((advisorReplica, UInt64(Int64.max)), (osakaReplica, 1)) }
            ),
            (
                "advisor's counter ahead of the server",
                try forged { $0.vector = try Self.vector((advisorReplica, 2), (osakaReplica, 1)) }
            ),
            (
                "own counter at 2^53",
                try forged { $0.vector = try Self.vector((advisorReplica, 1), (osakaReplica, 1 << 53)) }
            ),
            ("user = suzuki", try forged { $0.user = "suzuki" }),
            ("at in 2096", try forged { $0.at = 4_000_000_000_000 }),
            ("at = 1", try forged { $0.at = 1 }),
        ]
        for (name, answer) in attacks {
            #expect(answer.status == 400 && answer.text.contains("invalid_field"), "\(name): \(answer.text)")
        }
        #expect(try world.sequence() == before, "nothing was applied")
        // The advisor's own next edit of the field still works.
        var second = try SecurityTests.change("hearings", hearing, "summary", scope: "271004", value: "二回目")
        second.version.vector = try Self.vector((SecurityTests.writer, 2))
        #expect(try Self.response(try SecurityTests.push(world.advisor, [second])).accepted == 1)
        let summary = try world.everything().filter { $0.key.record == hearing }
        #expect(summary.map(\.version.value) == ["二回目"] && summary.map(\.version.user) == ["advisor"])
        // A replica id belongs to the user whose token first pushed from it.
        let stolen = try SecurityTests.pushAsIs(
            world.osaka,
            [
                Change(
                    key: try RecordKey(validating: "hearings", record: RecordID.timeOrdered(), field: "place"),
                    scope: try Scope(validating: "271004"),
                    version: Version(
                        vector: try Self.vector((advisorReplica, 9)), value: "x",
                        author: advisorReplica, user: osakaUser, at: UnixTime.milliseconds()))
            ], replica: advisorReplica)
        #expect(stolen.status == 403 && stolen.text.contains("replica_owned"), "\(stolen.text)")
        #expect(try world.sequence() == before + 1)
    }

    // MARK: - finding 3: unbounded values

    @Test func oversizedValuesAreRefusedAloneAndPullsStaySmall() throws {
        let world = try World()
        let huge = JSONValue.string(String(repeating: "あ", count: 2 * 1024 * 1024))  // 6 MiB of UTF-8
        let nested = JSONValue.array((0..<20_000).map { _ in JSONValue.array([.integer(1), .integer(2)]) })
        let changes = [
            try SecurityTests.change("hearings", RecordID.timeOrdered(), "summary", scope: "271004", value: huge),
            try Self.answer("A02", of: "271004", .string(String(repeating: "x", count: 70_000))),
            try Self.answer("B07", of: "271004", nested),
            try Self.answer("B07", of: "271004", 12),
        ]
        let result = try Self.response(try SecurityTests.push(world.osaka, changes))
        #expect(result.accepted == 1)
        #expect(result.rejected.map(\.code) == [.valueTooLarge, .valueTooLarge, .valueTooLarge])
        let page = try world.advisor.send("GET", "/v1/pull?since=0&limit=10000")
        #expect(page.body.count < 200_000, "the pull carries only the schema and one answer")
    }

    // MARK: - finding 4: answers checked against the published survey

    @Test func answersAreCheckedAgainstThePublishedSurveyOnTheServer() throws {
        let world = try World()
        let bad: [(String, Change)] = [
            ("negative", try Self.answer("B07", of: "271004", -1)),
            ("text in an integer item", try Self.answer("C04", of: "271004", "abc")),
            ("1e300", try Self.answer("C04", of: "271004", .double(1e300))),
            ("Int64.max", try Self.answer("C05", of: "271004", .integer(Int64.max))),
            ("another municipality's code in A01", try Self.answer("A01", of: "271004", "271403")),
            ("unknown item", try Self.answer("Z99", of: "271004", 1)),
            ("unknown column", try Self.answer("D01", of: "271004", "x", row: "r1", field: "no_such_column")),
            ("a choice not in the list", try Self.answer("B01", of: "271004", "maybe")),
        ]
        let good = [try Self.answer("A01", of: "271004", "271004"), try Self.answer("B07", of: "271004", 12)]
        let result = try Self.response(try SecurityTests.push(world.osaka, bad.map(\.1) + good))
        #expect(result.accepted == 2)
        #expect(result.rejected.count == bad.count)
        for (index, (name, _)) in bad.enumerated() {
            let rejection = result.rejected.first { $0.index == index }
            #expect(rejection?.code == .invalidAnswer, "\(name): \(String(describing: rejection))")
        }
        #expect(result.rejected.allSatisfy { $0.message.unicodeScalars.contains { $0.value > 0x3000 } }, "Japanese")
        let answers = try world.everything().filter { $0.key.collection == "answers" }
        #expect(Set(answers.map(\.key.record)) == ["\(Self.survey)/271004/A01", "\(Self.survey)/271004/B07"])

        // A closed survey takes no answers, not even clearing one.
        try world.publish(status: "closed", edition: 2)
        let closed = try Self.response(
            try SecurityTests.push(
                world.osaka, [try Self.answer("B07", of: "271004", 13), try Self.answer("A02", of: "271004", .null)]))
        #expect(closed.accepted == 0 && closed.rejected.map(\.code) == [.surveyClosed, .surveyClosed])
        #expect(closed.rejected[0].message.contains("受け付けていません"))
        let unpublished = try Self.response(
            try SecurityTests.push(
                world.osaka,
                [try SecurityTests.change("answers", "no-such-survey/271004/B07", "value", scope: "271004", value: 1)]))
        // A survey id the server holds no schema for: stored unchecked, in its own scope only.
        #expect(unpublished.accepted == 1 && unpublished.rejected.isEmpty)
    }

    // MARK: - finding 6: a known hash is not a permission

    @Test func namingAnotherMunicipalitysFileIsAnsweredLikeAnUnknownFile() throws {
        let world = try World()
        let secret = Array("堺市の契約書（非公開）".utf8)
        let hash = try SecurityTests.upload(world.sakai, secret)
        func document(_ sha256: String, _ size: Int, scope: String = "271004") throws -> Change {
            let value = Document(name: "x.txt", folder: "", sha256: sha256, size: Int64(size), mediaType: "", note: "")
            return try SecurityTests.change(
                "documents", RecordID.timeOrdered(), "file", scope: scope, value: value.json)
        }
        let sakaiDocument = try document(hash, secret.count, scope: "271403")
        #expect(try Self.response(try SecurityTests.push(world.sakai, [sakaiDocument])).accepted == 1)
        let before = try world.sequence()
        let unknown = String(repeating: "0", count: 64)
        let answers = [
            try SecurityTests.push(world.osaka, [try document(hash, secret.count)]),  // the right hash and size
            try SecurityTests.push(world.osaka, [try document(hash, secret.count + 1)]),  // a wrong size
            try SecurityTests.push(world.osaka, [try document(unknown, secret.count)]),  // a file nobody has
        ]
        let normalized = answers.map {
            $0.text.replacingOccurrences(of: String(hash.prefix(12)), with: "H").replacingOccurrences(
                of: String(unknown.prefix(12)), with: "H"
            ).replacingOccurrences(of: "\(secret.count + 1) bytes", with: "\(secret.count) bytes")
        }
        #expect(answers.allSatisfy { $0.status == 409 }, "\(answers.map(\.text))")
        #expect(Set(normalized).count == 1, "the same answer whether the file exists or not: \(normalized)")
        #expect(try world.sequence() == before, "no document names Sakai's file in Osaka's scope")
        #expect(try world.osaka.send("GET", "/v1/blobs/\(hash)").status == 404)
        // Osaka's own upload of the same bytes proves it has the file: then it may name it.
        _ = try SecurityTests.upload(world.osaka, secret)
        #expect(
            try Self.response(try SecurityTests.push(world.osaka, [try document(hash, secret.count)])).accepted == 1)
    }

    /// A 40 MB file of Osaka City's staff, uploaded and named by a document of its scope: far
    /// more than loopback's socket buffers hold, so a download left unread stays in progress.
    static func largeDocument(of world: World) throws -> (hash: String, bytes: [UInt8]) {
        let bytes = (0..<40_000_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
        return (try osakaDocument(named: "計画書.bin", bytes, in: world), bytes)
    }

    /// `bytes` uploaded by Osaka City's staff and named by a new document of its scope; the hash.
    static func osakaDocument(named name: String, _ bytes: [UInt8], in world: World) throws -> String {
        let hash = try SecurityTests.upload(world.osaka, bytes)
        let value = Document(name: name, folder: "", sha256: hash, size: Int64(bytes.count), mediaType: "", note: "")
        let document = try SecurityTests.change(
            "documents", RecordID.timeOrdered(), "file", scope: "271004", value: value.json)
        #expect(try Self.response(try SecurityTests.push(world.osaka, [document])).accepted == 1)
        return hash
    }

    /// Through the real server: a staff user who asks for their own 40 MB document and then
    /// stops reading (a slot held for nothing, the way 520 such downloads once held them all)
    /// is let go by the download pace (1 KiB/s over 10 s), while the server goes on answering
    /// others; another municipality's user gets 404 for the file, as for one that does not exist.
    @Test func aDownloadThatIsNotReadIsCutWhileOthersAreServed() throws {
        let world = try World()
        let (hash, bytes) = try Self.largeDocument(of: world)
        #expect(try world.sakai.send("GET", "/v1/blobs/\(hash)").status == 404)

        let reader = try Socket.connect(host: "127.0.0.1", port: world.prefecture.server.port)
        defer { reader.close() }
        let token = world.osaka.token ?? ""
        try reader.sendAll(
            Array("GET /v1/blobs/\(hash) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n\r\n".utf8))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var received = try reader.receive(into: &buffer)
        #expect(String(decoding: buffer[0..<min(received, 15)], as: UTF8.self) == "HTTP/1.1 200 OK")
        // Not read for 14 s: others are served meanwhile.
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(14) {
            let health = try world.advisor.send("GET", "/v1/health", timeoutMilliseconds: 2_000)
            #expect(health.status == 200)
            usleep(500_000)
        }
        // What the kernel's buffers still hold comes, then the end: the server let it go.
        var ended = false
        while try reader.waitReadable(timeoutMilliseconds: 3_000) {
            let count = try reader.receive(into: &buffer)
            if count == 0 {
                ended = true
                break
            }
            received += count
        }
        #expect(ended, "the server closed the download")
        #expect(received < bytes.count, "cut before the end (\(received) bytes)")
    }

    /// A survey id written in another Unicode form is another id to the store but the same to
    /// Swift's `==`: an outside review put the decomposed twin of a kana survey id first in a
    /// batch, so that the real answers after it went unchecked (into a submitted and a closed
    /// survey). Record ids and fields are taken in NFC only: the twin is refused alone, the real
    /// answer is still checked, and nothing of either is stored.
    @Test func aSurveyIdInAnotherUnicodeFormIsRefusedAndChecksStillApply() throws {
        let world = try World()
        let survey = "デジタル調査"
        let schema = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: Self.examplePath))))
        var published = [
            try SecurityTests.change("surveys", survey, "status", scope: "shared", value: .string("open")),
            try SecurityTests.change("surveys", survey, "items", scope: "shared", value: schema),
        ]
        for index in published.indices {
            published[index].version.vector = try Self.vector((SecurityTests.writer, 1))
        }
        #expect(try Self.response(try SecurityTests.push(world.advisor, published)).rejected.isEmpty)

        let twin = "テ\u{3099}ジタル調査"
        #expect(!twin.utf8.elementsEqual(survey.utf8) && twin == survey, "Swift's == takes the twin for the id")
        let kelvin = "dx-\u{212A}2025"
        let batch = try [twin, survey, kelvin].map { id in
            try SecurityTests.change("answers", "\(id)/271004/C04", "value", scope: "271004", value: .string("abc"))
        }
        let answer = try Self.response(try SecurityTests.push(world.osaka, batch))
        #expect(answer.accepted == 0, "\(answer.rejected)")
        #expect(answer.rejected.map(\.index) == [0, 1, 2])
        #expect(answer.rejected.map(\.code) == [.invalidField, .invalidAnswer, .invalidField], "\(answer.rejected)")
        #expect(answer.rejected[0].message.contains("NFC"))
        #expect(try world.everything().allSatisfy { $0.key.collection != "answers" }, "no answer was stored")
    }

    /// An outside review held every connection of the server with one staff token: push bodies
    /// of 8 MiB trickled at 2 KiB/s from many addresses (above the body pace, never evictable),
    /// and 1 GB of memory with 128 such bodies sent almost whole. A user holds at most the
    /// client's window and a retry (four since 0.30): the next push in progress is refused from
    /// its head (429, before a byte of its body is read); other users push meanwhile, and a place
    /// comes back when one of those held ends.
    @Test func oneUserHoldsAtMostItsPermittedPushBodiesAtOnce() throws {
        let world = try World()
        let token = world.osaka.token ?? ""
        func trickledPush() throws -> Socket {
            let socket = try Socket.connect(host: "127.0.0.1", port: world.prefecture.server.port)
            try socket.sendAll(
                Array(
                    ("POST /v1/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 8000000\r\n\r\n{\"replica\":").utf8))
            return socket
        }
        // One more than permitted at once: the server admits their heads in the order its threads
        // get to them, so whichever comes last is the one refused.
        let permitted = PushRequest.window + 1
        #expect(permitted == 4)
        var held = try (0...permitted).map { _ in try trickledPush() }
        defer { held.forEach { $0.close() } }
        let answer = try #require(try Self.firstAnswered(&held), "one of the five is answered at once").answer
        #expect(answer.hasPrefix("HTTP/1.1 429") && answer.contains("Retry-After"), "\(answer)")
        #expect(answer.contains("pushes"), "\(answer)")
        // The four held are still waiting for their bodies.
        for socket in held { #expect(try !socket.waitReadable(timeoutMilliseconds: 10), "not answered yet") }
        // Another municipality pushes meanwhile.
        let sakai = try SecurityTests.change("hearings", RecordID.timeOrdered(), "place", scope: "271403", value: "堺")
        #expect(try Self.response(try SecurityTests.push(world.sakai, [sakai])).accepted == 1)
        // One of them goes away: osaka pushes again.
        held.removeFirst().close()
        var status = 0
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(5) {
            let change = try SecurityTests.change(
                "hearings", RecordID.timeOrdered(), "place", scope: "271004", value: "本庁舎")
            status = try SecurityTests.push(world.osaka, [change]).status
            if status == 200 { break }
            usleep(100_000)
        }
        #expect(status == 200, "a place came back after one push ended")
    }

    /// An outside review stored 150,000 rows in one free-row table; every submission attempt
    /// afterwards (refused, and repeatable without end) read them all inside the write lock and
    /// stalled every municipality for 3-4.6 s. A table item takes at most 500 rows per
    /// municipality and survey, published or not: rows beyond are refused alone and stored
    /// nowhere, while another field of a stored row, another table and another municipality
    /// still go in.
    @Test func aTableTakesAtMost500RowsPerMunicipality() throws {
        let world = try World()
        func cell(_ client: String, _ record: String, _ field: String, _ value: String) throws -> Change {
            try SecurityTests.change("answers", record, field, scope: client, value: .string(value))
        }
        let table = "\(Self.survey)/271004/D01"
        let stored = try (0..<498).map { try cell("271004", "\(table)/r\($0)", "vendor_name", "ベンダー\($0)") }
        #expect(try Self.response(try SecurityTests.push(world.osaka, stored)).accepted == 498)
        let batch = [
            try cell("271004", "\(table)/r498", "vendor_name", "新規1"),
            try cell("271004", "\(table)/r499", "vendor_name", "新規2"),
            try cell("271004", "\(table)/r500", "vendor_name", "501行目"),
            try cell("271004", "\(table)/r501", "vendor_name", "502行目"),
            try cell("271004", "\(table)/r499", "product_name", "同じ行の別の列"),
            try cell("271004", "\(table)/r0", "product_name", "保存済みの行の別の列"),
            try cell("271004", "\(Self.survey)/271004/E01/r0", "vendor_name", "別の表"),
        ]
        let answer = try Self.response(try SecurityTests.push(world.osaka, batch))
        #expect(answer.accepted == 5, "\(answer)")
        #expect(answer.rejected.map(\.index) == [2, 3], "\(answer)")
        #expect(answer.rejected.allSatisfy { $0.code == .invalidAnswer && $0.message.contains("500") }, "\(answer)")
        // Sakai's own D01 is another table.
        let sakai = try cell("271403", "\(Self.survey)/271403/D01/r0", "vendor_name", "堺のベンダー")
        #expect(try Self.response(try SecurityTests.push(world.sakai, [sakai])).accepted == 1)
        // A survey not yet published is no way around it: its answers are stored unchecked, and
        // would be read once it is.
        let early = try (0..<501).map {
            try cell("271004", "not-yet-published/271004/T1/r\($0)", "vendor_name", "\($0)")
        }
        let earlyAnswer = try Self.response(try SecurityTests.push(world.osaka, early))
        #expect(earlyAnswer.accepted == 500 && earlyAnswer.rejected.map(\.index) == [500], "\(earlyAnswer)")
        // Row ids that sort above the prefix followed by U+10FFFF are counted too (a range
        // bounded by U+10FFFF left them out, and each batch found the table empty).
        let high = "\u{10FFFF}"
        let above = try (0..<500).map {
            try cell("271004", "\(Self.survey)/271004/E01/\(high)r\($0)", "vendor_name", "\($0)")
        }
        #expect(try Self.response(try SecurityTests.push(world.osaka, Array(above.prefix(499)))).accepted == 499)
        let beyond = try Self.response(try SecurityTests.push(world.osaka, Array(above.suffix(1))))
        #expect(beyond.accepted == 0 && beyond.rejected.map(\.code) == [.invalidAnswer], "\(beyond)")
        // What the server holds: none of the refused rows.
        let pulled = try world.advisor.send("GET", "/v1/pull?since=0&limit=10000")
        #expect(pulled.status == 200)
        let held = { (row: String) in pulled.text.contains("/\(row)\"") }
        for refused in ["D01/r500", "D01/r501", "T1/r500"] { #expect(!held(refused), "\(refused) is stored") }
        #expect(held("D01/r499") && held("T1/r499") && held("D01/r0"))
    }

    /// Upload pieces are counted from their heads like pushes: one staff token trickling the
    /// pieces of four uploads at once gets exactly one of them refused before a byte of its body
    /// is read (nothing of it stored: its session still stands at offset 0), another
    /// municipality uploads meanwhile, and a place comes back when one of the three ends.
    @Test func oneUserSendsAtMostFourUploadPiecesAtOnce() throws {
        let world = try World()
        let token = world.osaka.token ?? ""
        let size = 8_000_000
        func session(_ digit: Character) throws -> String {
            let started = try world.osaka.send(
                "POST", "/v1/uploads", headers: [("Content-Type", "application/json")],
                body: UploadRequest(sha256: String(repeating: digit, count: 64), size: Int64(size)).jsonBytes)
            return try #require(try UploadStatus(decoding: started.body).id, "\(started.text)")
        }
        let sessions = try ["1", "2", "3", "4", "5"].map { try session(Character($0)) }
        func trickledPiece(_ id: String) throws -> Socket {
            let socket = try Socket.connect(host: "127.0.0.1", port: world.prefecture.server.port)
            try socket.sendAll(
                Array(
                    ("PATCH /v1/uploads/\(id) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n"
                        + "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
                        + "Content-Length: \(size)\r\n\r\nfirst bytes").utf8))
            return socket
        }
        // Five at once: the server admits their heads in the order its threads get to them, so
        // whichever comes fifth is the one refused.
        var held = try sessions.map { try trickledPiece($0) }
        defer { held.forEach { $0.close() } }
        let (index, answer) = try #require(try Self.firstAnswered(&held), "one of the five is answered at once")
        #expect(answer.hasPrefix("HTTP/1.1 429") && answer.contains("Retry-After"), "\(answer)")
        #expect(answer.contains("upload pieces"), "\(answer)")
        let offset = try world.osaka.send("HEAD", "/v1/uploads/\(sessions[index])").header("Upload-Offset")
        #expect(offset == "0", "the refused piece stored nothing")
        // The four held are still waiting for their bytes.
        for socket in held { #expect(try !socket.waitReadable(timeoutMilliseconds: 10), "not answered yet") }
        // Another municipality uploads a file whole meanwhile.
        _ = try SecurityTests.upload(world.sakai, Array("堺市の資料".utf8))
        // One of the four goes away: osaka sends a piece again.
        held.removeFirst().close()
        let small = Array("大阪市の資料".utf8)
        let hash = SHA256.hex(SHA256.hash(small))
        let started = try world.osaka.send(
            "POST", "/v1/uploads", headers: [("Content-Type", "application/json")],
            body: UploadRequest(sha256: hash, size: Int64(small.count)).jsonBytes)
        let id = try #require(try UploadStatus(decoding: started.body).id)
        var status = 0
        let waited = ContinuousClock.now
        while ContinuousClock.now - waited < .seconds(5) {
            status = try world.osaka.send(
                "PATCH", "/v1/uploads/\(id)",
                headers: [("Content-Type", "application/offset+octet-stream"), ("Upload-Offset", "0")], body: small
            ).status
            if status == 200 { break }
            usleep(100_000)
        }
        #expect(status == 200, "a place came back after one piece ended")
    }

    /// An outside review filled the server's disk with one staff token (accepted pushes at
    /// 30 MB/s). With a daily budget of 2 MB: the user's third batch is refused before its body
    /// is read, and stores nothing; its uploads are refused too; the log says so once; `renkei
    /// sync` tells the clerk at once (no retries for hours) and keeps the edit; another
    /// municipality writes meanwhile.
    @Test func oneUserWritesAtMostItsDailyBudget() throws {
        let world = try World(serverArguments: ["--daily-write-limit", "2000000"])
        // Two small documents of osaka's, one downloaded before the budget is spent.
        let read = try Self.osakaDocument(named: "読んだ資料.txt", Array("読んだ資料".utf8), in: world)
        let unread = try Self.osakaDocument(named: "未読の資料.txt", Array("未読の資料".utf8), in: world)
        // An upload begun before the budget is spent, to be continued after.
        let pending = Array(repeating: UInt8(ascii: "x"), count: 1_000)
        let session = try world.osaka.send(
            "POST", "/v1/uploads", headers: [("Content-Type", "application/json")],
            body: UploadRequest(sha256: SHA256.hex(SHA256.hash(pending)), size: 1_000).jsonBytes)
        let sessionID = try #require(try UploadStatus(decoding: session.body).id, "\(session.text)")
        #expect(try world.osaka.send("GET", "/v1/blobs/\(read)").status == 200)
        let text = String(repeating: "回答", count: 8_000)  // 48,000 bytes of UTF-8
        func batch(_ first: Int) throws -> [Change] {
            try (first..<first + 25).map { index in
                try SecurityTests.change(
                    "answers", "bulk-\(index)/271004/Q1", "value", scope: "271004", value: .string(text))
            }
        }
        // 1.2 MB each: the second is admitted (the budget is not spent yet), the third is not.
        #expect(try Self.response(try SecurityTests.push(world.osaka, try batch(0))).accepted == 25)
        #expect(try Self.response(try SecurityTests.push(world.osaka, try batch(25))).accepted == 25)
        let before = try world.sequence()
        let refused = try SecurityTests.push(world.osaka, try batch(50))
        #expect(refused.status == 429, "\(refused.text)")
        #expect(refused.text.contains("write_budget_exceeded"), "\(refused.text)")
        let wait = Int(refused.header("Retry-After") ?? "") ?? 0
        #expect(wait > 3_600, "the 0.4 MB over drains at 2 MB a day: hours, not seconds (\(wait) s)")
        #expect(try world.sequence() == before, "nothing of the refused batch was stored")
        #expect(!(try world.everything().contains { $0.key.record == "bulk-50/271004/Q1" }))
        // Uploads are writes too: a session and a piece are refused alike.
        let started = try world.osaka.send(
            "POST", "/v1/uploads", headers: [("Content-Type", "application/json")],
            body: UploadRequest(sha256: String(repeating: "a", count: 64), size: 10).jsonBytes)
        #expect(started.status == 429 && started.text.contains("write_budget_exceeded"), "\(started.text)")
        let piece = try world.osaka.send(
            "PATCH", "/v1/uploads/\(sessionID)",
            headers: [("Content-Type", "application/offset+octet-stream"), ("Upload-Offset", "0")], body: pending)
        #expect(piece.status == 429 && piece.text.contains("write_budget_exceeded"), "\(piece.text)")
        #expect(
            try world.osaka.send("HEAD", "/v1/uploads/\(sessionID)").header("Upload-Offset") == "0", "nothing stored")
        // A download's audit row is a write too: a file not read in the last 10 minutes is
        // refused (its row unpaid for); the pieces of one read within the window still come.
        let audits = try CommandRunner.run(
            "renkei-server", ["admin", "audit", "--data", world.prefecture.server.dataDirectory])
        let unreadAnswer = try world.osaka.send("GET", "/v1/blobs/\(unread)")
        #expect(unreadAnswer.status == 429 && unreadAnswer.text.contains("write_budget_exceeded"))
        #expect(try world.osaka.send("GET", "/v1/blobs/\(read)", headers: [("Range", "bytes=1-")]).status == 206)
        let after = try CommandRunner.run(
            "renkei-server", ["admin", "audit", "--data", world.prefecture.server.dataDirectory])
        #expect(after.stdout.components(separatedBy: "action=\"download\"").count == 2, "one download row")
        #expect(audits.stdout.components(separatedBy: "\n").count == after.stdout.components(separatedBy: "\n").count)
        // Another municipality is not held by osaka's budget.
        let sakaiAnswer = try Self.answer("B07", of: "271403", 5)
        #expect(try Self.response(try SecurityTests.push(world.sakai, [sakaiAnswer])).accepted == 1)
        _ = try SecurityTests.upload(world.sakai, Array("堺市の資料".utf8))
        // The log says it once per spell, not once per refused request.
        #expect(world.prefecture.server.logShows("write budget spent"))
        let lines = world.prefecture.server.standardError.components(separatedBy: "write budget spent").count - 1
        #expect(lines == 1, "\(lines) log lines for three refusals")
        // The clerk's `renkei sync` says why at once instead of retrying for hours, and keeps the edit.
        let directory = try TemporaryDirectory()
        let clerk = try CLIReplica(
            directory, "osaka", scope: "271004", user: "staff-271004", server: world.prefecture.server)
        try clerk.put("answers", "\(Self.survey)/271004/B07", "value", "3")
        let asked = ContinuousClock.now
        let sync = try clerk.run(["sync"], retryDelays: "20,20")
        #expect(ContinuousClock.now - asked < .seconds(15), "not retried: the wait is hours")
        #expect(sync.status != 0 && sync.stderr.contains("429"), "\(sync.stderr)")
        #expect(sync.stderr.contains("per day"), "\(sync.stderr)")
        #expect(try clerk.run(["status"]).stdout.contains("1"), "the edit is still pending locally")
    }

    /// A push is charged what its rows weigh when that is more than its body: an outside review
    /// stored 4.2 bytes per byte charged with numbers written `9e15` (5 bytes sent, 19 stored).
    /// Here 10 hearings of 13,000 such numbers (about 0.65 MB sent, 2.5 MB stored) spend a
    /// budget of 2 MB at once, and the next push is refused.
    @Test func aPushIsChargedWhatItsRowsWeigh() throws {
        let world = try World(serverArguments: ["--daily-write-limit", "2000000"])
        let numbers = "[" + Array(repeating: "9e15", count: 13_000).joined(separator: ",") + "]"
        let changes = try (0..<10).map { _ in
            try SecurityTests.change(
                "hearings", RecordID.timeOrdered(), "summary", scope: "271004", value: .string("NUMBERS"))
        }
        let request = PushRequest(
            replica: SecurityTests.replica(of: world.osaka), batch: UUID().uuidString,
            changes: try SecurityTests.own(changes, by: world.osaka))
        let body = String(decoding: request.jsonBytes, as: UTF8.self).replacingOccurrences(
            of: "\"NUMBERS\"", with: numbers)
        #expect(body.utf8.count < 700_000)
        let first = try world.osaka.send(
            "POST", "/v1/push", headers: [("Content-Type", "application/json")], body: Array(body.utf8))
        #expect(try Self.response(first).accepted == 10)
        let second = try SecurityTests.push(world.osaka, [try Self.answer("B07", of: "271004", 3)])
        #expect(second.status == 429 && second.text.contains("write_budget_exceeded"), "\(second.text)")
    }

    /// 7 MB of the densest JSON (3.5 million zeros in one value) is refused as it is read, once
    /// a million values are in: the server's peak memory grows by far less than the 148 MB an
    /// outside review saw per such push, nothing is stored, and another municipality pushes.
    @Test func aPushOfMillionsOfValuesIsRefusedAsItIsRead() throws {
        let world = try World()
        let pid = try #require(DashboardMemoryTests.pid(ofServerOn: world.prefecture.server.dataDirectory))
        let start = try #require(DashboardMemoryTests.peakMiB(pid))
        let before = try world.sequence()
        let change = try SecurityTests.change(
            "hearings", RecordID.timeOrdered(), "summary", scope: "271004", value: .string("ZEROS"))
        let request = PushRequest(
            replica: SecurityTests.replica(of: world.osaka), batch: UUID().uuidString,
            changes: try SecurityTests.own([change], by: world.osaka))
        let zeros = "[" + String(repeating: "0,", count: 3_500_000) + "0]"
        let body = String(decoding: request.jsonBytes, as: UTF8.self).replacingOccurrences(
            of: "\"ZEROS\"", with: zeros)
        let answer = try world.osaka.send(
            "POST", "/v1/push", headers: [("Content-Type", "application/json")], body: Array(body.utf8),
            timeoutMilliseconds: 60_000)
        #expect(answer.status == 400 && answer.text.contains("1000000 values"), "\(answer.text.prefix(300))")
        #expect(try world.sequence() == before)
        let grown = try #require(DashboardMemoryTests.peakMiB(pid)) - start
        print("a push of 3.5 million values: refused, server peak +\(DashboardMemoryTests.format(grown)) MiB")
        #expect(grown < 100, "\(grown) MiB")
        #expect(
            try Self.response(try SecurityTests.push(world.sakai, [try Self.answer("B07", of: "271403", 5)])).accepted
                == 1)
    }

    /// A gzipped push is charged what it inflates to: 16 KB sent, 1.2 MB inflated, twice, spend a
    /// budget of 2 MB, and the next push is refused.
    @Test func aGzippedPushIsChargedWhatItInflatesTo() throws {
        let world = try World(serverArguments: ["--daily-write-limit", "2000000"])
        let text = String(repeating: "回答", count: 8_000)  // 48,000 bytes of UTF-8
        for first in [0, 25] {
            let changes = try (first..<first + 25).map { index in
                try SecurityTests.change(
                    "answers", "gz-\(index)/271004/Q1", "value", scope: "271004", value: .string(text))
            }
            let request = PushRequest(
                replica: SecurityTests.replica(of: world.osaka), batch: UUID().uuidString,
                changes: try SecurityTests.own(changes, by: world.osaka))
            let body = Zlib.deflate(request.jsonBytes, format: .gzip)
            #expect(body.count < 100_000)
            let answer = try world.osaka.send(
                "POST", "/v1/push",
                headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")], body: body)
            #expect(try Self.response(answer).accepted == 25)
        }
        let refused = try SecurityTests.push(world.osaka, [try Self.answer("B07", of: "271004", 3)])
        #expect(refused.status == 429 && refused.text.contains("write_budget_exceeded"), "\(refused.text)")
    }

    /// Requests nobody is charged for cannot grow the log without bound: 1,500 requests without
    /// a token for a dashboard path of 500 backslashes leave at most the log's burst and pace of
    /// lines (each cut to 1 KiB), and a line that says how many were left out. The flood does not
    /// hide a failed authentication, which has a budget of its own.
    @Test func theLogKeepsItsPaceUnderAFloodWithoutAToken() throws {
        let world = try World()
        let client = HTTPTestClient(port: world.prefecture.server.port)
        let path = "/" + String(repeating: "%5C", count: 500)
        // The log is written through a buffer: lines of the world's setup may still be on their
        // way. A marker request's line comes after all of them; only what follows it is counted.
        let marker = "/quiet-" + UUID().uuidString.lowercased()
        _ = try client.send("GET", marker)
        #expect(world.prefecture.server.logShows(marker))
        let before = world.prefecture.server.standardError.utf8.count
        let started = ContinuousClock.now
        for _ in 0..<1_500 { _ = try client.send("GET", path) }
        let forged = HTTPTestClient(
            port: world.prefecture.server.port, token: "rk_" + String(repeating: "0", count: 64))
        #expect(try forged.send("GET", "/v1/whoami").status == 401)
        #expect(world.prefecture.server.logShows("authentication failed"), "not crowded out by the flood")
        let seconds = Double((ContinuousClock.now - started).components.seconds) + 1
        #expect(world.prefecture.server.logShows("log lines left out"))
        let written = world.prefecture.server.standardError.utf8.dropFirst(before)
        let lines = written.split(separator: UInt8(ascii: "\n"))
        #expect(Double(lines.count) <= 600 + 20 * seconds + 20, "\(lines.count) lines in \(seconds) s")
        #expect(lines.allSatisfy { $0.count < 1_400 }, "each line cut")
    }

    /// Many users together are held by the disk reserve: a server asked to keep more free than
    /// its disk has refuses pushes and uploads with 507 before storing anything, and still
    /// answers reads.
    @Test func writesStopAtTheDiskReserveAndReadsGoOn() throws {
        let full = try Prefecture(serverArguments: ["--disk-reserve", String(Int64.max / 2)])
        let port = full.server.port
        let osaka = HTTPTestClient(port: port, token: full.staff["271004"])
        let advisor = HTTPTestClient(port: port, token: full.advisor)
        func sequence() throws -> String { try osaka.send("GET", "/v1/health").text }
        let before = try sequence()
        let refused = try SecurityTests.push(osaka, [try Self.answer("B07", of: "271004", 12)])
        #expect(refused.status == 507 && refused.text.contains("storage_full"), "\(refused.text)")
        #expect(try sequence() == before, "nothing was stored")
        let started = try osaka.send(
            "POST", "/v1/uploads", headers: [("Content-Type", "application/json")],
            body: UploadRequest(sha256: String(repeating: "b", count: 64), size: 10).jsonBytes)
        #expect(started.status == 507, "\(started.text)")
        let pulled = try advisor.send("GET", "/v1/pull?since=0&limit=10")
        #expect(pulled.status == 200, "reads go on")
        #expect(try PullResponse(decoding: pulled.body).changes.isEmpty)
        #expect(full.server.logShows("the disk reserve is reached"))
        #expect(full.server.standardError.components(separatedBy: "disk reserve is reached").count == 2, "logged once")
    }

    /// A second outside review pinned every connection and 4 GB of memory with one staff
    /// token: pulls of 4-8 MiB pages (its own answers under an unpublished survey id), each read
    /// at 2 KiB/s (above the pace, so never cut). A user's pulls are counted until their answers
    /// have been sent: the fifth is 429, another municipality pulls meanwhile, and a place comes
    /// back when one of the four ends.
    @Test func oneUserIsAnsweredAtMostFourPullsAtOnce() throws {
        let world = try World()
        let text = String(repeating: "回答", count: 8_000)  // 48,000 bytes of UTF-8
        let bulk = try (0..<150).map { index in
            try SecurityTests.change(
                "answers", "bulk-\(index)/271004/Q1", "value", scope: "271004", value: .string(text))
        }
        #expect(try Self.response(try SecurityTests.push(world.osaka, bulk)).accepted == 150)
        let token = world.osaka.token ?? ""
        func unreadPull() throws -> Socket {
            let socket = try Socket.connect(host: "127.0.0.1", port: world.prefecture.server.port)
            try socket.sendAll(
                Array(
                    "GET /v1/pull?since=0&limit=10000 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n\r\n"
                        .utf8))
            return socket
        }
        var held: [Socket] = []
        defer { held.forEach { $0.close() } }
        for _ in 0..<4 {
            let socket = try unreadPull()
            held.append(socket)
            var buffer = [UInt8](repeating: 0, count: 1_024)
            let count = try socket.receive(into: &buffer)
            #expect(String(decoding: buffer[0..<min(count, 15)], as: UTF8.self) == "HTTP/1.1 200 OK")
        }
        let fifth = try world.osaka.send("GET", "/v1/pull?since=0&limit=1")
        #expect(fifth.status == 429 && fifth.header("Retry-After") != nil, "\(fifth.head)")
        #expect(fifth.text.contains("pulls"), "\(fifth.text)")
        #expect(try world.sakai.send("GET", "/v1/pull?since=0&limit=10").status == 200, "another municipality pulls")
        held.removeFirst().close()
        var status = 0
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(5) {
            status = try world.osaka.send("GET", "/v1/pull?since=0&limit=1").status
            if status == 200 { break }
            usleep(100_000)
        }
        #expect(status == 200, "a place came back after one pull ended")
    }

    /// One token holder opening downloads and never reading them holds at most eight of the
    /// server's connections: the ninth is 429 with `Retry-After`, another user is still sent the
    /// file, and closing one of the eight gives its place back.
    @Test func oneUserIsSentAtMostEightDownloadsAtOnce() throws {
        let world = try World()
        let (hash, bytes) = try Self.largeDocument(of: world)

        let token = world.osaka.token ?? ""
        var readers: [Socket] = []
        defer { readers.forEach { $0.close() } }
        for _ in 0..<8 {
            let reader = try Socket.connect(host: "127.0.0.1", port: world.prefecture.server.port)
            readers.append(reader)
            try reader.sendAll(
                Array("GET /v1/blobs/\(hash) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n\r\n".utf8))
            var buffer = [UInt8](repeating: 0, count: 4_096)
            let received = try reader.receive(into: &buffer)
            #expect(String(decoding: buffer[0..<min(received, 15)], as: UTF8.self) == "HTTP/1.1 200 OK")
        }
        let ninth = try world.osaka.send("GET", "/v1/blobs/\(hash)", headers: [("Range", "bytes=0-99")])
        #expect(ninth.status == 429 && ninth.header("Retry-After") != nil, "\(ninth.head)")
        #expect(ninth.text.contains("downloads"), "\(ninth.text)")
        // A range past the end is still 416 (a downloader starts over on it), not 429.
        #expect(try world.osaka.send("GET", "/v1/blobs/\(hash)", headers: [("Range", "bytes=50000000-")]).status == 416)
        // HEAD sends no body and takes no place.
        #expect(try world.osaka.send("HEAD", "/v1/blobs/\(hash)").status == 200)
        // Another user is sent the file meanwhile.
        let advisor = try world.advisor.send("GET", "/v1/blobs/\(hash)", headers: [("Range", "bytes=0-99")])
        #expect(advisor.status == 206 && advisor.body == Array(bytes[0..<100]))
        // One of the eight goes away: its place comes back.
        readers.removeFirst().close()
        var again = 0
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(5) {
            again = try world.osaka.send("GET", "/v1/blobs/\(hash)", headers: [("Range", "bytes=0-99")]).status
            if again == 206 { break }
            usleep(100_000)
        }
        #expect(again == 206, "a place came back after one download ended")
    }

    // MARK: - the client: refused changes are set aside, the rest syncs

    @Test func aRefusedChangeIsSetAsideListedAndDroppedWhileTheRestSyncs() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        // Set up with another login name than the token's user: the server's name wins.
        let tanaka = try CLIReplica(
            directory, "tanaka", scope: "271004", user: "t.tanaka", server: server.url,
            token: try server.token(for: "tanaka", role: "staff", scope: "271004"))
        #expect(try advisor.run(["survey", "publish", Self.examplePath]).status == 0)
        _ = try advisor.sync()
        _ = try tanaka.sync()
        let good = try tanaka.run(["survey", "answer", Self.survey, "B07", "12"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try tanaka.sync()["pushed"] == 1)
        // No CLI path writes an answer the survey refuses, `put` included.
        let put = try tanaka.run(["put", "answers", "\(Self.survey)/271004/C04", "value", "\"abc\""])
        #expect(put.status == 65 && put.stderr.contains("整数"), "\(put.stderr)")
        // Nor a document field the server refuses (it would wait in the outbox for nothing).
        let title = try tanaka.run(["put", "documents", RecordID.timeOrdered(), "title", "\"s\""])
        #expect(title.status == 65 && title.stderr.contains("a document has one field, file"), "[\(title.stderr)]")
        #expect(try tanaka.run(["status", "--json"]).stdout.contains("\"pending\":0"))
        // Offline, the survey still open here: an answer and a hearing. Meanwhile the advisor closes it.
        #expect(try tanaka.run(["survey", "answer", Self.survey, "C04", "5"]).status == 0)
        let hearing = try tanaka.run(["put", "hearings", RecordID.timeOrdered(), "place", "\"本庁舎\""])
        #expect(hearing.status == 0, "\(hearing.stderr)")
        #expect(try advisor.run(["survey", "publish", "--status", "closed", Self.examplePath]).status == 0)
        _ = try advisor.sync()
        let sync = try tanaka.run(["sync"])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("renkei rejected") && sync.stdout.contains("Sent 1 of 2"), "\(sync.stdout)")
        let listed = try JSONValue(parsing: Array(try tanaka.run(["rejected", "--json"]).stdout.utf8))
        guard case .array(let entries) = listed, case .object(let entry)? = entries.first else {
            Issue.record("no rejected entry: \(listed)")
            return
        }
        #expect(
            entries.count == 1 && entry["code"] == .string("survey_closed")
                && entry["record"] == .string("\(Self.survey)/271004/C04"))
        // Nothing is stuck: the next sync has nothing to send, the good answer reached the advisor.
        let again = try JSONValue(parsing: Array(try tanaka.run(["sync", "--json"]).stdout.utf8))
        guard case .object(let counts) = again else { return }
        #expect(counts["pushed"] == 0 && counts["pending"] == 0 && counts["rejected"] == 0, "\(again)")
        _ = try advisor.sync()
        let b07 = try advisor.run(["get", "answers", "\(Self.survey)/271004/B07", "value", "--json"]).stdout
        #expect(b07.contains("12") && b07.contains("tanaka"))
        #expect(!(try advisor.run(["dump"]).stdout.contains("/271004/C04")))
        #expect(try advisor.run(["dump"]).stdout.contains("本庁舎"), "the hearing went through")
        // Dropping it restores what the field held before (nothing).
        guard case .integer(let id)? = entry["id"] else { return }
        #expect(try tanaka.run(["rejected", "drop", "\(id)"]).status == 0)
        #expect(try tanaka.run(["rejected", "--json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        #expect(!(try tanaka.run(["dump"]).stdout.contains("/271004/C04")))
    }

    /// A refused deletion (an answer cleared offline while the survey was closed) is listed by
    /// `renkei rejected` as a deletion, as `get` and `conflicts` show one, not as "null".
    @Test func aRefusedDeletionIsListedAsADeletion() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let tanaka = try CLIReplica(directory, "tanaka", scope: "271004", user: "tanaka", server: server)
        #expect(try advisor.run(["survey", "publish", Self.examplePath]).status == 0)
        _ = try advisor.sync()
        _ = try tanaka.sync()
        #expect(try tanaka.run(["survey", "answer", Self.survey, "B07", "12"]).status == 0)
        #expect(try tanaka.sync()["pushed"] == 1)
        let cleared = try tanaka.run(["put", "answers", "\(Self.survey)/271004/B07", "value", "null"])
        #expect(cleared.status == 0, "\(cleared.stderr)")
        #expect(try advisor.run(["survey", "publish", "--status", "closed", Self.examplePath]).status == 0)
        _ = try advisor.sync()
        #expect(try tanaka.sync()["rejected"] == 1)
        let listed = try tanaka.run(["rejected"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("/271004/B07#value  = (deleted)"), "\(listed.stdout)")
        #expect(!listed.stdout.contains("null"), "\(listed.stdout)")
    }

    /// A staff user revises one answer 1,200 times: asking for its history makes the server read
    /// and send only the newest 1,000 superseded versions (and the current one), saying that
    /// older ones were left out. Another municipality's user gets the same 404 as for a register
    /// that does not exist.
    @Test func aRegisterRevisedWithoutEndGivesABoundedHistory() throws {
        let world = try World()
        let first = try Self.answer("B07", of: "271004", 0)
        var revisions: [Change] = []
        for counter in 1...1_200 {
            var change = first
            change.version.value = .integer(Int64(counter))
            change.version.vector = try Self.vector((SecurityTests.writer, UInt64(counter)))
            revisions.append(change)
        }
        let pushed = try Self.response(try SecurityTests.push(world.osaka, revisions))
        #expect(pushed.accepted == 1_200, "\(pushed)")

        let query = "/v1/history?collection=answers&record=\(Self.survey)%2F271004%2FB07&field=value"
        let answer = try world.osaka.send("GET", query)
        #expect(answer.status == 200, "\(answer.text)")
        #expect(answer.header("Renkei-History-Truncated") == "true")
        let history = try HistoryResponse(decoding: answer.body)
        // Versions 1...1,199 are superseded: the newest 1,000 of them (200...1,199), oldest first,
        // then the current one.
        #expect(history.changes.count == 1_001)
        #expect(history.changes.first?.version.value == .integer(200))
        #expect(history.changes.last?.version.value == .integer(1_200))
        let inOrder = history.changes.map(\.version.value) == (200...1_200).map { JSONValue.integer(Int64($0)) }
        #expect(inOrder, "the versions sent are the newest ones, oldest first")
        // The client's API reads the same answer and the flag (`renkei docs history` says so).
        let server = try #require(URL(string: "http://127.0.0.1:\(world.prefecture.server.port)"))
        let token = world.prefecture.staff["271004"] ?? ""
        let transport = try #require(
            SocketTransport(server: server, timeout: 10, headers: [("Authorization", "Bearer \(token)")]))
        let viaClient = try SyncAPI(transport: transport).history(of: first.key)
        #expect(viaClient.truncated && viaClient.changes.map(\.version) == history.changes.map(\.version))
        // Without a token, nothing of it.
        let anonymous = try HTTPTestClient(port: world.prefecture.server.port).send("GET", query)
        #expect(anonymous.status == 401 && !anonymous.text.contains("1200"), "\(anonymous.text)")
        #expect(anonymous.header("Renkei-History-Truncated") == nil)
        // Sakai cannot read it, however long it is: the answer is that of a register never written.
        let refused = try world.sakai.send("GET", query)
        let unknown = try world.sakai.send(
            "GET", "/v1/history?collection=answers&record=\(Self.survey)%2F271004%2FB09&field=value")
        #expect(
            refused.status == 404 && refused.text.replacingOccurrences(of: "B07", with: "B09") == unknown.text,
            "\(refused.text) / \(unknown.text)")
        // A short history is whole and says nothing of omissions.
        _ = try Self.response(try SecurityTests.push(world.osaka, [try Self.answer("B08", of: "271004", 3)]))
        let short = try world.osaka.send(
            "GET", "/v1/history?collection=answers&record=\(Self.survey)%2F271004%2FB08&field=value")
        #expect(short.status == 200 && short.header("Renkei-History-Truncated") == nil)
        #expect(try HistoryResponse(decoding: short.body).changes.count == 1)
    }
}
