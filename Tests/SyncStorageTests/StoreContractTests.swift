import Models
import SyncStorage
import TestSupport
import Testing

/// One contract, two stores: applying versions and reading them back since any sequence gives
/// exactly the state the pure merge in Models gives.
@Suite struct StoreContractTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case server
        case replica
        var testDescription: String { rawValue }

        func open(in directory: TemporaryDirectory) throws -> any VersionStore {
            switch self {
            case .server: return try ServerStore(path: directory.path("server.sqlite"))
            case .replica: return try ReplicaStore.create(at: directory.path("replica.sqlite"))
            }
        }
    }

    /// Reads every page after `since` with page size `limit`, checking the cursor rules.
    static func readAll(_ store: any VersionStore, since: Int64, limit: Int) throws -> (changes: [Change], next: Int64)
    {
        var cursor = since
        var changes: [Change] = []
        while true {
            let page = try store.changes(since: cursor, limit: limit)
            #expect(page.next >= cursor, "next must never decrease")
            #expect(page.changes.count <= limit)
            changes += page.changes
            cursor = page.next
            if !page.more { return (changes, cursor) }
        }
    }

    @Test(arguments: Kind.allCases)
    func applyThenReadSinceGivesThePureMergeState(_ kind: Kind) throws {
        for seed in PropertyTestSettings.seeds(base: 100 + UInt64(kind.rawValue.count), count: 150) {
            let directory = try TemporaryDirectory()
            let store = try kind.open(in: directory)
            let history = SimulatedHistory(seed: seed, keyCount: 4, operations: 10...60)
            var generator = SeededGenerator(seed: seed)
            let arrivals = history.shuffledWithDuplicates(using: &generator)

            // Apply in random batches; remember the high-water mark after the first batch.
            var index = 0
            var midpoint: Int64?
            while index < arrivals.count {
                let size = Int.random(in: 1...8, using: &generator)
                _ = try store.apply(Array(arrivals[index..<min(index + size, arrivals.count)]))
                index += size
                if midpoint == nil { midpoint = try Self.readAll(store, since: 0, limit: 1_000).next }
            }

            let expected = history.converged
            let everything = try Self.readAll(store, since: 0, limit: Int.random(in: 1...7, using: &generator))
            var fromStore: [RecordKey: Register] = [:]
            for change in everything.changes { fromStore[change.key, default: Register()].merge(change.version) }
            #expect(fromStore == expected, "seed \(seed)")
            // Exactly the current versions, each once.
            #expect(everything.changes.count == expected.values.reduce(0) { $0 + $1.versions.count }, "seed \(seed)")
            for (key, register) in expected {
                #expect(try store.register(for: key) == register, "seed \(seed)")
            }
            // The conflict list and the counts are kept incrementally; they must match a full scan.
            let conflicted = expected.filter { $0.value.isConflicted }.keys.sorted()
            #expect(try store.conflictedKeys() == conflicted, "seed \(seed)")
            let statistics = try store.statistics()
            #expect(
                statistics.registers == Int64(expected.count) && statistics.conflicts == Int64(conflicted.count),
                "seed \(seed)")

            // Reading since a midpoint returns exactly the tail of the full read.
            let tail = try Self.readAll(store, since: midpoint ?? 0, limit: 3)
            let full = try Self.readAll(store, since: 0, limit: 1_000)
            #expect(tail.changes == Array(full.changes.suffix(tail.changes.count)), "seed \(seed)")
            #expect(tail.next == full.next)

            // A reader that already has everything gets nothing new.
            let done = try store.changes(since: full.next, limit: 10)
            #expect(done.changes.isEmpty && !done.more && done.next == full.next)
        }
    }

    @Test(arguments: Kind.allCases)
    func storesThatReceivedTheSameVersionsDumpIdenticalBytes(_ kind: Kind) throws {
        for seed in PropertyTestSettings.seeds(base: 200, count: 40) {
            let directory = try TemporaryDirectory()
            let history = SimulatedHistory(seed: seed, keyCount: 5, operations: 20...60)
            var generator = SeededGenerator(seed: seed)
            let first = try kind.open(in: directory)
            let other = try TemporaryDirectory()
            let second = try (kind == .server ? Kind.replica : Kind.server).open(in: other)
            _ = try first.apply(history.shuffledWithDuplicates(using: &generator))
            for change in history.shuffledWithDuplicates(using: &generator) { _ = try second.apply([change]) }
            let dump = try first.canonicalDump()
            #expect(dump == (try second.canonicalDump()), "seed \(seed)")
            #expect(!dump.isEmpty)
        }
    }

    @Test(arguments: Kind.allCases)
    func supersededVersionsMoveToHistory(_ kind: Kind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(in: directory)
        let key = try RecordKey(
            validating: "hearings", record: "0193a8f0-0000-7000-8000-000000000001", field: "summary")
        let scope = Scope.municipality(try MunicipalityCode(validating: "271403"))
        let writer = ReplicaID(high: 7, low: 7)
        var register = Register()
        var written: [Version] = []
        for text in ["下書き", "修正", "確定"] {
            written.append(register.write(.string(text), by: writer, user: "advisor", at: 0))
            _ = try store.apply([Change(key: key, scope: scope, version: written.last!)])
        }
        #expect(try store.register(for: key).versions == [written[2]])
        #expect(try store.history(for: key) == [written[0], written[1]])
        // An old version arriving late is ignored, not resurrected.
        let late = try store.apply([Change(key: key, scope: scope, version: written[0])])
        #expect(late == ApplySummary(accepted: 0, ignored: 1))
    }

    @Test(arguments: Kind.allCases)
    func aChangeClaimingAnotherScopeIsRefusedAndTheBatchRolledBack(_ kind: Kind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(in: directory)
        let key = try RecordKey(validating: "answers", record: "osaka-dx-2025/271004/A01", field: "value")
        let osaka = Scope.municipality(try MunicipalityCode(validating: "271004"))
        let sakai = Scope.municipality(try MunicipalityCode(validating: "271403"))
        var register = Register()
        let first = register.write("はい", by: ReplicaID(high: 1, low: 1), user: "tanaka", at: 0)
        _ = try store.apply([Change(key: key, scope: osaka, version: first)])
        let other = try RecordKey(validating: "answers", record: "osaka-dx-2025/271004/A02", field: "value")
        var otherRegister = Register()
        let innocent = otherRegister.write(1, by: ReplicaID(high: 2, low: 2), user: "sakai", at: 0)
        let hijack = register.write("いいえ", by: ReplicaID(high: 2, low: 2), user: "sakai", at: 0)
        #expect(throws: StorageError.self) {
            try store.apply([
                Change(key: other, scope: osaka, version: innocent), Change(key: key, scope: sakai, version: hijack),
            ])
        }
        #expect(try store.register(for: key).versions == [first])
        #expect(try store.register(for: other).versions.isEmpty, "nothing of a refused batch is applied")
    }
}
