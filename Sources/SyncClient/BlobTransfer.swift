import Foundation
import Glibc
import Models
import SyncStorage

/// Moves files between the local blob cache and the server's file store, in pieces of a few
/// MiB so that neither side holds a whole file in memory, resuming where a previous,
/// interrupted transfer stopped:
/// - upload: the server keeps the durable offset of an unfinished upload (`POST /v1/uploads`
///   returns it); pieces are sent from there with `PATCH` and `Upload-Offset`;
/// - download: bytes already received wait in `tmp/download-<sha256>` in the cache; the rest
///   is asked for with `Range`, one piece ahead. The whole file is hashed as it arrives and
///   enters the cache only when the hash matches.
struct BlobTransfer {
    let transport: any SyncTransport
    let cache: BlobStore
    var retry = RetryPolicy()
    /// Bytes per PATCH. Each ends with an fsync and a recorded offset on the server: larger
    /// pieces upload faster but cost client memory (URLSession copies them); 4 MiB kept a
    /// 1 GiB upload under 60 MiB peak RSS (`renkei-bench files`).
    var uploadPieceBytes = 4 << 20
    /// Bytes per ranged GET; two are in memory at once (one arriving, one being written).
    var downloadPieceBytes = 2 << 20
    /// Called after each piece with bytes done so far.
    var progress: (Int64) -> Void = { _ in }
    /// Quarter-seconds to wait for an upload another request holds (30 s in all).
    static let maxBusyWaits = 120

    // MARK: Upload

