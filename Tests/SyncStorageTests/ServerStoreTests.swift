import Models
import SyncStorage
import TestSupport
import Testing

@Suite struct ServerStoreTests {
    let replica = ReplicaID(high: 0xAB, low: 0xCD)

    func changes(_ count: Int, seed: UInt64) -> [Change] {
        SimulatedHistory(seed: seed, keyCount: 6, operations: count...count).changes
    }

    @Test func pushRetriedWithSameBatchChangesNothing() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let request = PushRequest(replica: replica, batch: "batch-1", changes: changes(30, seed: 1))
        let first = try store.push(request)
        #expect(!first.replayed && first.accepted > 0 && first.accepted + first.ignored == request.changes.count)
        let dump = try store.canonicalDump()
        let sequence = try store.lastSequence()

        let retry = try store.push(request)
        #expect(retry.replayed)
        #expect(retry.accepted == first.accepted && retry.sequence == first.sequence)
        #expect(try store.lastSequence() == sequence, "a replayed batch takes no new sequence numbers")
        #expect(try store.canonicalDump() == dump)

        // The same batch name from another replica is a different batch.
        let other = try store.push(PushRequest(replica: ReplicaID(high: 1, low: 1), batch: "batch-1", changes: []))
        #expect(!other.replayed)
    }

    @Test func aRefusedBatchIsNotRecordedSoItsCorrectedRetryApplies() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let key = try RecordKey(validating: "answers", record: "osaka-dx-2025/271004/A01", field: "value")
        var register = Register()
        let version = register.write("はい", by: replica, user: "tanaka", at: 0)
        _ = try store.push(
            PushRequest(
                replica: replica, batch: "a",
                changes: [
                    Change(key: key, scope: .municipality(try MunicipalityCode(validating: "271004")), version: version)
                ]))
        let next = register.write("いいえ", by: replica, user: "tanaka", at: 1)
        let wrong = PushRequest(
            replica: replica, batch: "b", changes: [Change(key: key, scope: .shared, version: next)])
        #expect(throws: StorageError.self) { try store.push(wrong) }
        let right = PushRequest(
            replica: replica, batch: "b",
            changes: [
                Change(key: key, scope: .municipality(try MunicipalityCode(validating: "271004")), version: next)
            ])
        #expect(try store.push(right).accepted == 1)
        #expect(try store.register(for: key).versions == [next])
    }

    @Test func pullJSONIsThePullPageWithoutDecoding() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        _ = try store.push(PushRequest(replica: replica, batch: "x", changes: changes(80, seed: 2)))
        var since: Int64 = 0
        var pages = 0
        while true {
            let raw = try store.pullJSON(since: since, limit: 7)
            let decoded = try PullResponse(decoding: raw)
            #expect(decoded == (try store.pull(since: since, limit: 7)))
            pages += 1
            since = decoded.next
            if !decoded.more { break }
        }
        #expect(pages > 1)
        #expect(since == (try store.lastSequence()))
    }

    @Test func sequencesAreNeverReusedAfterDeletes() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let key = try RecordKey(validating: "surveys", record: "osaka-dx-2025", field: "status")
        var register = Register()
        var last: Int64 = 0
        for status in ["draft", "open", "closed"] {
            let version = register.write(.string(status), by: replica, user: "advisor", at: 0)
            let response = try store.push(
                PushRequest(
                    replica: replica, batch: status, changes: [Change(key: key, scope: .shared, version: version)]))
            #expect(response.sequence > last)
            last = response.sequence
        }
        let page = try store.pull(since: 0, limit: 10)
        #expect(page.changes.count == 1 && page.next == last)
        let statistics = try store.statistics()
        #expect(statistics.versions == 1 && statistics.superseded == 2 && statistics.lastSequence == 3)
    }
}

@Suite struct PullExclusionTests {
    @Test func leavingOutAnAuthorKeepsThePagingIdentical() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let history = SimulatedHistory(seed: 12, keyCount: 8, operations: 80...80)
        _ = try store.apply(history.changes)
        let excluded = history.replicas[0]
        var since: Int64 = 0
        var kept: [Change] = []
        while true {
            let all = try PullResponse(decoding: try store.pullJSON(since: since, limit: 3))
            let filtered = try PullResponse(
                decoding: try store.pullJSON(since: since, limit: 3, excludingAuthor: excluded))
            #expect(filtered.next == all.next && filtered.more == all.more)
            #expect(filtered.changes == all.changes.filter { $0.version.author != excluded })
            kept += filtered.changes
            since = all.next
            if !all.more { break }
        }
        let current = try store.pull(since: 0, limit: 10_000).changes
        #expect(kept == current.filter { $0.version.author != excluded })
        #expect(kept.count < current.count, "the seed has writes by the excluded replica")
    }
}
