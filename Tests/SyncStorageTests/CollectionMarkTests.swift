import Models
import SyncStorage
import TestSupport
import Testing

/// A survey closed or published again between a batch's checks and its transaction: the push
/// applies nothing and says the surveys changed, so the server judges the batch again.
@Suite struct CollectionMarkTests {
    let advisor = ReplicaID(high: 0xA1, low: 1)
    let staff = ReplicaID(high: 0x5A, low: 2)
    let osaka = Scope.municipality(try! MunicipalityCode(validating: "271004"))
    static let schema = try! JSONValue(
        parsing: Array(
            #"{"survey_id":"s","title":"t","sections":[{"id":"A","title":"A","items":[{"id":"A01","label":"l","type":"integer","max":10}]}]}"#
                .utf8))

    func publish(_ store: ServerStore, status: String, counter: UInt64, batch: String) throws {
        func change(_ field: String, _ value: JSONValue) throws -> Change {
            Change(
                key: try RecordKey(validating: "surveys", record: "s", field: field), scope: .shared,
                version: Version(
                    vector: try VersionVector(validating: [(advisor, counter)]), value: value, author: advisor,
                    user: "advisor", at: 1_800_000_000_000))
        }
        _ = try store.push(
            PushRequest(
                replica: advisor, batch: batch,
                changes: [try change("status", .string(status)), try change("items", Self.schema)]))
    }

    func answer(_ value: Int64) throws -> Change {
        Change(
            key: try RecordKey(validating: "answers", record: "s/271004/A01", field: "value"), scope: osaka,
            version: Version(
                vector: try VersionVector(validating: [(staff, UInt64(1))]), value: .integer(value), author: staff,
                user: "staff", at: 1_800_000_000_000))
    }

    /// A write to a survey the judgement did not read leaves its verdicts standing (the batch
    /// applies at once); a write to one it read does not.
    @Test func onlyTheSurveysAJudgementReadCanUndoItsVerdicts() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        try publish(store, status: "open", counter: 1, batch: "publish-1")
        let record = try #require(AnswerRecord(parsing: "s/271004/A01"))
        func judged() throws -> CollectionMark {
            var mark = try store.mark(of: "surveys")
            var rules = SurveyRules(store: store, cache: store.surveySchemas)
            #expect(try rules.problem(with: try answer(5), at: record) == nil)
            mark.readKeys = rules.readSequences
            #expect(mark.readKeys?.count == 2, "status and items of s")
            return mark
        }
        let first = try judged()
        let title = Change(
            key: try RecordKey(validating: "surveys", record: "other", field: "title"), scope: .shared,
            version: Version(
                vector: try VersionVector(validating: [(advisor, UInt64(7))]), value: "別の調査", author: advisor,
                user: "advisor", at: 1_800_000_000_000))
        _ = try store.push(PushRequest(replica: advisor, batch: "other", changes: [title]))
        #expect(try store.mark(of: "surveys") != first, "the collection moved")
        let applied = try store.push(
            PushRequest(replica: staff, batch: "answers-1", changes: [try answer(5)]), unchanged: first)
        #expect(applied.accepted == 1, "another survey's title does not undo the verdicts")