    /// Makes sure the server holds blob `sha256` from the cache; sends only what it lacks.
    func upload(sha256: String) async throws {
        guard let size = cache.size(of: sha256) else { throw TransferError.notCached(sha256) }
        let file = open(cache.url(for: sha256).path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { throw TransferError.notCached(sha256) }
        defer { close(file) }
        var restarts = 0
        var busyWaits = 0
        // Each pass starts (or resumes) the session; a session that vanished (expired) or a
        // server restart is met by starting over from the server's answer.
        while true {
            var status = try await startUpload(sha256: sha256, size: size)
            progress(status.offset)
            while !status.complete {
                guard let id = status.id else { throw SyncError.invalidAnswer("an unfinished upload without an id") }
                let end = min(status.offset + Int64(uploadPieceBytes), size)
                let piece = try Self.read(file, from: status.offset, count: Int(end - status.offset))
                let response = try await retry.send(
                    TransportRequest(
                        method: "PATCH", path: "/v1/uploads/\(id)", body: piece,
                        headers: [
                            ("Content-Type", "application/offset+octet-stream"), ("Upload-Offset", "\(status.offset)"),
                        ]),
                    over: transport)
                switch response.status {
                case 200:
                    status = try Self.decode(response)
                case 409:
                    // Another writer (an earlier try whose answer was lost, or a connection the
                    // server has not yet seen close) moved the offset or still holds the upload:
                    // learn where it stands and go on from there, or wait for it.
                    if let offset = response.headers["upload-offset"].flatMap({ Int64($0) }), offset != status.offset {
                        status.offset = offset
                    } else {
                        busyWaits += 1
                        if busyWaits > Self.maxBusyWaits { throw SyncError.refused(response) }
                        try await Task.sleep(nanoseconds: 250_000_000)
                    }
                case 404:
                    // Expired or finished by someone else: ask again.
                    restarts += 1
                    if restarts > 3 { throw SyncError.refused(response) }
                    status = UploadStatus(id: nil, sha256: sha256, size: size, offset: 0, complete: false)
                default:
                    throw SyncError.refused(response)
                }
                if status.id == nil && !status.complete { break }
                progress(status.offset)
            }
            if status.complete {
                progress(size)
                return
            }
        }
    }

    private func startUpload(sha256: String, size: Int64) async throws -> UploadStatus {
        let response = try await retry.send(
            TransportRequest(
                method: "POST", path: "/v1/uploads", body: Data(UploadRequest(sha256: sha256, size: size).jsonBytes)),
            over: transport)
        guard response.status == 200 || response.status == 201 else { throw SyncError.refused(response) }
        return try Self.decode(response)
    }

    private static func decode(_ response: TransportResponse) throws -> UploadStatus {
        do { return try UploadStatus(decoding: response.body) } catch { throw SyncError.invalidAnswer("\(error)") }
    }

    private static func read(_ file: Int32, from offset: Int64, count: Int) throws -> Data {
        var bytes = Data(count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes {
                pread(file, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw TransferError.localFile(errno: got < 0 ? errno : EIO) }
            done += got
        }
        return bytes
    }

    // MARK: Download

    /// Brings blob `sha256` (of `size` bytes) into the cache, resuming a partial download.
    /// Throws `TransferError.corrupt` (and drops the bytes) when what arrived has another hash.
    func download(sha256: String, size: Int64) async throws {
        if cache.size(of: sha256) == size { return }
        let partial = cache.temporaryDirectory.appendingPathComponent("download-\(sha256)")
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
        // read again to verify it.
        var hasher = SHA256()
        var hashed: Int64 = 0
        while hashed < offset {
            let piece = try Self.read(file, from: hashed, count: Int(min(1 << 20, offset - hashed)))
            piece.withUnsafeBytes { hasher.update($0) }
            hashed += Int64(piece.count)
        }
        progress(offset)
        // One piece is fetched while the previous one is written and hashed.
        var inFlight: (first: Int64, task: Task<TransportResponse, any Error>)?
        defer { inFlight?.task.cancel() }
        while offset < size {
            guard let current = inFlight, current.first == offset else {
                inFlight?.task.cancel()
                inFlight = (offset, fetch(sha256: sha256, from: offset, size: size))
                continue
            }
            inFlight = nil
            let response = try await current.task.value
            switch response.status {
            case 206:
                guard response.headers["content-range"]?.hasPrefix("bytes \(offset)-") == true else {
                    throw SyncError.invalidAnswer("the server sent another range than asked for")
                }
                let next = offset + Int64(response.body.count)
                if next < size { inFlight = (next, fetch(sha256: sha256, from: next, size: size)) }
                try Self.write(response.body, to: file, at: offset)
                response.body.withUnsafeBytes { hasher.update($0) }
                offset += Int64(response.body.count)
            case 200:
                // The whole file at once (a proxy dropped the Range field): start over with it.
                guard ftruncate(file, 0) == 0 else { throw TransferError.localFile(errno: errno) }
                try Self.write(response.body, to: file, at: 0)
                hasher = SHA256()
                response.body.withUnsafeBytes { hasher.update($0) }
                offset = Int64(response.body.count)
            case 416:
                guard ftruncate(file, 0) == 0 else { throw TransferError.localFile(errno: errno) }
                hasher = SHA256()
                offset = 0
            default:
                throw SyncError.refused(response)
            }
            guard !response.body.isEmpty || offset >= size else {
                throw SyncError.invalidAnswer("the server sent an empty piece")
            }
            progress(min(offset, size))
        }
        close(file)
        closed = true
        guard SHA256.hex(hasher.finalize()) == sha256, offset == size else {
            try? FileManager.default.removeItem(at: partial)
            throw TransferError.corrupt(sha256)
        }
        // Not fsynced: cached files are verified on every read and downloaded again if a crash
        // damaged them (the server holds the durable copy).
        try cache.install(verifiedFile: partial, hash: sha256, durably: false)
    }

    /// Starts fetching the piece of blob `sha256` that begins at byte `first`.
    private func fetch(sha256: String, from first: Int64, size: Int64) -> Task<TransportResponse, any Error> {
        let last = min(first + Int64(downloadPieceBytes), size) - 1
        let request = TransportRequest(
            method: "GET", path: "/v1/blobs/\(sha256)", body: nil,
            headers: [("Range", "bytes=\(first)-\(last)"), ("Accept", "application/octet-stream")])
        let retry = self.retry
        let transport = self.transport
        return Task { try await retry.send(request, over: transport) }
    }

    private static func write(_ bytes: Data, to file: Int32, at offset: Int64) throws {
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes {
                pwrite(file, $0.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            }
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { throw TransferError.localFile(errno: wrote < 0 ? errno : EIO) }
            done += wrote
        }
    }
}

/// Why a file could not be moved.
enum TransferError: Error, CustomStringConvertible {
    /// The file a document names is not in the local cache.
    case notCached(String)
    /// Reading or writing a local file failed.
    case localFile(errno: Int32)
    /// The downloaded bytes do not have the document's hash; they were dropped.
    case corrupt(String)

    var description: String {
        switch self {
        case .notCached(let hash):
            return "the file \(hash.prefix(12))… is missing from the local cache (run `renkei docs verify`)"
        case .localFile(let code):
            return "cannot read or write a local file: \(String(cString: strerror(code)))"
        case .corrupt(let hash):
            return
                "the downloaded file does not have the expected SHA-256 \(hash.prefix(12))…; it was discarded, try again"
        }
    }
}
