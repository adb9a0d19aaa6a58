import Foundation
import Models
import SyncProtocol
import SyncStorage
import Synchronization
import TestSupport
import Testing

/// The sync engine against a scripted server (`FakeServer`): what it sends, how it retries and
/// what it keeps when the server refuses. The real server is exercised by the end-to-end suites.
@Suite struct SyncEngineTests {
    let osaka = Scope.municipality(try! MunicipalityCode(validating: "271004"))
    let directory = try! TemporaryDirectory()

    func key(_ item: String) -> RecordKey {
        try! RecordKey(validating: "answers", record: "osaka-dx-2025/271004/\(item)", field: "value")
    }

    /// A replica with `count` pending answers, as user tanaka.
    func replica(pending count: Int) throws -> ReplicaStore {
        let store = try ReplicaStore.create(at: directory.path("replica-\(UUID().uuidString).sqlite"))
        try store.setSetting(.user, to: "tanaka")
        for index in 0..<count {
            try store.write(.integer(Int64(index)), to: key("A\(index)"), scope: osaka, user: "tanaka")
        }
        return store
    }

    func engine(_ store: ReplicaStore, _ server: FakeServer, retries: Int = 4) -> SyncEngine {
        var engine = SyncEngine(
            store: store,
            api: SyncAPI(transport: server, retry: RetryPolicy(delays: Array(repeating: 0, count: retries))))
        engine.batchSize = 2
        return engine
    }

    @Test func aPushWhoseAnswerWasLostIsSentAgainUnderTheSameBatchNameAndAppliedOnce() throws {
        let store = try replica(pending: 3)
        let server = FakeServer()
        server.inject(.answerLost, on: "POST /v1/push")
        let report = try engine(store, server).run()
        let state = server.state.withLock { $0 }
        #expect(state.pushBodies.count == 3, "the first batch twice, then the second")
        #expect(state.pushBodies[0] == state.pushBodies[1], "the retry is the same batch, byte for byte")
        #expect(state.applied.count == 3 && report.pushed == 3 && report.replayedBatches == 1)
        #expect(try store.pendingCount() == 0)
    }

    /// A server that says `Renkei-Push-Window: 2` (0.21-0.29) or 3 gets the next batches while
    /// it applies one; a server that says nothing (before 0.21) or more than the client knows
    /// gets one at a time or the client's three. Every batch arrives once, with its own number,
    /// and leaves the outbox.
    @Test func batchesAreInFlightOnlyAsManyAsTheServerTakes() throws {
        for (window, most) in [(nil, 1), ("2", 2), ("3", 3), ("1", 1), ("64", 3), ("zwei", 1)] as [(String?, Int)] {
            let store = try replica(pending: 9)
            let server = FakeServer()
            server.state.withLock {
                $0.pushWindow = window
                $0.pushSeconds = 0.05
            }
            let report = try engine(store, server).run()
            let state = server.state.withLock { $0 }
            #expect(state.mostPushesInFlight == most, "window \(window ?? "none")")
            #expect(state.applied.count == 9 && state.batches.count == 5 && report.pushed == 9 && report.batches == 5)
            let numbers = try state.pushBodies.map { try #require(try PushRequest(decoding: $0).number) }
            #expect(numbers.sorted() == [1, 2, 3, 4, 5], "window \(window ?? "none"): \(numbers)")
            #expect(try store.pendingCount() == 0)
        }
    }

    /// The first of two batches in flight fails: the second, which the server applied, still
    /// leaves the outbox, and the first is sent again next round under its name and number.
    @Test func aBatchAppliedWhileTheOneBeforeItFailedIsKeptAndTheFailedOneIsResentAsItWas() throws {
        let store = try replica(pending: 6)
        let server = FakeServer()
        server.state.withLock {
            $0.pushWindow = "2"
            $0.pushSeconds = 0.05
            $0.failOnce = [1]
        }
        #expect(throws: SyncError.self) { try engine(store, server).run() }
        let first = server.state.withLock { $0 }
        #expect(first.applied.count == 2, "batch 2 was applied while batch 1 failed")
        #expect(try store.pendingCount() == 4, "batch 2 left the outbox; batches 1 and 3 wait")
        let failed = try #require(try first.pushBodies.map { try PushRequest(decoding: $0) }.first { $0.number == 1 })

        let report = try engine(store, server).run()
        let state = server.state.withLock { $0 }
        let resent = try state.pushBodies.dropFirst(first.pushBodies.count).map { try PushRequest(decoding: $0) }
        #expect(
            resent.contains { $0.batch == failed.batch && $0.number == 1 }, "the failed batch goes again, as it was")
        #expect(resent.compactMap(\.number).sorted() == [1, 3], "then the rest, numbered after batch 2")
        #expect(Set(resent.map(\.batch)).count == resent.count, "no batch is sent twice")
        #expect(state.applied.count == 6 && report.pushed == 4)
        #expect(try store.pendingCount() == 0)
    }

