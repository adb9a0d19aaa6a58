import Models
import SyncStorage
import TestSupport
import Testing

@Suite struct ReplicaStoreTests {
    let osaka = Scope.municipality(try! MunicipalityCode(validating: "271004"))

    func key(_ item: String) -> RecordKey {
        try! RecordKey(validating: "answers", record: "osaka-dx-2025/271004/\(item)", field: "value")
    }

    @Test func localWritesWaitInTheOutboxUntilAcknowledged() throws {
        let directory = try TemporaryDirectory()
        let store = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        try store.write("はい", to: key("A01"), scope: osaka, user: "tanaka")
        try store.write(3, to: key("A02"), scope: osaka, user: "tanaka")
        try store.write(4, to: key("A02"), scope: osaka, user: "tanaka")  // supersedes the unpushed 3
        let batch = try #require(try store.nextPushBatch(limit: 10))
        #expect(try batch.changes().map(\.version.value) == ["はい", 4])
        #expect(try store.pendingCount() == 2)
        try store.acknowledge(batch: "some-other-batch")
        #expect(try store.pendingCount() == 2, "only the open batch can be acknowledged")
        try store.acknowledge(batch: batch.name)
        #expect(try store.pendingCount() == 0)
        #expect(try store.nextPushBatch(limit: 10) == nil)
    }

