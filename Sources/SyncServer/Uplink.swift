import CommandLineSupport
import Foundation
import Glibc
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
struct Uplink {
    let store: ServerStore
    let blobs: BlobStore
    let upstream: UpstreamClient
    /// Versions per push batch.
    var pageSize = 5_000
    /// Bytes per upload piece.
    var pieceBytes = 4 << 20

    struct Summary {
        var versions = 0
        var batches = 0
        var replayedBatches = 0
        /// Versions the upstream refused for good (too large, or of a record another scope uses
        /// there), each with its reason: they stay here and are not sent again.
        var rejected: [RejectedChange] = []
        var files = 0
        var fileBytes: Int64 = 0
        var restarted = false
        var upstreamSequence: Int64 = 0
        var sentThrough: Int64 = 0
    }

    func run() throws -> Summary {
        var summary = Summary()
        let health = try upstream.send("GET", "/v1/health")
        guard health.status == 200, case .object(let members) = try? JSONValue(parsing: Array(health.body)),
            case .string(let epoch)? = members["epoch"]
        else { throw upstream.refusal(health, during: "the health check") }
        var state = try store.uplinkState(upstream: upstream.base)
        if !state.upstreamEpoch.isEmpty && state.upstreamEpoch != epoch {
            // The upstream lost what it had from us after its backup: send everything again.
            state = UplinkState()
            summary.restarted = true
        }
        state.upstreamEpoch = epoch
        try store.setUplinkState(state, upstream: upstream.base)

        while true {
            // Bounded by bytes too: the upstream takes 8 MiB per push, and values go up to 2 MiB.
            let page = try store.changes(
                since: state.sentThrough, limit: pageSize, maxBytes: PushRequest.maxBatchBytes)
            if page.changes.isEmpty {
                state.openBatch = nil
                try store.setUplinkState(state, upstream: upstream.base)
                break
            }
            let batch: String
            if let open = state.openBatch {
                batch = open
            } else {
                batch = "uplink-" + UUID().uuidString.lowercased()
                state.openBatch = batch
                state.openThrough = page.next
                try store.setUplinkState(state, upstream: upstream.base)
            }
            for change in page.changes where change.key.collection == Document.collection {
                guard let document = try? Document(json: change.version.value, path: "value") else { continue }
                if let sent = try uploadIfMissing(sha256: document.sha256, size: document.size) {
                    summary.files += 1
                    summary.fileBytes += sent
                }
            }
            let request = PushRequest(replica: store.replicaID, batch: batch, changes: page.changes)
            let answer = try upstream.send("POST", "/v1/push", body: Data(request.jsonBytes))
            guard answer.status == 200, let response = try? PushResponse(decoding: Array(answer.body)) else {
                throw upstream.refusal(answer, during: "a batch of \(page.changes.count) versions")
            }
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
            try store.setUplinkState(state, upstream: upstream.base)
            if !page.more && !response.replayed { break }
        }
        summary.sentThrough = state.sentThrough
        return summary
    }

    /// Uploads a stored file unless the upstream already holds it; the bytes sent, or nil when
    /// nothing had to go.
    private func uploadIfMissing(sha256: String, size: Int64) throws -> Int64? {
        guard blobs.size(of: sha256) == size else {
            throw CommandFailure(
                "the file \(sha256.prefix(12))… (\(size) bytes) named by a document is missing here: run `renkei-server admin verify-blobs`",
                status: .dataError)
        }
        let file = open(blobs.url(for: sha256).path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { throw CommandFailure("cannot read the stored file \(sha256)", status: .failure) }
        defer { close(file) }
        var status = try startUpload(sha256: sha256, size: size)
        if status.complete { return nil }
        let started = status.offset
        var restarts = 0
        while !status.complete {
            guard let id = status.id else { throw CommandFailure("the upstream's upload answer has no id") }
            let count = Int(min(Int64(pieceBytes), size - status.offset))
            var piece = Data(count: count)
            let read = piece.withUnsafeMutableBytes { pread(file, $0.baseAddress, count, off_t(status.offset)) }
            guard read == count else { throw CommandFailure("cannot read the stored file \(sha256)") }
            let answer = try upstream.send(
                "PATCH", "/v1/uploads/\(id)", body: piece,
                headers: [("Content-Type", "application/offset+octet-stream"), ("Upload-Offset", "\(status.offset)")])
            switch answer.status {
            case 200:
                guard let next = try? UploadStatus(decoding: Array(answer.body)) else {
                    throw upstream.refusal(answer, during: "an upload piece")
                }
                status = next
            case 409:
                // A piece whose answer was lost moved the offset: go on from where it stands.
                guard let offset = answer.headers["Upload-Offset"].flatMap({ Int64($0) }), offset != status.offset
                else { throw upstream.refusal(answer, during: "an upload piece") }
                status.offset = offset
            case 404 where restarts < 3:
                restarts += 1
                status = try startUpload(sha256: sha256, size: size)
            default:
                throw upstream.refusal(answer, during: "an upload piece")
            }
        }
        return size - started
    }

    private func startUpload(sha256: String, size: Int64) throws -> UploadStatus {
        let answer = try upstream.send(
            "POST", "/v1/uploads", body: Data(UploadRequest(sha256: sha256, size: size).jsonBytes))
        guard answer.status == 200 || answer.status == 201, let status = try? UploadStatus(decoding: Array(answer.body))
        else { throw upstream.refusal(answer, during: "starting an upload") }
        return status
    }
}
