import Foundation
import Glibc
import Localization
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
    /// Answers in a row that leave the upload no further than the furthest offset reached, at
    /// most: a server whose offsets never advance (or jump back and forth) is not believed for
    /// ever. One step back is legitimate (a server that lost its last checkpoint).
    public var maxStalls = 8

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
        var status = try checked(try api.startUpload(sha256: sha256, size: size), sha256: sha256, size: size)
        if status.complete {
            progress(size)
            return nil
        }
        let started = status.offset
        var restarts = 0
        var busyWaits = 0
        var stalls = 0
        var furthest = status.offset
        progress(status.offset)
        while !status.complete {
            guard let id = status.id else { throw SyncError.invalidAnswer(localized("sync.error.upload.without.id")) }
            let end = min(status.offset + Int64(pieceBytes), size)
            // The cache's own pages (files there are replaced whole, never shortened).
            let piece = try FileBytes.mapped(file, from: status.offset, count: Int(end - status.offset))
            switch try api.sendPiece(upload: id, offset: status.offset, piece: piece) {
            case .accepted(let next):
                status = try checked(next, sha256: sha256, size: size)
            case .offsetMoved(let offset):
                guard (0...size).contains(offset) else {
                    throw SyncError.invalidAnswer(
                        localized("sync.error.upload.offset.outside", ["offset": offset, "size": size]))
                }
                status.offset = offset
            case .busy:
                busyWaits += 1
                if busyWaits > maxBusyWaits {
                    throw SyncError.refused(
                        status: 409, code: .uploadBusy, message: localized("sync.error.upload.busy.too.long"))
                }
                Thread.sleep(forTimeInterval: busyWait)
                continue
            case .gone:
                restarts += 1
                if restarts > maxRestarts {
                    throw SyncError.refused(
                        status: 404, code: .notFound,
                        message: localized("sync.error.upload.vanished", ["count": restarts]))
                }
                status = try checked(try api.startUpload(sha256: sha256, size: size), sha256: sha256, size: size)
                furthest = status.offset
                stalls = 0
                continue
            }
            if status.offset > furthest || status.complete {
                furthest = status.offset
                stalls = 0
            } else {
                stalls += 1
                if stalls > maxStalls {
                    throw SyncError.invalidAnswer(
                        localized("sync.error.upload.stalled", ["offset": furthest, "count": stalls]))
                }
            }
            progress(status.offset)
        }
        progress(size)
        return size - started
    }

    /// `status` if it speaks of this file (`sha256`, `size` bytes) with an offset inside it.
    ///
    /// - Throws: `SyncError.invalidAnswer` for any other: a server must not make the uploader
    ///   read outside the file or send another one.
    private func checked(_ status: UploadStatus, sha256: String, size: Int64) throws(SyncError) -> UploadStatus {
        guard status.sha256 == sha256, status.size == size, (0...size).contains(status.offset),
            !status.complete || status.offset == size
        else {
            let values: [String: Any] = [
                "hash": status.sha256.prefix(12), "size": status.size, "offset": status.offset,
                "file.hash": sha256.prefix(12), "file.size": size,
            ]
            throw .invalidAnswer(localized("sync.error.upload.other.file", values))
        }
        return status
    }
}
