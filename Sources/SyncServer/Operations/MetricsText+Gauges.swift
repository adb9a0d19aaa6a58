import Foundation
import Models
import SyncStorage

extension MetricsText.Gauges {
    /// The gauges as they stand now: open connections, the server's sequence, the database files'
    /// and the stored files' size, and per municipality the age of its last sync (replicas of
    /// `shared` left out).
    init(store: ServerStore, blobs: BlobStore, data: ServerDataDirectory, metrics: ServerMetrics) throws {
        let files = FileManager.default
        databaseBytes = ["", "-wal"].reduce(Int64(0)) { total, suffix in
            let size = (try? files.attributesOfItem(atPath: data.databasePath + suffix))?[.size] as? Int64
            return total + (size ?? 0)
        }
        blobBytes = try blobs.storedHashes().reduce(Int64(0)) { $0 + (blobs.size(of: $1) ?? 0) }
        let now = UnixTime.milliseconds()
        var lastSeen: [String: Int64] = [:]
        for activity in try store.activity.all() where activity.scope != "shared" {
            lastSeen[activity.scope] = max(lastSeen[activity.scope] ?? 0, activity.lastSeen)
        }
        lastSyncAge = lastSeen.mapValues { max(0, (now - $0) / 1000) }
        openConnections = metrics.openConnections
        sequence = try store.lastSequence()
    }
}