    /// The server refuses answers and submissions to a survey their own batch changes, so a
    /// batch holds survey changes or answers and submissions, never both, in the order written
    /// (an advisor who publishes a survey change and enters answers for a municipality).
    @Test func surveyChangesAndAnswersGoInSeparateBatchesInOrder() throws {
        let directory = try TemporaryDirectory()
        let store = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        let survey = { (field: String) in try RecordKey(validating: "surveys", record: "osaka-dx-2025", field: field) }
        let submission = try RecordKey(validating: "submissions", record: "osaka-dx-2025/271004", field: "state")
        try store.write("closed", to: try survey("status"), scope: .shared, user: "advisor")
        try store.write("t", to: try survey("title"), scope: .shared, user: "advisor")
        try store.write(1, to: key("A01"), scope: osaka, user: "advisor")
        try store.write(["state": "submitted"], to: submission, scope: osaka, user: "advisor")
        try store.write("2026-12-31", to: try survey("deadline"), scope: .shared, user: "advisor")
        try store.write(
            "memo", to: try RecordKey(validating: "hearings", record: "h1", field: "summary"), scope: osaka,
            user: "advisor")
        var batches: [[String]] = []
        while let batch = try store.nextPushBatch(limit: 100) {
            batches.append(try batch.changes().map { "\($0.key.collection)/\($0.key.field)" })
            try store.acknowledge(batch: batch.name)
        }
        #expect(
            batches == [
                ["surveys/status", "surveys/title"], ["answers/value", "submissions/state"],
                ["surveys/deadline", "hearings/summary"],
            ])
    }

    @Test func pulledPagesAdvanceTheCursorInTheSameTransaction() throws {
        let directory = try TemporaryDirectory()
        let store = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        let history = SimulatedHistory(seed: 5, keyCount: 3, operations: 40...40)
        let changes = history.changes
        let half = changes.count / 2
        try store.applyPulled(PullResponse(changes: Array(changes.prefix(half)), next: 10, more: true))
        #expect(try store.pullCursor() == 10)
        // A page that fails to apply leaves the cursor where it was.
        let known = changes[0]
        let bad = Change(
            key: known.key, scope: known.scope == .shared ? osaka : .shared, version: changes[half].version)
        #expect(throws: StorageError.self) {
            try store.applyPulled(PullResponse(changes: [bad], next: 11, more: false))
        }
        #expect(try store.pullCursor() == 10)
        // The cursor never moves back.
        try store.applyPulled(PullResponse(changes: [], next: 4, more: false))
        #expect(try store.pullCursor() == 10)
        try store.applyPulled(PullResponse(changes: Array(changes.suffix(from: half)), next: 20, more: false))
        #expect(try store.pullCursor() == 20)
        #expect(try store.pendingCount() == 0, "pulled versions are not local writes")
    }

    @Test func concurrentRemoteWriteIsAConflictAndALocalWriteResolvesIt() throws {
        let directory = try TemporaryDirectory()
        let store = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        let mine = try store.write("はい", to: key("A05"), scope: osaka, user: "tanaka")
        var advisor = Register()
        let theirs = advisor.write("いいえ", by: ReplicaID(high: 9, low: 9), user: "advisor", at: 0)
        try store.applyPulled(
            PullResponse(changes: [Change(key: key("A05"), scope: osaka, version: theirs)], next: 1, more: false))
        #expect(try store.conflictedKeys() == [key("A05")])
        #expect(Set(try store.register(for: key("A05")).versions) == [mine, theirs])

        let resolution = try store.write("はい", to: key("A05"), scope: osaka, user: "tanaka")
        #expect(try store.conflictedKeys().isEmpty)
        #expect(resolution.vector.compare(mine.vector) == .after && resolution.vector.compare(theirs.vector) == .after)
        #expect(Set(try store.history(for: key("A05"))) == [mine, theirs])
        #expect(try store.nextPushBatch(limit: 10)?.changes().map(\.version) == [resolution])
    }

    /// The history is found by following `superseded_by` from the current versions: dropping a
    /// rejected version must leave the versions it had superseded reachable, whether they come
    /// back or stay superseded by another current version.
    @Test func droppingARejectedVersionKeepsTheRegistersHistory() throws {
        let directory = try TemporaryDirectory()
        let store = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        var server = Register()
        let advisor = ReplicaID(high: 9, low: 9)
        let first = server.write("はい", by: advisor, user: "advisor", at: 0)
        try store.applyPulled(
            PullResponse(changes: [Change(key: key("A07"), scope: osaka, version: first)], next: 1, more: false))
        let mine = try store.write("いいえ", to: key("A07"), scope: osaka, user: "tanaka")  // supersedes `first`
        // The advisor writes again, unaware of `mine`: a sibling of it that also supersedes `first`.
        let second = server.write("一部", by: advisor, user: "advisor", at: 1)
        try store.applyPulled(
            PullResponse(changes: [Change(key: key("A07"), scope: osaka, version: second)], next: 2, more: false))
        #expect(Set(try store.register(for: key("A07")).versions) == [mine, second])

        let batch = try #require(try store.nextPushBatch(limit: 10))
        let sequence = try #require(batch.sequences.first)
        try store.acknowledge(batch: batch.name, rejected: [(sequence, "survey_submitted", "提出済み")])
        #expect(try store.dropRejected(sequence))
        // `first` stays superseded (by `second` now) and is still the register's history.
        #expect(try store.register(for: key("A07")).versions == [second])
        #expect(try store.history(for: key("A07")) == [first])
        #expect(try store.conflictedKeys().isEmpty)

        // A store from before the history was indexed by successor: the row still names the
        // dropped version. Opening it repairs that.
        let database = try Database(path: directory.path("replica.sqlite"))
        try database.execute(sql: "UPDATE history SET superseded_by = ?1", [sequence])
        try database.execute(
            sql: """
                DROP INDEX history_by_successor;
                CREATE INDEX history_by_key ON history (collection, record, field);
                DELETE FROM renkei_migrations WHERE identifier = '007-history-by-successor';
                """)
        #expect(try ReplicaStore.open(at: directory.path("replica.sqlite")).history(for: key("A07")) == [first])
    }

    @Test func ownVersionsEchoedBackByThePullAreIgnored() throws {
        let directory = try TemporaryDirectory()
        let store = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        let mine = try store.write(["a", "b"], to: key("Q1"), scope: osaka, user: "tanaka")
        let summary = try store.applyPulled(
            PullResponse(changes: [Change(key: key("Q1"), scope: osaka, version: mine)], next: 1, more: false))
        #expect(summary == ApplySummary(accepted: 0, ignored: 1))
        #expect(try store.register(for: key("Q1")).versions == [mine])
    }
}

@Suite struct PushBatchTests {
    let osaka = Scope.municipality(try! MunicipalityCode(validating: "271004"))

    func key(_ item: String) -> RecordKey {
        try! RecordKey(validating: "answers", record: "osaka-dx-2025/271004/\(item)", field: "value")
    }

    @Test func aBatchKeepsItsNameUntilAcknowledged() throws {
        let directory = try TemporaryDirectory()
        let store = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        for index in 0..<5 { try store.write(.integer(Int64(index)), to: key("A\(index)"), scope: osaka, user: "t") }
        let first = try #require(try store.nextPushBatch(limit: 3))
        #expect(first.count == 3)
        #expect(PushRequest.isValidBatch(first.name))
        // Not acknowledged (the reply was lost): the same batch comes back, same name, same changes.
        let retry = try #require(try store.nextPushBatch(limit: 3))
        #expect(retry == first)
        try store.acknowledge(batch: first.name)
        let second = try #require(try store.nextPushBatch(limit: 3))
        #expect(second.name != first.name && second.count == 2)
        try store.acknowledge(batch: second.name)
        #expect(try store.nextPushBatch(limit: 3) == nil)
        #expect(try store.pendingCount() == 0)
    }