    /// Batches go gzipped to a server that says it takes them, and as they are to one that
    /// does not (a server before 0.18): both apply everything.
    @Test func pushesAreGzippedOnlyForAServerThatTakesThem() throws {
        for takesGzip in [true, false] {
            let store = try replica(pending: 40)
            let server = FakeServer()
            server.state.withLock { $0.takesGzip = takesGzip }
            var sync = engine(store, server)
            sync.batchSize = 20
            let report = try sync.run()
            let state = server.state.withLock { $0 }
            #expect(state.pushCodings == [String?](repeating: takesGzip ? "gzip" : nil, count: 2), "\(takesGzip)")
            #expect(state.applied.count == 40 && report.pushed == 40)
            #expect(try store.pendingCount() == 0)
        }
    }

    @Test func transientAnswersAreRetriedAndEachRetryIsAnnounced() throws {
        let store = try replica(pending: 1)
        let server = FakeServer()
        server.inject(.refuse(503, .unavailable), on: "POST /v1/push")
        server.inject(.noAnswer, on: "POST /v1/push")
        let announced = Mutex<[String]>([])
        var engine = engine(store, server)
        engine.api.retry.onRetry = { attempt, of in announced.withLock { $0.append("\(attempt)/\(of)") } }
        _ = try engine.run()
        #expect(announced.withLock { $0 } == ["1/4", "2/4"])
        #expect(server.state.withLock { $0.applied.count } == 1)
    }

