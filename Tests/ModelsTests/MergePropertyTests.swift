import Models
import TestSupport
import Testing

/// Seeded property tests of the merge rule over random histories of 3-8 replicas.
///
/// Each test runs 10,000 cases (`RENKEI_CASES` changes that); a failure prints its seed, and
/// `RENKEI_SEED=<seed> swift test --filter MergePropertyTests` replays exactly that case.
@Suite struct MergePropertyTests {
    /// A random sub-multiset of `versions`, shuffled.
    static func sample<G: RandomNumberGenerator>(_ versions: [Version], using generator: inout G) -> [Version] {
        versions.filter { _ in Bool.random(using: &generator) }.shuffled(using: &generator)
    }

    @Test func mergeIsCommutative() {
        for seed in PropertyTestSettings.seeds(base: 1) {
            let history = SimulatedHistory(seed: seed)
            var generator = SeededGenerator(seed: seed ^ 0xA5A5)
            let all = history.versions(of: history.keys[0].key)
            let a = Register(merging: Self.sample(all, using: &generator))
            let b = Register(merging: Self.sample(all, using: &generator))
            let same = a.merged(with: b).canonicalBytes == b.merged(with: a).canonicalBytes
            #expect(same, "seed \(seed): a ⊔ b differs from b ⊔ a")
            if !same { return }
        }
    }

    @Test func mergeIsAssociative() {
        for seed in PropertyTestSettings.seeds(base: 2) {
            let history = SimulatedHistory(seed: seed)
            var generator = SeededGenerator(seed: seed ^ 0xA5A5)
            let all = history.versions(of: history.keys[0].key)
            let a = Register(merging: Self.sample(all, using: &generator))
            let b = Register(merging: Self.sample(all, using: &generator))
            let c = Register(merging: Self.sample(all, using: &generator))
            let left = a.merged(with: b).merged(with: c)
            let right = a.merged(with: b.merged(with: c))
            let same = left.canonicalBytes == right.canonicalBytes
            #expect(same, "seed \(seed): (a ⊔ b) ⊔ c differs from a ⊔ (b ⊔ c)")
            if !same { return }
        }
    }

    @Test func mergeIsIdempotent() {
        for seed in PropertyTestSettings.seeds(base: 3) {
            let history = SimulatedHistory(seed: seed)
            var generator = SeededGenerator(seed: seed ^ 0xA5A5)
            let a = Register(merging: Self.sample(history.versions(of: history.keys[0].key), using: &generator))
            var again = a
            let outcomes = a.versions.map { again.merge($0) }
            let idempotent = a.merged(with: a) == a && again == a && outcomes.allSatisfy { $0 == .ignored }
            #expect(idempotent, "seed \(seed): merging known versions changed the register")
            if !idempotent { return }
        }
    }

    @Test func replicasThatReceivedTheSameVersionsAreByteIdentical() {
        for seed in PropertyTestSettings.seeds(base: 4) {
            let history = SimulatedHistory(seed: seed, keyCount: 3)
            var generator = SeededGenerator(seed: seed ^ 0xA5A5)
            // Two replicas receive every version in different orders, with duplicates.
            var first: [RecordKey: Register] = [:]
            var second: [RecordKey: Register] = [:]
            for change in history.shuffledWithDuplicates(using: &generator) {
                first[change.key, default: Register()].merge(change.version)
            }
            for change in history.shuffledWithDuplicates(using: &generator) {
                second[change.key, default: Register()].merge(change.version)
            }
            let serialise = { (state: [RecordKey: Register]) in
                state.keys.sorted().flatMap { state[$0]!.canonicalBytes }
            }
            var identical = serialise(first) == serialise(second) && serialise(first) == serialise(history.converged)
            // The simulated replicas, after a full exchange, hold the same bytes too.
            for state in history.states {
                var synced = state
                for change in history.changes { synced[change.key, default: Register()].merge(change.version) }
                identical = identical && serialise(synced) == serialise(first)
            }
            #expect(identical, "seed \(seed): replicas that received the same versions differ")
            if !identical { return }
        }
    }

    @Test func writeAfterSeeingSiblingsSupersedesAllOfThem() {
        for seed in PropertyTestSettings.seeds(base: 5) {
            let history = SimulatedHistory(seed: seed)
            var generator = SeededGenerator(seed: seed ^ 0xA5A5)
            var register = Register(merging: Self.sample(history.versions(of: history.keys[0].key), using: &generator))
            let before = register.versions
            let writer = history.replicas.randomElement(using: &generator)!
            let written = register.write("解決", by: writer, user: "advisor", at: 0)
            // Whoever receives the resolution drops every sibling it replaced.
            var elsewhere = Register(merging: before)
            elsewhere.merge(written)
            let supersedes =
                register.versions == [written] && elsewhere.versions == [written]
                && before.allSatisfy { written.vector.compare($0.vector) == .after }
            #expect(supersedes, "seed \(seed): a write after seeing \(before.count) siblings did not supersede them")
            if !supersedes { return }
        }
    }

    @Test func noAcknowledgedWriteDisappearsUnlessAWriteThatSawItSupersededIt() {
        for seed in PropertyTestSettings.seeds(base: 6) {
            let history = SimulatedHistory(seed: seed, keyCount: 2)
            let converged = history.converged
            var failed = false
            for write in history.writes {
                let final = converged[write.change.key]!
                if final.versions.contains(write.change.version) { continue }
                // Gone: a current version must have seen it (ground truth) and dominate it (vectors).
                let superseders = history.writes.filter { other in
                    other.change.key == write.change.key && final.versions.contains(other.change.version)
                        && other.saw.contains(write.id)
                }
                let dominated = superseders.contains {
                    $0.change.version.vector.compare(write.change.version.vector) == .after
                }
                if !dominated {
                    Issue.record("seed \(seed): write \(write.id) disappeared though no current version saw it")
                    failed = true
                }
            }
            // Vectors never claim a causality the ground truth does not have.
            for a in history.writes {
                for b in history.writes where a.change.key == b.change.key && a.id != b.id {
                    if a.change.version.vector.compare(b.change.version.vector) == .after && !a.saw.contains(b.id) {
                        Issue.record("seed \(seed): write \(a.id) dominates write \(b.id) without having seen it")
                        failed = true
                    }
                }
            }
            if failed { return }
        }
    }

    @Test func forgedTwinsWithEqualVectorsStillConverge() {
        // Two different versions with the same vector can only come from forged input; whatever
        // the order of arrival, every replica must still keep the same one.
        for seed in PropertyTestSettings.seeds(base: 7) {
            let history = SimulatedHistory(seed: seed)
            var generator = SeededGenerator(seed: seed ^ 0xA5A5)
            var versions = history.versions(of: history.keys[0].key)
            guard let original = versions.randomElement(using: &generator) else { continue }
            var twin = original
            twin.value = .string("forged \(seed)")
            versions.append(twin)
            let a = Register(merging: versions.shuffled(using: &generator))
            let b = Register(merging: versions.shuffled(using: &generator))
            let same = a.canonicalBytes == b.canonicalBytes
            #expect(same, "seed \(seed): forged twins kept different versions depending on order")
            if !same { return }
        }
    }
}