        let second = try judged()
        try publish(store, status: "closed", counter: 2, batch: "publish-2")
        #expect(throws: CollectionMark.Changed.self) {
            try store.push(PushRequest(replica: staff, batch: "answers-2", changes: [try answer(6)]), unchanged: second)
        }
        var unknown = second
        unknown.readKeys = nil
        try publish(store, status: "open", counter: 3, batch: "publish-3")
        #expect(throws: CollectionMark.Changed.self, "without read keys any change counts") {
            try store.push(
                PushRequest(replica: staff, batch: "answers-3", changes: [try answer(6)]), unchanged: unknown)
        }
    }

    @Test func aBatchJudgedBeforeTheSurveyClosedIsNotApplied() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        try publish(store, status: "open", counter: 1, batch: "publish-1")
        let mark = try store.mark(of: "surveys")
        var rules = SurveyRules(store: store, cache: store.surveySchemas)
        let record = try #require(AnswerRecord(parsing: "s/271004/A01"))
        #expect(try rules.problem(with: try answer(5), at: record) == nil, "valid while the survey is open")

        try publish(store, status: "closed", counter: 2, batch: "publish-2")
        let before = try store.lastSequence()
        #expect(throws: CollectionMark.Changed.self) {
            try store.push(PushRequest(replica: staff, batch: "answers", changes: [try answer(5)]), unchanged: mark)
        }
        #expect(try store.lastSequence() == before, "nothing applied")
        #expect(try store.register(for: try answer(5).key).versions.isEmpty)

        let again = try store.mark(of: "surveys")
        var rules2 = SurveyRules(store: store, cache: store.surveySchemas)
        #expect(try rules2.problem(with: try answer(5), at: record)?.0 == .surveyClosed, "judged again: closed")
        let applied = try store.push(
            PushRequest(replica: staff, batch: "answers", changes: [try answer(5)]), unchanged: again)
        #expect(applied.accepted == 1, "a mark that still holds lets the batch apply")
    }

    /// Every kind of write to the collection moves the mark; writes elsewhere do not.
    @Test func theMarkMovesWithEveryWriteToItsCollectionOnly() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let empty = try store.mark(of: "surveys")
        #expect(empty.count == 0)
        try publish(store, status: "open", counter: 1, batch: "publish-1")
        let first = try store.mark(of: "surveys")
        #expect(first != empty && first.count == 2)
        _ = try store.push(PushRequest(replica: staff, batch: "answers", changes: [try answer(5)]))
        #expect(try store.mark(of: "surveys") == first, "an answer is not a survey")
        try publish(store, status: "open", counter: 2, batch: "publish-2")
        let second = try store.mark(of: "surveys")
        #expect(second != first && second.count == 2, "superseded versions leave, their successors come")
    }

    /// Pattern checks of one batch stop at their budget: the answers past it are refused alone.
    @Test func patternChecksOfOneBatchStopAtTheirBudget() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let schema = try JSONValue(
            parsing: Array(
                #"{"survey_id":"p","title":"t","sections":[{"id":"A","title":"A","items":[{"id":"A01","label":"l","type":"text","pattern":".{0,60}.{0,60}x"}]}]}"#
                    .utf8))
        func change(_ field: String, _ value: JSONValue) throws -> Change {
            Change(
                key: try RecordKey(validating: "surveys", record: "p", field: field), scope: .shared,
                version: Version(
                    vector: try VersionVector(validating: [(advisor, UInt64(1))]), value: value, author: advisor,
                    user: "advisor", at: 1_800_000_000_000))
        }
        _ = try store.push(
            PushRequest(
                replica: advisor, batch: "p", changes: [try change("status", "open"), try change("items", schema)]))
        let text = JSONValue.string(String(repeating: "a", count: 5_000) + "x")
        let record = try #require(AnswerRecord(parsing: "p/271004/A01"))
        // What one answer takes: every state of `.{0,60}.{0,60}` is live on a run of letters.
        let meter = PatternWork(steps: Int.max)
        let survey = AnswerSchema(try Questionnaire(json: schema))
        #expect(survey.problem(text, at: record, field: "value", work: meter) == nil)
        let steps = Int.max - meter.remaining
        #expect(steps > 5_001 * 100 && steps <= 5_001 * (TextPattern.maxStates + 1), "\(steps)")
        var rules = SurveyRules(store: store, patternWork: 4 * steps)
        let key = try RecordKey(validating: "answers", record: "p/271004/A01", field: "value")
        let answer = Change(
            key: key, scope: osaka,
            version: Version(
                vector: try VersionVector(validating: [(staff, UInt64(1))]), value: text, author: staff, user: "staff",
                at: 1_800_000_000_000))
        for _ in 0..<4 { #expect(try rules.problem(with: answer, at: record) == nil) }
        let refused = try rules.problem(with: answer, at: record)
        #expect(
            refused?.0 == .invalidAnswer && refused?.1.contains("too much text") == true,
            "\(String(describing: refused))")
    }

    @Test func aFirstPublicationBetweenChecksAndTransactionIsSeen() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let mark = try store.mark(of: "surveys")
        var rules = SurveyRules(store: store)
        let record = try #require(AnswerRecord(parsing: "s/271004/A01"))
        #expect(try rules.problem(with: try answer(50), at: record) == nil, "no survey of that id: unchecked")
        try publish(store, status: "open", counter: 1, batch: "publish-1")
        #expect(throws: CollectionMark.Changed.self) {
            try store.push(PushRequest(replica: staff, batch: "answers", changes: [try answer(50)]), unchanged: mark)
        }
    }
}
