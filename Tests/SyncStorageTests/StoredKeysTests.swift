import Models
import SyncStorage
import TestSupport
import Testing

/// Both stores skip the lookup of a key their index did not hold when a batch began
/// (`StoredKeys`). A key held must never be taken for a new one: its new version would then
/// stand beside the old one instead of superseding it.
@Suite struct StoredKeysTests {
    let osaka = Scope.municipality(try! MunicipalityCode(validating: "271004"))
    let office = ReplicaID(high: 1, low: 1)
    let advisor = ReplicaID(high: 2, low: 2)

    func key(_ record: String) -> RecordKey {
        try! RecordKey(validating: "answers", record: "osaka-dx-2025/271004/\(record)", field: "value")
    }

    /// The stores hold `stored`; one batch then revises some of them, writes new keys among them
    /// (one twice) and a concurrent version of one; the result is the pure merge's.
    @Test(arguments: StoreContractTests.Kind.allCases)
    func aBatchAmongStoredKeysSupersedesWhatItMust(_ kind: StoreContractTests.Kind) throws {
        // By bytes (SQLite's order) "e" + U+0301 + "z" < "f" < "é"; by Swift's String order
        // (canonical equivalence) "f" < "é" < "éz": a range taken in Swift's order would end
        // before the stored "é".
        let stored = ["A02", "A04", "B01", "e\u{301}z", "A06", "é"].map(key)
        // Forty new keys more, so that the filter reads the range (a quarter of the batch's
        // size holds the six stored keys).
        let batch = (["A01", "A02", "A03", "e\u{301}z", "A03", "f", "é", "A04", "A05"] + (0..<40).map { "N\($0)" })
            .map(key)
        var registers: [RecordKey: Register] = [:]
        var first: [Change] = []
        for key in stored {
            let version = registers[key, default: Register()].write(.integer(1), by: office, user: "u", at: 1)
            first.append(Change(key: key, scope: osaka, version: version))
        }
        var second: [Change] = []
        for (index, key) in batch.enumerated() {
            // A04 is written by the advisor, who has not seen the office's version: a conflict.
            let writer = key == self.key("A04") ? advisor : office
            var register = key == self.key("A04") ? Register() : registers[key, default: Register()]
            let version = register.write(.integer(Int64(10 + index)), by: writer, user: "u", at: 2)
            if key != self.key("A04") { registers[key] = register }
            second.append(Change(key: key, scope: osaka, version: version))
        }
        let directory = try TemporaryDirectory()
        let store = try kind.open(in: directory)
        _ = try store.apply(first)
        _ = try store.apply(second)

        var expected: [RecordKey: Register] = [:]
        for change in first + second { expected[change.key, default: Register()].merge(change.version) }
        for key in Set(stored + batch) {
            #expect(try store.register(for: key) == expected[key], "\(key)")
        }
        // Reading a register merges its rows: count them too (a version not superseded would
        // stay as a second row).
        let statistics = try store.statistics()
        #expect(statistics.versions == Int64(expected.values.reduce(0) { $0 + $1.versions.count }))
        #expect(statistics.versions + statistics.superseded == Int64(first.count + second.count))
        #expect(statistics.conflicts == 1)
        #expect(try store.register(for: key("A04")).versions.count == 2, "the advisor's concurrent write")
        #expect(try store.register(for: key("A03")).versions.count == 1, "written twice in one batch")
        #expect(try store.register(for: key("A02")).versions.count == 1, "revised")
        #expect(try store.register(for: key("e\u{301}z")).versions.count == 1, "revised")
        #expect(try store.register(for: key("é")).versions.count == 1, "revised")
    }

    /// A batch whose key range holds many stored keys (more than the filter reads) is looked up
    /// key by key, with the same result.
    @Test(arguments: StoreContractTests.Kind.allCases)
    func aCrowdedRangeIsLookedUpKeyByKey(_ kind: StoreContractTests.Kind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(in: directory)
        var registers: [RecordKey: Register] = [:]
        func write(_ records: [String], at time: Int64) -> [Change] {
            records.map { record in
                let key = key(record)
                let version = registers[key, default: Register()].write(.integer(time), by: office, user: "u", at: time)
                return Change(key: key, scope: osaka, version: version)
            }
        }
        _ = try store.apply(write((0..<400).map { "R\($0)" }, at: 1))
        // 8 changes between R0 and R99 (the range holds about 300 stored keys): two revisions,
        // six new keys.
        _ = try store.apply(write(["R0", "R1a", "R1b", "R2a", "R99", "R3a", "R4a", "R5a"], at: 2))
        for record in ["R0", "R99", "R1a", "R5a", "R50"] {
            #expect(try store.register(for: key(record)) == registers[key(record)], "\(record)")
        }
        let statistics = try store.statistics()
        #expect(statistics.versions == 406 && statistics.superseded == 2 && statistics.conflicts == 0)
    }
}

/// The server's checks read registers inside a push (`TransactionReader`); the register read
/// last is reused only for the very same key.
@Suite struct TransactionReaderTests {
    @Test func keysThatSwiftTakesForEqualAreReadApart() throws {
        let osaka = Scope.municipality(try MunicipalityCode(validating: "271004"))
        let office = ReplicaID(high: 1, low: 1)
        let composed = try RecordKey(validating: "hearings", record: "é", field: "title")
        let decomposed = try RecordKey(validating: "hearings", record: "e\u{301}", field: "title")
        #expect(composed == decomposed, "Swift's String equality: canonical equivalence")
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        var first = Register()
        var second = Register()
        let one = first.write("一", by: office, user: "u", at: 1)
        let two = second.write("二", by: office, user: "u", at: 1)
        _ = try store.apply([Change(key: composed, scope: osaka, version: one)])
        _ = try store.apply([Change(key: decomposed, scope: osaka, version: two)])
        #expect(try store.register(for: composed).versions == [one])
        #expect(try store.register(for: decomposed).versions == [two], "the store holds two registers")

        // A batch refusing a change to each: the second read must not reuse the first.
        var seen: [JSONValue] = []
        let next = [first.write("x", by: office, user: "u", at: 2), second.write("y", by: office, user: "u", at: 2)]
        let request = PushRequest(
            replica: office, batch: "b",
            changes: [
                Change(key: composed, scope: osaka, version: next[0]),
                Change(key: decomposed, scope: osaka, version: next[1]),
            ])
        _ = try store.push(request) { index, change, _, reader in
            seen += try reader.register(for: change.key).versions.map(\.value)
            return .reject(RejectedChange(index: index, key: change.key, code: .invalidField, message: "test"))
        }
        #expect(seen == ["一", "二"])
    }
}
