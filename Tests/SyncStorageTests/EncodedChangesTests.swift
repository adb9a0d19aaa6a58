import Models
import SyncStorage
import TestSupport
import Testing

/// The rows a store writes from `EncodedChanges` (encoded outside the transaction, a large push
/// in two halves on two threads) are exactly the rows of each change encoded on its own: the
/// canonical JSON sent back on pull, the vector the merge reads and the author a pull leaves out.
@Suite struct EncodedChangesTests {
    static let replicas = [ReplicaID(high: 1, low: 0xA), ReplicaID(high: 2, low: 0xB), ReplicaID(high: 3, low: 0xC)]

    /// `count` changes to distinct registers: random values (escapes, non-ASCII, nesting), vectors
    /// of one to three entries, three authors, record ids with and without non-ASCII text.
    static func changes(count: Int, seed: UInt64) throws -> [Change] {
        var generator = SeededGenerator(seed: seed)
        return try (0..<count).map { index in
            let author = replicas[index % replicas.count]
            var pairs = [(author, UInt64(index + 1))]
            for other in replicas where other != author && Bool.random(using: &generator) {
                pairs.append((other, UInt64.random(in: 1...1_000_000, using: &generator)))
            }
            let record = index % 5 == 0 ? "記録-\(index)-\"引用\"" : "r\(index)"
            return Change(
                key: try RecordKey(validating: "notes", record: record, field: "body"), scope: .shared,
                version: Version(
                    vector: try VersionVector(validating: pairs), value: RandomJSON.value(using: &generator),
                    author: author, user: index % 7 == 0 ? "田中 \\ \"tanaka\"" : "tanaka", at: Int64(index)))
        }
    }

    @Test func aLargePushStoresEachChangeAsItsOwnCanonicalJSON() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let changes = try Self.changes(count: 3_001, seed: 11)  // above the two-thread threshold, odd
        let response = try store.push(PushRequest(replica: Self.replicas[0], batch: "b1", changes: changes))
        #expect(response.accepted == changes.count)

        let stored = try store.pullJSON(since: 0, limit: 10_000)
        #expect(stored == PullResponse(changes: changes, next: Int64(changes.count), more: false).jsonBytes)

        // The author column: a pull that leaves out one replica's versions leaves out exactly those.
        let author = Self.replicas[1]
        let others = try PullResponse(decoding: try store.pullJSON(since: 0, limit: 10_000, excludingAuthor: author))
        #expect(others.changes == changes.filter { $0.version.author != author })
    }

    @Test func storedVectorsDecideLaterMergesLikeThePureRule() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerStore(path: directory.path("server.sqlite"))
        let replica = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        let first = try Self.changes(count: 2_500, seed: 12)
        _ = try server.push(PushRequest(replica: Self.replicas[0], batch: "b1", changes: first))
        try replica.applyPulled(EncodedChanges(first, inParallel: true), next: 1)

        // For every register: one version that dominates the stored one, or one concurrent with it,
        // or the stored one again. Only the stored vector tells them apart.
        var registers: [RecordKey: Register] = [:]
        var second: [Change] = []
        for (index, change) in first.enumerated() {
            var register = Register()
            _ = register.merge(change.version)
            let writer = ReplicaID(high: 9, low: UInt64(index))
            let next: Change
            switch index % 3 {
            case 0:
                let version = register.write(.integer(1), by: writer, user: "u", at: 1)
                next = Change(key: change.key, scope: change.scope, version: version)
            case 1:
                let version = Version(
                    vector: try VersionVector(validating: [(writer, UInt64(1))]), value: .integer(2), author: writer,
                    user: "u", at: 2)
                _ = register.merge(version)
                next = Change(key: change.key, scope: change.scope, version: version)
            default:
                next = change
            }
            registers[change.key] = register
            second.append(next)
        }
        let serverSummary = try server.apply(second)
        let replicaSummary = try replica.applyPulled(EncodedChanges(second, inParallel: true), next: 2)
        let expectedAccepted = second.indices.filter { $0 % 3 != 2 }.count
        #expect(serverSummary.accepted == expectedAccepted)
        #expect(replicaSummary.accepted == expectedAccepted)
        for store in [server, replica] as [any VersionStore] {
            let pulled = try store.changes(since: 0, limit: 10_000).changes
            var merged: [RecordKey: Register] = [:]
            for change in pulled { _ = merged[change.key, default: Register()].merge(change.version) }
            #expect(merged == registers)
        }
    }
}
