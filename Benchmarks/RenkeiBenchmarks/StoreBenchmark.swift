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

    /// Pages of `batch` changes, committed in groups of `pagesPerCommit` pages, as `renkei sync`
    /// applies them (`SyncEngine.commitGroup`).
    static func replica(_ store: ReplicaStore, _ changes: [Change], batch: Int, pagesPerCommit: Int) throws -> Double {
        var accepted = 0
        let seconds = try Measure.seconds {
            var start = 0
            while start < changes.count {
                var pagesLeft = pagesPerCommit
                try store.applyPulledPages { previous in
                    accepted += previous?.accepted ?? 0
                    guard pagesLeft > 0, start < changes.count else { return nil }
                    pagesLeft -= 1
                    let end = min(start + batch, changes.count)
                    defer { start = end }
                    return (EncodedChanges(Array(changes[start..<end])), Int64(end))
                }
            }
        }
        guard accepted == changes.count else { throw BenchmarkError.wrongResult("replica accepted \(accepted)") }
        return Double(changes.count) / seconds
    }
}