    /// Two batches in flight: the second is made of the versions after the first, either can be
    /// acknowledged first, and after a crash both come back under their names and numbers,
    /// oldest first.
    @Test func batchesInFlightTogetherKeepTheirNamesAndNumbersAndAreAcknowledgedInAnyOrder() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("replica.sqlite")
        var store = try ReplicaStore.create(at: path)
        for index in 0..<7 { try store.write(.integer(Int64(index)), to: key("A\(index)"), scope: osaka, user: "t") }
        let first = try #require(try store.nextPushBatch(limit: 3))
        let second = try #require(try store.nextPushBatch(limit: 3, excluding: [first.name]))
        #expect(first.number == 1 && second.number == 2 && second.name != first.name)
        #expect(try first.changes().map(\.key) == [key("A0"), key("A1"), key("A2")])
        #expect(try second.changes().map(\.key) == [key("A3"), key("A4"), key("A5")])

        // The process ends before any answer: both are sent again, as they were, oldest first.
        store = try ReplicaStore.open(at: path)
        #expect(try store.nextPushBatch(limit: 3) == first)
        #expect(try store.nextPushBatch(limit: 3, excluding: [first.name]) == second)

        // The second is answered first; the first is still open, then the rest follows.
        try store.acknowledge(batch: second.name)
        #expect(try store.pendingCount() == 4)
        #expect(try store.nextPushBatch(limit: 3) == first)
        let third = try #require(try store.nextPushBatch(limit: 3, excluding: [first.name]))
        #expect(third.number == 3)
        #expect(try third.changes().map(\.key) == [key("A6")])
        try store.acknowledge(batch: first.name)
        try store.acknowledge(batch: third.name)
        #expect(try store.pendingCount() == 0)
        #expect(try store.nextPushBatch(limit: 3) == nil)
        #expect(try store.highestPushNumber() == 3)
    }

    /// A replica whose one open batch was written by a version before batches went two at a
    /// time: the migration keeps it, and it is sent again under its name and number.
    @Test func theOpenBatchOfAnOlderReplicaSurvivesTheMigration() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("replica.sqlite")
        var store = try ReplicaStore.create(at: path)
        for index in 0..<3 { try store.write(.integer(Int64(index)), to: key("A\(index)"), scope: osaka, user: "t") }
        let open = try #require(try store.nextPushBatch(limit: 2))
        // The file as the previous version left it: one `open_push_batch` row, migration 008 not run.
        let database = try Database(path: path)
        try database.execute(
            sql: """
                CREATE TABLE open_push_batch (
                    id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, first_seq INTEGER NOT NULL,
                    last_seq INTEGER NOT NULL, number INTEGER) STRICT;
                INSERT INTO open_push_batch SELECT 1, name, first_seq, last_seq, number FROM open_push_batches;
                DROP TABLE open_push_batches;
                DELETE FROM renkei_migrations WHERE identifier = '008-open-push-batches';
                """)
        store = try ReplicaStore.open(at: path)
        #expect(try store.nextPushBatch(limit: 2) == open)
        let next = try #require(try store.nextPushBatch(limit: 2, excluding: [open.name]))
        #expect(next.number == 2)
        #expect(try next.changes().map(\.key) == [key("A2")])
    }

    @Test func aVersionSupersededWhileItsBatchIsInFlightLeavesTheBatchAndWaitsForTheNext() throws {
        let directory = try TemporaryDirectory()
        let store = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        try store.write(1, to: key("A1"), scope: osaka, user: "t")
        try store.write(2, to: key("A2"), scope: osaka, user: "t")
        let batch = try #require(try store.nextPushBatch(limit: 10))
        try store.write(3, to: key("A2"), scope: osaka, user: "t")  // edit while the push is in flight
        let retry = try #require(try store.nextPushBatch(limit: 10))
        let retried = try retry.changes().map(\.key)
        #expect(retry.name == batch.name && retried == [key("A1")])
        try store.acknowledge(batch: batch.name)
        let next = try #require(try store.nextPushBatch(limit: 10))
        let values = try next.changes().map(\.version.value)
        #expect(values == [3])
    }
}
