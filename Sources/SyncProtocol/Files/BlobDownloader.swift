import Dispatch
import Foundation
import Glibc
import Localization
import Models
import SyncStorage

/// Brings a file from the server's file store into a local one (a replica's cache) in ranged
/// pieces, resuming an interrupted download: bytes already received wait in
/// `tmp/download-<sha256>` in the store; the rest is asked for with `Range`, one piece ahead
/// (fetched on a thread of its own while the previous one is written). The whole file is
/// hashed as it arrives and enters the store only when the hash matches.
public struct BlobDownloader {
    public let api: SyncAPI
    public let blobs: BlobStore
    /// Bytes per ranged GET; two are in memory at once (one arriving, one being written).
    public var pieceBytes = 2 << 20
    /// Called after each piece with bytes done so far.
    public var progress: (Int64) -> Void = { _ in }

    public init(api: SyncAPI, blobs: BlobStore) {
        self.api = api
        self.blobs = blobs
    }

    /// Brings file `sha256` (of `size` bytes) into the store, resuming a partial download.
    ///
    /// - Throws: `TransferError.corrupt` (and drops the bytes) when what arrived has another
    ///   hash, `TransferError.localFile` for the local disk, `SyncError` for the server.
    public func download(sha256: String, size: Int64) throws {
        if blobs.size(of: sha256) == size { return }
        let partial = blobs.temporaryDirectory.appendingPathComponent("download-\(sha256)")
        let file = open(partial.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw TransferError.localFile(errno: errno) }
        var closed = false
        defer { if !closed { close(file) } }
        var offset = Int64(lseek(file, 0, SEEK_END))
        if offset > size {
            guard ftruncate(file, 0) == 0 else { throw TransferError.localFile(errno: errno) }
            offset = 0
        }
        // Hashed as it arrives (bytes kept from an interrupted run first), so the file is not
        // read again to verify it; on a thread of its own, beside the fetches and the writes.
        let hasher = PieceHasher()
        var hashed: Int64 = 0
        while hashed < offset {
            let piece = try FileBytes.read(file, from: hashed, count: Int(min(1 << 20, offset - hashed)))
            hasher.add(piece)
            hashed += Int64(piece.count)
        }
        progress(offset)
        var inFlight: (first: Int64, fetch: PieceFetch)?
        // A server may say once that what is kept here is past its file (416), not again.
        var startedOver = false
        while offset < size {
            guard let current = inFlight, current.first == offset else {
                inFlight = (offset, fetch(sha256: sha256, from: offset, size: size))
                continue
            }
            inFlight = nil
            let piece = try current.fetch.result()
            let received: Data
            switch piece {
            case .partial(let bytes):
                received = bytes
                let next = offset + Int64(bytes.count)
                if next < size, !bytes.isEmpty { inFlight = (next, fetch(sha256: sha256, from: next, size: size)) }
                hasher.add(bytes)
                try FileBytes.write(bytes, to: file, at: offset)
                offset += Int64(bytes.count)
            case .whole(let bytes):
                // The whole file at once (a proxy dropped the Range field): start over with it.
                guard Int64(bytes.count) == size else {
                    throw SyncError.invalidAnswer(
                        localized("sync.error.whole.file.size", ["count": bytes.count, "size": size]))
                }
                received = bytes
                guard ftruncate(file, 0) == 0 else { throw TransferError.localFile(errno: errno) }
                hasher.restart()
                hasher.add(bytes)
                try FileBytes.write(bytes, to: file, at: 0)
                offset = Int64(bytes.count)
            case .rangeNotSatisfiable:
                guard !startedOver, offset > 0 else {
                    throw SyncError.invalidAnswer(localized("sync.error.every.range.refused", ["size": size]))
                }
                startedOver = true
                received = Data()
                guard ftruncate(file, 0) == 0 else { throw TransferError.localFile(errno: errno) }
                hasher.restart()
                offset = 0
                continue
            }
            guard !received.isEmpty || offset >= size else {
                throw SyncError.invalidAnswer(localized("sync.error.empty.piece"))
            }
            progress(min(offset, size))
        }
        close(file)
        closed = true
        guard hasher.finish() == sha256, offset == size else {
            try? FileManager.default.removeItem(at: partial)
            throw TransferError.corrupt(sha256)
        }
        // Not fsynced: cached files are verified on every read and downloaded again if a crash
        // damaged them (the server holds the durable copy).
        try blobs.install(verifiedFile: partial, hash: sha256, durably: false)
    }

    /// Starts fetching the piece of file `sha256` that begins at byte `first`.
    private func fetch(sha256: String, from first: Int64, size: Int64) -> PieceFetch {
        let last = min(first + Int64(pieceBytes), size) - 1
        let api = self.api
        return PieceFetch { () throws(SyncError) in try api.blobPiece(sha256: sha256, first: first, last: last) }
    }
}

/// One ranged request running on a thread of its own; `result()` waits for it. A fetch that
/// is never waited for finishes by itself and its bytes are dropped.
final class PieceFetch: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the fetching thread before `done` is signalled; read after the wait.
    private var outcome: Result<SyncAPI.BlobPiece, SyncError>?
    /// Where fetches block. A queue of our own targets Dispatch's overcommitting pool, which
    /// starts a thread per blocked item; the shared global queues stop at one thread per core.
    private static let queue = DispatchQueue(label: "renkei.piece-fetch", attributes: .concurrent)

    init(_ body: @escaping @Sendable () throws(SyncError) -> SyncAPI.BlobPiece) {
        Self.queue.async {
            let result: Result<SyncAPI.BlobPiece, SyncError>
            do throws(SyncError) { result = .success(try body()) } catch { result = .failure(error) }
            self.outcome = result
            self.done.signal()
        }
    }

    /// The piece, once it arrived.
    func result() throws(SyncError) -> SyncAPI.BlobPiece {
        done.wait()
        return try outcome!.get()
    }
}