    @Test func aServerThatNeverAnswersStopsTheRoundWithEverythingKept() throws {
        let store = try replica(pending: 2)
        let server = FakeServer()
        for _ in 0..<3 { server.inject(.noAnswer, on: "GET /v1/health") }
        #expect {
            try engine(store, server, retries: 2).run()
        } throws: { error in
            guard let error = error as? SyncError, case .unreachable(_, let attempts) = error else { return false }
            return attempts == 3 && error.exitStatus == .unavailable
        }
        #expect(try store.pendingCount() == 2)
        #expect(server.state.withLock { $0.pushBodies.isEmpty })
    }

    @Test func aRefusedTokenSendsNothingAndExitsAsNotAllowed() throws {
        let store = try replica(pending: 2)
        let server = FakeServer()
        server.inject(.refuse(401, .unauthorized), on: "GET /v1/whoami")
        #expect {
            try engine(store, server).run()
        } throws: { error in
            guard let error = error as? SyncError else { return false }
            return error.code == .unauthorized && error.exitStatus == .noPermission
        }
        #expect(try store.pendingCount() == 2)
        #expect(server.state.withLock { $0.pushBodies.isEmpty })
    }

    @Test func aNewServerEpochQueuesOwnVersionsAgain() throws {
        let store = try replica(pending: 2)
        let server = FakeServer()
        _ = try engine(store, server).run()
        #expect(try store.pendingCount() == 0)
        server.state.withLock { $0.epoch = "epoch-2" }
        let report = try engine(store, server).run()
        #expect(report.requeued == 2 && report.pushed == 2)
    }

    @Test func aTokenOfAnotherUserRestampsWhatIsNotSentYet() throws {
        let store = try replica(pending: 1)
        let server = FakeServer()
        server.state.withLock { $0.user = "sato" }
        _ = try engine(store, server).run()
        #expect(try store.setting(.user) == "sato")
        #expect(server.state.withLock { $0.applied.map(\.version.user) } == ["sato"])
    }

    @Test func aRewoundPushContinuesUnderANewReplicaAndLosesNothing() throws {
        let store = try replica(pending: 2)
        let before = store.replicaID
        let server = FakeServer()
        server.inject(.refuse(409, .replicaRewound), on: "POST /v1/push")
        let report = try engine(store, server).run()
        #expect(report.rewound?.previous == before)
        #expect(store.replicaID != before)
        let applied = server.state.withLock { $0.applied }
        #expect(applied.count == 2 && applied.allSatisfy { $0.version.author == store.replicaID })
        #expect(try store.pendingCount() == 0)
    }

    @Test func aMalformedHealthAnswerIsAnInvalidAnswerNotACrash() throws {
        let store = try replica(pending: 1)
        final class Garbage: SyncTransport {
            func send(_ request: TransportRequest) throws(TransportError) -> TransportResponse {
                TransportResponse(status: 200, body: Data("{\"status\":\"ok\",\"epoch\":7}".utf8))
            }
        }
        #expect {
            try SyncEngine(store: store, api: SyncAPI(transport: Garbage())).run()
        } throws: { error in
            guard let error = error as? SyncError, case .invalidAnswer(let reason) = error else { return false }
            return reason.contains("epoch") || reason.contains("sequence")
        }
        #expect(try store.pendingCount() == 1)
    }

    /// Pulled pages are committed in groups of `commitGroup` changes, each group with its cursor:
    /// a page that fails rolls back its own group only, and the next pull starts after the last
    /// committed group.
    @Test func pulledPagesCommitInGroupsAndAFailureKeepsTheGroupsBefore() throws {
        let store = try replica(pending: 0)
        let server = FakeServer()
        let writer = ReplicaID(high: 7, low: 7)
        var counter = 0
        func page(_ items: [String], next: Int64, more: Bool = true) -> TransportResponse {
            let changes = items.map { item in
                counter += 1
                let version = Version(
                    vector: try! VersionVector(validating: [(writer, UInt64(counter))]), value: .integer(1),
                    author: writer, user: "sato", at: 0)
                return Change(key: key(item), scope: osaka, version: version)
            }
            return TransportResponse(
                status: 200, body: Data(PullResponse(changes: changes, next: next, more: more).jsonBytes))
        }
        for answer in [
            page(["P1", "P2"], next: 2), page(["P3", "P4"], next: 4),  // group 1: 4 changes
            page(["P5", "P6"], next: 6), page(["P7"], next: 1),  // group 2: the cursor goes back
        ] {
            server.inject(.answer(answer), on: "GET /v1/pull")
        }
        var sync = engine(store, server)
        sync.pageSize = 2
        sync.commitGroup = 4
        #expect {
            try sync.run()
        } throws: { error in
            if case .invalidAnswer? = error as? SyncError { return true }
            return false
        }
        #expect(try store.pullCursor() == 4, "the first group and its cursor were committed")
        let kept = try store.changes(since: 0, limit: 100).changes.map(\.key.record)
        #expect(
            kept == ["P1", "P2", "P3", "P4"].map { "osaka-dx-2025/271004/\($0)" }, "the second group was rolled back")
        #expect(server.state.withLock { $0.log.filter { $0.hasPrefix("GET /v1/pull") }.count } == 4)
    }

    /// A pull never holds the replica's write lock while it waits for the network: a local write
    /// made while the next page is slow to come goes through at once (within the group's short
    /// wait), and both end up stored.
    @Test func aLocalWriteDoesNotWaitForTheNetworkBehindAPull() throws {
        let path = directory.path("replica-slow-network.sqlite")
        let store = try ReplicaStore.create(at: path)
        try store.setSetting(.user, to: "tanaka")
        let server = FakeServer()
        let writer = ReplicaID(high: 7, low: 7)
        for (index, more) in [(1, true), (2, false)] {
            let version = Version(
                vector: try VersionVector(validating: [(writer, UInt64(index))]), value: .integer(1), author: writer,
                user: "sato", at: 0)
            let page = PullResponse(
                changes: [Change(key: key("S\(index)"), scope: osaka, version: version)], next: Int64(index),
                more: more)
            server.inject(.answer(TransportResponse(status: 200, body: Data(page.jsonBytes))), on: "GET /v1/pull")
        }
        /// The second pull answers after 3 s.
        final class SlowSecondPull: SyncTransport {
            let server: FakeServer
            let pulls = Mutex(0)
            init(_ server: FakeServer) { self.server = server }
            func send(_ request: TransportRequest) throws(TransportError) -> TransportResponse {
                if request.path.hasPrefix("/v1/pull"),
                    pulls.withLock({
                        $0 += 1; return $0
                    }) == 2
                {
                    sleep(3)
                }
                return try server.send(request)
            }
        }
        var sync = SyncEngine(
            store: store, api: SyncAPI(transport: SlowSecondPull(server), retry: RetryPolicy(delays: [])))
        sync.pageSize = 1
        // Another process's write (`renkei ui`), made while the second page is on its way.
        let written = DispatchSemaphore(value: 0)
        let waited = Mutex<Result<Double, Error>?>(nil)
        Thread {
            usleep(700_000)  // the first page is applied; the second is on its way
            waited.withLock {
                $0 = Result {
                    let local = try ReplicaStore.open(at: path)
                    let started = Date()
                    try local.write(
                        "ローカル", to: RecordKey(validating: "answers", record: "osaka-dx-2025/271004/L1", field: "value"),
                        scope: .municipality(try MunicipalityCode(validating: "271004")), user: "tanaka")
                    return Date().timeIntervalSince(started)
                }
            }
            written.signal()
        }.start()
        #expect(try sync.run().pulled == 2)
        written.wait()
        let seconds = try waited.withLock { $0! }.get()
        #expect(seconds < 1.5, "the local write waited \(seconds) s")
        let stored = try store.changes(since: 0, limit: 10).changes.map(\.key.record).sorted()
        #expect(stored == ["L1", "S1", "S2"].map { "osaka-dx-2025/271004/\($0)" })
    }

    /// A pending document whose file is not in the local cache with its size (a version picked
    /// from another office, a value written by hand) goes as it is when the server already holds
    /// the file for this user, and is otherwise set aside: it never holds up the other changes.
    @Test func aDocumentWhoseFileIsNotCachedGoesIfTheServerHasItElseIsSetAside() throws {
        let held = Data("議事録（他の課の版）".utf8)
        let heldHash = SHA256.hex(SHA256.hash([UInt8](held)))
        for serverHasIt in [true, false] {
            let store = try replica(pending: 1)
            let server = FakeServer()
            if serverHasIt { server.state.withLock { $0.files[heldHash] = held } }
            let document = Document(
                name: "議事録.txt", folder: "", sha256: heldHash, size: Int64(held.count), mediaType: "text/plain",
                note: "")
            try store.write(
                document.json, to: try Document.key(id: RecordID.timeOrdered()), scope: osaka, user: "tanaka")
            var sync = engine(store, server)
            sync.cache = try BlobStore(root: directory.url.appendingPathComponent("cache-\(serverHasIt)"))
            let report = try sync.run()
            let applied = server.state.withLock { $0.applied.map(\.key.collection) }
            #expect(try store.pendingCount() == 0, "\(serverHasIt)")
            if serverHasIt {
                #expect(applied.sorted() == ["answers", "documents"] && report.newlyRejected == 0)
                #expect(try store.rejectedVersions().isEmpty)
            } else {
                #expect(applied == ["answers"], "the answer went; the document did not")
                #expect(report.pushed == 1 && report.rejected == 0 && report.setAside == 1)
                let set = try store.rejectedVersions()
                #expect(set.count == 1 && set.first?.code == "blob_missing")
                #expect(set.first?.message.contains("議事録.txt") == true)
                #expect(try sync.run().pushed == 0, "nothing is stuck: the next round has nothing to send")
            }
        }
        // A document whose hash the server refuses outright (written before the client checked
        // values) is set aside too.
        let store = try replica(pending: 1)
        let server = FakeServer()
        let malformed: JSONValue = [
            "name": "x.txt", "folder": "", "sha256": "not-a-hash", "size": 3, "media_type": "text/plain", "note": "",
        ]
        try store.write(malformed, to: try Document.key(id: RecordID.timeOrdered()), scope: osaka, user: "tanaka")
        var sync = engine(store, server)
        sync.cache = try BlobStore(root: directory.url.appendingPathComponent("cache-malformed"))
        let report = try sync.run()
        let waiting = try store.pendingCount()
        #expect(report.setAside == 1 && report.pushed == 1 && waiting == 0)
    }

    @Test func aPullWhoseCursorStandsStillWhileMoreWaitEndsTheRound() throws {
        let store = try replica(pending: 0)
        let server = FakeServer()
        let standing = TransportResponse(
            status: 200, body: Data(PullResponse(changes: [], next: 0, more: true).jsonBytes))
        for _ in 0..<50 { server.inject(.answer(standing), on: "GET /v1/pull") }
        #expect {
            try engine(store, server).run()
        } throws: { error in
            if case .invalidAnswer? = error as? SyncError { return true }
            return false
        }
        #expect(server.state.withLock { $0.log.filter { $0.hasPrefix("GET /v1/pull") }.count } == 1)
    }
}
