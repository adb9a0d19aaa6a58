import Models

/// A random history of writes and exchanges between replicas, with the ground truth of what each
/// write had seen, kept apart from version vectors so tests can check the vectors against it.
///
/// Replicas write to a few registers and send each other their current versions (and, now and
/// then, stale ones), in random order with duplicates, the way offline replicas do.
public struct SimulatedHistory {
    /// One write made by one replica.
    public struct Write: Hashable {
        /// Index in `writes`.
        public let id: Int
        public let change: Change
        /// Ids of every write this one had seen, directly or transitively (ground truth).
        public let saw: Set<Int>
    }

    public let seed: UInt64
    public let replicas: [ReplicaID]
    public let keys: [(key: RecordKey, scope: Scope)]
    public private(set) var writes: [Write] = []
    /// Each replica's registers at the end of the history.
    public private(set) var states: [[RecordKey: Register]]

    /// Runs a history from `seed`: `replicaCount` replicas, `keyCount` registers, `operations` steps.
    public init(
        seed: UInt64, replicaCount: ClosedRange<Int> = 3...8, keyCount: Int = 1, operations: ClosedRange<Int> = 5...40
    ) {
        self.seed = seed
        var generator = SeededGenerator(seed: seed)
        let replicas = (0..<Int.random(in: replicaCount, using: &generator)).map { _ in
            ReplicaID.random(using: &generator)
        }
        self.replicas = replicas
        let osaka = try! MunicipalityCode(validating: "271004")
        keys = (0..<keyCount).map { index in
            index % 3 == 2
                ? (try! RecordKey(validating: "surveys", record: "osaka-dx-2025", field: "title-\(index)"), .shared)
                : (
                    try! RecordKey(validating: "answers", record: "osaka-dx-2025/271004/A\(index)", field: "value"),
                    .municipality(osaka)
                )
        }
        states = Array(repeating: [:], count: replicas.count)
        var seen: [[RecordKey: Set<Int>]] = Array(repeating: [:], count: replicas.count)
        var idOf: [Version: Int] = [:]

        for step in 0..<Int.random(in: operations, using: &generator) {
            let replica = Int.random(in: 0..<replicas.count, using: &generator)
            let (key, scope) = keys.randomElement(using: &generator)!
            if Bool.random(using: &generator) {
                let value: JSONValue =
                    Int.random(in: 0..<10, using: &generator) == 0
                    ? .null : RandomJSON.value(using: &generator, depth: 2)
                var register = states[replica][key] ?? Register()
                let version = register.write(value, by: replicas[replica], user: "user\(replica)", at: Int64(step))
                states[replica][key] = register
                let write = Write(
                    id: writes.count, change: Change(key: key, scope: scope, version: version),
                    saw: seen[replica][key] ?? [])
                writes.append(write)
                idOf[version] = write.id
                seen[replica][key, default: []].insert(write.id)
            } else {
                let receiver = Int.random(in: 0..<replicas.count, using: &generator)
                var delivered = states[replica][key]?.versions ?? []
                // Now and then a stale version the sender had seen arrives too (late, reordered delivery).
                if let stale = seen[replica][key]?.randomElement(using: &generator), Bool.random(using: &generator) {
                    delivered.append(writes[stale].change.version)
                }
                delivered.shuffle(using: &generator)
                for version in delivered {
                    var register = states[receiver][key] ?? Register()
                    register.merge(version)
                    states[receiver][key] = register
                    let id = idOf[version]!
                    seen[receiver][key, default: []].formUnion(writes[id].saw.union([id]))
                }
            }
        }
    }

    /// Every write as a change, in the order they were made.
    public var changes: [Change] { writes.map(\.change) }

    /// The versions written to `key`.
    public func versions(of key: RecordKey) -> [Version] {
        writes.filter { $0.change.key == key }.map(\.change.version)
    }

    /// Every change in a random order with random duplicates (each appears at least once).
    public func shuffledWithDuplicates<G: RandomNumberGenerator>(using generator: inout G) -> [Change] {
        var list = changes
        for _ in 0..<Int.random(in: 0...max(1, list.count / 2), using: &generator) {
            if let extra = list.randomElement(using: &generator) { list.append(extra) }
        }
        list.shuffle(using: &generator)
        return list
    }

    /// The registers that merging every write gives (what converged replicas must hold).
    public var converged: [RecordKey: Register] {
        var result: [RecordKey: Register] = [:]
        for write in writes { result[write.change.key, default: Register()].merge(write.change.version) }
        return result
    }
}
