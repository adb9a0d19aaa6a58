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

    /// The dashboard's read of one field: other fields are left out, and so is a version whose
    /// stored change is longer than the bound in bytes (12,000 characters of Japanese are
    /// 36,000 bytes: over 32 KiB, though under it in characters).
    @Test func oneFieldIsReadWithinABoundInBytes() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let osaka = try Scope(validating: "271004")
        func change(_ record: String, _ field: String, _ value: JSONValue) throws -> Change {
            var register = Register()
            return Change(
                key: try RecordKey(validating: "hearings", record: record, field: field), scope: osaka,
                version: register.write(value, by: replica, user: "staff", at: 0))
        }
        _ = try store.apply([
            try change("h1", "date", "2026-06-01"),
            try change("h1", "summary", "議事"),
            try change("h2", "date", .string(String(repeating: "あ", count: 12_000))),
        ])
        let dates = try store.registers(in: "hearings", field: "date", maxChangeBytes: 32 * 1024)
        #expect(dates.map(\.key.record) == ["h1"])
        #expect(dates.first?.register.versions.first?.value == "2026-06-01")
        let all = try store.registers(in: "hearings", field: "date", maxChangeBytes: 64 * 1024)
        #expect(all.map(\.key.record) == ["h1", "h2"])
    }
}

@Suite struct PullExclusionTests {
    static let own = Scope.municipality(try! MunicipalityCode(validating: "271004"))
    static let other = Scope.municipality(try! MunicipalityCode(validating: "271403"))

    /// One hearing record per scope given, in that order, all written by one replica.
    static func hearings(_ scopes: [Scope]) throws -> [Change] {
        let writer = ReplicaID.random()
        return try scopes.enumerated().map { index, scope in
            let record = scope == .shared ? "notice-\(index)" : "\(scope)-\(index)"
            var register = Register()
            return Change(
                key: try RecordKey(validating: "hearings", record: record, field: "memo"), scope: scope,
                version: register.write(.integer(Int64(index)), by: writer, user: "u", at: 1))
        }
    }

    /// Pages with versions left out hold only versions the caller gets, full pages until the
    /// last, and together exactly what the caller gets; the last page's `next` is the store's
    /// last sequence, so nothing left out is scanned again.
    @Test func leftOutVersionsNeverFillAPage() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let history = SimulatedHistory(seed: 12, keyCount: 8, operations: 80...80)
        _ = try store.apply(history.changes)
        let excluded = history.replicas[0]
        let current = try store.pull(since: 0, limit: 10_000).changes
        let wanted = current.filter { $0.version.author != excluded }
        #expect(wanted.count < current.count, "the seed has writes by the excluded replica")
        #expect(wanted.count > 6, "the seed fills several pages")

        var since: Int64 = 0
        var kept: [Change] = []
        while true {
            let page = try PullResponse(
                decoding: try store.pullJSON(since: since, limit: 3, excludingAuthor: excluded))
            #expect(page.changes.allSatisfy { $0.version.author != excluded })
            #expect(page.next >= since)
            if page.more {
                #expect(page.changes.count == 3, "a page that is not the last is full")
            } else {
                #expect(page.next == (try store.lastSequence()))
            }
            kept += page.changes
            since = page.next
            if !page.more { break }
        }
        #expect(kept == wanted)
        // Asking again from the end finds nothing and keeps the cursor.
        let again = try PullResponse(decoding: try store.pullJSON(since: since, limit: 3, excludingAuthor: excluded))
        #expect(again.changes.isEmpty && !again.more && again.next == since)
    }

    /// A scoped caller's pages hold its scopes only; others' versions neither appear nor count.
    @Test func otherScopesAreLeftOutByTheQuery() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let (own, other) = (Self.own, Self.other)
        let changes = try Self.hearings((0..<30).map { [own, other, other, .shared][$0 % 4] })
        _ = try store.apply(changes)
        var since: Int64 = 0
        var pages = 0
        var kept: [Change] = []
        repeat {
            let page = try PullResponse(decoding: try store.pullJSON(since: since, limit: 4, scopes: [own, .shared]))
            kept += page.changes
            since = page.next
            pages += 1
            if !page.more { break }
        } while true
        #expect(kept == changes.filter { $0.scope != other })
        #expect(pages == 4, "15 versions in pages of 4, none of them the other municipality's")
        #expect(since == (try store.lastSequence()))
    }
}

@Suite struct PullWindowTests {
    /// A page looks at `window` sequences at most: versions the caller does not get can make it
    /// end early, even empty, but never make one call scan them all; paging on gives exactly
    /// what the caller gets.
    @Test func aPageLooksAtMostAtItsWindow() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let own = PullExclusionTests.own
        // Sequences 1-3 and 44-46 are the caller's; 4-43 another municipality's.
        let changes = try PullExclusionTests.hearings(
            (0..<46).map { (3..<43).contains($0) ? PullExclusionTests.other : own })
        _ = try store.apply(changes)
        func page(_ since: Int64) throws -> PullResponse {
            try PullResponse(decoding: try store.pullJSON(since: since, limit: 100, scopes: [own], window: 10))
        }
        let first = try page(0)
        #expect(first.changes.count == 3 && first.next == 10 && first.more)
        let empty = try page(10)
        #expect(empty.changes.isEmpty && empty.next == 20 && empty.more, "only others' versions in 11-20")
        var since: Int64 = 0
        var kept: [Change] = []
        var pages = 0
        while true {
            let next = try page(since)
            #expect(next.next > since && next.next - since <= 10)
            kept += next.changes
            since = next.next
            pages += 1
            if !next.more { break }
        }
        #expect(kept == changes.filter { $0.scope == own })
        #expect(pages == 5 && since == 46)
    }

    /// A history answer stops at `historyMaxBytes` of superseded versions (the version that
    /// reaches it is the oldest sent) and counts the older ones it leaves out.
    @Test func aHistoryOfLargeVersionsStopsAtItsByteLimit() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let key = try RecordKey(validating: "hearings", record: "h-271004-1", field: "minutes")
        let scope = Scope.municipality(try MunicipalityCode(validating: "271004"))
        let text = String(repeating: "議", count: 80_000)  // 240,000 bytes of UTF-8
        var register = Register()
        for index in 0..<30 {
            let version = register.write(
                .string("\(index)\(text)"), by: ReplicaID(high: 0xAB, low: 0xCD), user: "tanaka", at: Int64(index))
            _ = try store.apply([Change(key: key, scope: scope, version: version)])
        }
        let answer = try #require(try store.recentVersions(of: key) { _ in true })
        let superseded = answer.changes.count - 1
        // 4 MiB holds 17 whole versions of ~240 KB: the 18th reaches the limit and is the last sent.
        #expect(superseded == 18 && answer.more, "\(superseded) sent")
        #expect(answer.changes.last?.version.value == .string("29\(text)"))
        #expect(answer.changes.first?.version.value == .string("\(29 - superseded)\(text)"))
        let none = try RecordKey(validating: "hearings", record: "none", field: "minutes")
        #expect(try store.recentVersions(of: none) { _ in true } == nil)
        #expect(try store.recentVersions(of: key) { $0 != scope } == nil, "a scope the caller may not read")
    }
}
