import Models

/// Pure in-memory merge throughput: registers receive versions from several replicas, some
/// concurrent (siblings), some superseding, some arriving twice (echoes).
enum MergeBenchmark {
    static func run(count: Int) throws -> Double {
        var generator = BenchmarkGenerator(seed: 2)
        let replicas = (0..<8).map { _ in ReplicaID.random(using: &generator) }
        // Per register: two concurrent writes, a write that saw both, and an echo of one of them.
        var deliveries: [[Version]] = []
        deliveries.reserveCapacity(count / 5 + 1)
        var total = 0
        while total < count {
            let a = replicas[Int.random(in: 0..<4, using: &generator)]
            let b = replicas[Int.random(in: 4..<8, using: &generator)]
            var left = Register()
            var right = Register()
            let first = left.write(.integer(1), by: a, user: "a", at: 0)
            let second = right.write(.string("二"), by: b, user: "b", at: 0)
            left.merge(second)
            let third = left.write(.integer(3), by: a, user: "a", at: 0)
            let fourth = left.write(.integer(4), by: a, user: "a", at: 0)
            var list = [first, second, third, fourth, second]
            list.shuffle(using: &generator)
            deliveries.append(list)
            total += list.count
        }
        var kept = 0
        let seconds = Measure.seconds {
            for list in deliveries {
                var register = Register()
                for version in list { register.merge(version) }
                kept &+= register.versions.count
            }
        }
        guard kept == deliveries.count else { throw BenchmarkError.wrongResult("merge kept \(kept) versions") }
        return Double(total) / seconds
    }
}
