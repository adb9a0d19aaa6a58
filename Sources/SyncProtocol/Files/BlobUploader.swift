import Foundation
import Glibc
import Models
import SyncStorage

/// Sends a file of a local file store (a replica's cache, or a server's store when it
/// federates upward) to a server's file store, in pieces, resuming where an earlier,
/// interrupted upload stopped: the server keeps the durable offset of an unfinished upload
/// (`POST /v1/uploads` returns it) and pieces go from there with `PATCH` and `Upload-Offset`.
/// The one uploader of the project; docs/PROTOCOL.md §10 describes the exchange.
public struct BlobUploader {
    public let api: SyncAPI
    public let blobs: BlobStore
    /// Bytes per PATCH. Each ends with an fsync and a recorded offset on the server: larger
    /// pieces upload faster but cost memory; 4 MiB kept a 1 GiB upload under 60 MiB peak RSS
    /// (`renkei-bench files`).
    public var pieceBytes = 4 << 20
    /// Called after each piece with the bytes the server holds so far.
    public var progress: (Int64) -> Void = { _ in }
    /// Waits of `busyWait` seconds for an upload another request holds, at most.
    public var maxBusyWaits = 120
    /// Seconds per wait for a busy upload (`maxBusyWaits` of them: 30 s in all).
    public var busyWait = 0.25
    /// Times a vanished session (expired, or finished by someone else) is started again.
    public var maxRestarts = 3

    public init(api: SyncAPI, blobs: BlobStore) {
        self.api = api
        self.blobs = blobs
    }

    /// Makes sure the server holds file `sha256` of the local store; sends only what it lacks.
    ///
    /// - Returns: the bytes sent, nil when the server had the whole file already.
    /// - Throws: `TransferError.notCached` when the local store lacks the file,
    ///   `TransferError.localFile` when it cannot be read, `SyncError` for the server.
    @discardableResult
    public func upload(sha256: String) throws -> Int64? {
        guard let size = blobs.size(of: sha256) else { throw TransferError.notCached(sha256) }
        let file = open(blobs.url(for: sha256).path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { throw TransferError.notCached(sha256) }
        defer { close(file) }
        var status = try api.startUpload(sha256: sha256, size: size)
        if status.complete {
            progress(size)
            return nil
        }
        let started = status.offset
        var restarts = 0
        var busyWaits = 0
        progress(status.offset)
        while !status.complete {
            guard let id = status.id else { throw SyncError.invalidAnswer("an unfinished upload without an id") }
            let end = min(status.offset + Int64(pieceBytes), size)
            let piece = try FileBytes.read(file, from: status.offset, count: Int(end - status.offset))
            switch try api.sendPiece(upload: id, offset: status.offset, piece: piece) {
            case .accepted(let next):
                status = next
            case .offsetMoved(let offset):
                status.offset = offset
            case .busy:
                busyWaits += 1
                if busyWaits > maxBusyWaits {
                    throw SyncError.refused(
                        status: 409, code: .uploadBusy, message: "another request held the upload for too long")
                }
                Thread.sleep(forTimeInterval: busyWait)
            case .gone:
                restarts += 1
                if restarts > maxRestarts {
                    throw SyncError.refused(
                        status: 404, code: .notFound, message: "the upload session vanished \(restarts) times")
                }
                status = try api.startUpload(sha256: sha256, size: size)
            }
            progress(status.offset)
        }
        progress(size)
        return size - started
    }
}
