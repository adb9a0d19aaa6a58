import Models

/// Synthetic but realistic sync traffic: answers of the 43 Osaka municipalities, written by
/// 44 replicas (one per municipality plus the advisor), with time-ordered record keys.
struct Workload {
    let changes: [Change]

    static let codes = [
        "271004", "271403", "272027", "272035", "272043", "272051", "272060", "272078", "272086", "272094",
        "272108", "272116", "272124", "272132", "272141", "272159", "272167", "272175", "272183", "272191",
        "272205", "272213", "272221", "272230", "272248", "272256", "272264", "272272", "272281", "272299",
        "272302", "272311", "272329", "273015", "273210", "273228", "273414", "273619", "273627", "273660",
        "273813", "273821", "273830",
    ]

    /// `count` versions to `count / versionsPerRegister` registers, delivered in rounds the way
    /// sync delivers them: round k holds the k-th version of every register (an outbox or a pull
    /// page never carries a version together with the one it superseded), so every version after
    /// the first supersedes the one the store already has and moves it to history. Keys are in
    /// generation order within a round unless `shuffled`.
    init(count: Int, versionsPerRegister: Int, shuffled: Bool, seed: UInt64 = 1) {
        var generator = BenchmarkGenerator(seed: seed)
        let replicas = (0..<44).map { _ in ReplicaID.random(using: &generator) }
        let scopes = Self.codes.map { Scope.municipality(try! MunicipalityCode(validating: $0)) }
        var rounds: [[Change]] = Array(repeating: [], count: versionsPerRegister)
        let registers = count / versionsPerRegister
        for index in 0..<registers {
            let municipality = index % Self.codes.count
            let key = try! RecordKey(
                validating: "answers", record: "osaka-dx-2025/\(Self.codes[municipality])/Q\(index / Self.codes.count)",
                field: "value")
            var register = Register()
            for step in 0..<versionsPerRegister {
                let writer = step % 2 == 0 ? replicas[municipality] : replicas[43]
                let value: JSONValue =
                    step % 3 == 0 ? .integer(Int64(index * 10 + step)) : .string("回答 \(index)-\(step)")
                let version = register.write(
                    value, by: writer, user: "staff-\(municipality)", at: 1_763_884_800_000 + Int64(index))
                rounds[step].append(Change(key: key, scope: scopes[municipality], version: version))
            }
        }
        if shuffled {
            for index in rounds.indices { rounds[index].shuffle(using: &generator) }
        }
        self.changes = rounds.flatMap { $0 }
    }
}

/// SplitMix64: a seedable generator so every run measures the same data.
struct BenchmarkGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
