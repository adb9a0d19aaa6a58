import Foundation
import Models
import SyncStorage

/// Sends this server's versions up to an upstream Renkei server, as one more replica of it
/// (federation: a prefecture server below a national one).
///
/// Upward only: nothing is pulled back, so the upstream's data never echoes down, and what went
/// up is never sent twice (a cursor over this server's sequence, kept in its database). Each
/// page of current versions goes as a push batch with a name recorded before sending: a batch
/// whose answer was lost goes again under the same name and the upstream applies it at most
/// once. Files of documents are uploaded (resumably) before the batch naming them. A new
/// upstream epoch (restored from a backup) starts again from sequence 0.
///
/// It speaks to the upstream through the same protocol client as `renkei` (`SyncAPI`,
/// `BlobUploader`), so retries, resumed uploads and busy uploads behave alike.
public struct Uplink {
    public let store: ServerStore
    public let blobs: BlobStore
    public let api: SyncAPI
    /// The upstream's base URL as given: the key of this link's state in the database.
    public let upstream: String
    /// Versions per push batch.
    public var pageSize = 5_000
    /// Bytes per upload piece.
    public var pieceBytes = 4 << 20

    public init(store: ServerStore, blobs: BlobStore, api: SyncAPI, upstream: String) {
        self.store = store
        self.blobs = blobs
        self.api = api
        self.upstream = upstream
    }

    public struct Summary: Sendable {
        public var versions = 0
        public var batches = 0
        public var replayedBatches = 0
        /// Versions the upstream refused for good (too large, or of a record another scope uses
        /// there), each with its reason: they stay here and are not sent again.
        public var rejected: [RejectedChange] = []
        public var files = 0
        public var fileBytes: Int64 = 0
        public var restarted = false
        public var upstreamSequence: Int64 = 0
        public var sentThrough: Int64 = 0
    }

    public func run() throws -> Summary {
        var summary = Summary()
        let health = try api.serverHealth()
        let epoch = health.response.epoch
        var state = try store.uplinkState(upstream: upstream)
        if !state.upstreamEpoch.isEmpty && state.upstreamEpoch != epoch {
            // The upstream lost what it had from us after its backup: send everything again.
            state = UplinkState()
            summary.restarted = true
        }
        state.upstreamEpoch = epoch
        try store.setUplinkState(state, upstream: upstream)

        while true {
            // Bounded by bytes too: the upstream takes 8 MiB per push, and values go up to 2 MiB.
            let page = try store.changes(
                since: state.sentThrough, limit: pageSize, maxBytes: PushRequest.maxBatchBytes)
            if page.changes.isEmpty {
                state.openBatch = nil
                try store.setUplinkState(state, upstream: upstream)
                break
            }
            let batch: String
            if let open = state.openBatch {
                batch = open
            } else {
                batch = "uplink-" + UUID().uuidString.lowercased()
                state.openBatch = batch
                state.openThrough = page.next
                try store.setUplinkState(state, upstream: upstream)
            }
            for change in page.changes where change.key.collection == Document.collection {
                guard let document = try? Document(json: change.version.value, path: "value") else { continue }
                if let sent = try uploadIfMissing(sha256: document.sha256, size: document.size) {
                    summary.files += 1
                    summary.fileBytes += sent
                }
            }
            let request = PushRequest(replica: store.replicaID, batch: batch, changes: page.changes)
            let response = try api.push(request.jsonBytes, gzip: health.takesGzipPushes)
            summary.batches += 1
            summary.rejected += response.rejected
            if response.replayed {
                // Applied before, when its answer was lost: it covered what it covered then.
                summary.replayedBatches += 1
                state.sentThrough = max(state.sentThrough, state.openThrough)
            } else {
                summary.versions += page.changes.count
                state.sentThrough = page.next
            }
            summary.upstreamSequence = response.sequence
            state.openBatch = nil
            try store.setUplinkState(state, upstream: upstream)
            if !page.more && !response.replayed { break }
        }
        summary.sentThrough = state.sentThrough
        return summary
    }

    /// Uploads a stored file unless the upstream already holds it; the bytes sent, or nil when
    /// nothing had to go.
    ///
    /// - Throws: `TransferError.notCached` when this server's store lacks the file a document
    ///   names (`renkei-server admin verify-blobs` tells more).
    private func uploadIfMissing(sha256: String, size: Int64) throws -> Int64? {
        guard blobs.size(of: sha256) == size else { throw TransferError.notCached(sha256) }
        var uploader = BlobUploader(api: api, blobs: blobs)
        uploader.pieceBytes = pieceBytes
        return try uploader.upload(sha256: sha256)
    }
}
