import Models
import SyncStorage

/// Store apply throughput through the public API, batch by batch as sync delivers them.
enum StoreBenchmark {
    static func server(_ store: ServerStore, _ changes: [Change], batch: Int) throws -> Double {
        let replica = ReplicaID(high: 1, low: 2)
        var accepted = 0
        let seconds = try Measure.seconds {
            for (index, start) in stride(from: 0, to: changes.count, by: batch).enumerated() {
                let slice = Array(changes[start..<min(start + batch, changes.count)])
                accepted += try store.push(PushRequest(replica: replica, batch: "b\(index)", changes: slice)).accepted
            }
        }
        guard accepted == changes.count else { throw BenchmarkError.wrongResult("server accepted \(accepted)") }
        return Double(changes.count) / seconds
    }

    static func replica(_ store: ReplicaStore, _ changes: [Change], batch: Int) throws -> Double {
        var accepted = 0
        let seconds = try Measure.seconds {
            for start in stride(from: 0, to: changes.count, by: batch) {
                let end = min(start + batch, changes.count)
                let page = PullResponse(
                    changes: Array(changes[start..<end]), next: Int64(end), more: end < changes.count)
                accepted += try store.applyPulled(page).accepted
            }
        }
        guard accepted == changes.count else { throw BenchmarkError.wrongResult("replica accepted \(accepted)") }
        return Double(changes.count) / seconds
    }
}
