import Models
import SyncStorage

/// One sync round between a replica and the server store, in process, through the wire format
/// exactly as it will travel over HTTP: push the outbox in batches, then pull pages until done.
struct DemoSync {
    let server: ServerStore

    /// Returns how many changes were pushed and pulled.
    @discardableResult
    func sync(_ replica: ReplicaStore, batchSize: Int = 1_000) throws -> (pushed: Int, pulled: Int) {
        var pushed = 0
        var batchNumber = 0
        while true {
            let pending = try replica.pendingChanges(limit: batchSize)
            if pending.isEmpty { break }
            batchNumber += 1
            let request = PushRequest(
                replica: replica.replicaID, batch: "demo-\(UnixTime.milliseconds())-\(batchNumber)",
                changes: pending.map(\.change))
            // Encode and decode as a real request and answer would be.
            let received = try PushRequest(decoding: request.jsonBytes)
            let answer = try PushResponse(decoding: try server.push(received).jsonBytes)
            precondition(answer.batch == request.batch)
            try replica.acknowledge(pending.map(\.sequence))
            pushed += pending.count
        }
        var pulled = 0
        while true {
            let page = try PullResponse(decoding: try server.pullJSON(since: try replica.pullCursor(), limit: 500))
            try replica.applyPulled(page)
            pulled += page.changes.count
            if !page.more { break }
        }
        return (pushed, pulled)
    }
}
