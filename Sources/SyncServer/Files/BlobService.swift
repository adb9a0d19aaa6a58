import Foundation
import Glibc
import HTTP1
import Models
import SyncStorage
import Synchronization

/// The file store's calls, free of routing: upload sessions, their pieces, downloads, expiry.
///
/// Invariants: a blob is visible (downloadable, deduplicated against) only once its size and
/// SHA-256 matched what was announced; an upload's recorded offset never exceeds the bytes
/// fsynced to disk, so a client resuming there loses nothing and repeats nothing.
final class BlobService: Sendable {
    let store: ServerStore
    let blobs: BlobStore
    let logger: Logger
    let limits: BlobLimits
    let registry = UploadRegistry()
    /// Which downloads are audited (the first request of a user for a file in 10 minutes).
    let downloadAudits = AuditWindow()
    /// File bodies being sent, by user (`UserPermits`).
    let downloadPermits: UserPermits
    /// Space kept free on the disk: a new upload must fit above it whole (`DiskReserve`); nil:
    /// none is kept.
    let reserve: DiskReserve?
    /// What a download's audit row is charged to (`WriteBudget`); nil: nothing.
    let writeBudget: WriteBudget?
    /// Unix milliseconds of the last expiry sweep.
    private let lastSweep = Mutex<Int64>(0)

    init(
        store: ServerStore, blobs: BlobStore, logger: Logger, limits: BlobLimits = BlobLimits(),
        reserve: DiskReserve? = nil, writeBudget: WriteBudget? = nil
    ) {
        self.writeBudget = writeBudget
        self.store = store
        self.blobs = blobs
        self.logger = logger
        self.limits = limits
        self.reserve = reserve
        downloadPermits = UserPermits(perUser: limits.downloadsPerUser, activity: "downloads")
    }

    // MARK: Uploads

    /// `POST /v1/uploads`: the blob is already here (nothing to send), or the session to send it
    /// to: an unfinished one for the same blob is resumed rather than started again.
    ///
    /// "Already here" is said only to a caller who may read a document naming the blob: anyone
    /// else sends the bytes (proving they have the file) and learns nothing about what other
    /// municipalities store; the bytes are still stored once.
    func startUpload(_ body: [UInt8], caller: Caller) throws(ServiceError) -> (created: Bool, status: UploadStatus) {
        let request: UploadRequest
        do { request = try UploadRequest(decoding: body) } catch { throw SyncService.decodingFailure(error) }
        guard request.size <= limits.maxFileBytes else {
            throw ServiceError(
                .payloadTooLarge,
                "the file is \(request.size) bytes; this server accepts at most \(limits.maxFileBytes)")
        }
        sweepIfDue()
        if blobs.size(of: request.sha256) == request.size, try mayRead(request.sha256, caller) {
            return (
                false,
                UploadStatus(id: nil, sha256: request.sha256, size: request.size, offset: request.size, complete: true)
            )
        }
        do {
            if request.size == 0 {
                // Nothing to send: the empty file is stored at once (if the hash is the empty one's).
                let stored = try BlobWriter(store: blobs).finish(expectedHash: request.sha256, expectedSize: 0)
                try store.uploads.recordReceipt(user: caller.user, sha256: stored.hash, size: 0)
                return (false, UploadStatus(id: nil, sha256: stored.hash, size: 0, offset: 0, complete: true))
            }
            if let session = try store.uploads.unfinished(sha256: request.sha256, size: request.size, user: caller.user)
            {
                return (false, Self.status(of: session))
            }
            // A new session must fit on the disk whole above the reserve, so an upload that
            // could never finish is refused before its first byte.
            try reserve?.check(adding: request.size)
            let session = try store.uploads.create(sha256: request.sha256, size: request.size, user: caller.user)
            logger.log(
                .info, "upload started",
                [
                    ("upload", session.id), ("user", caller.user), ("sha256", session.sha256),
                    ("size", "\(session.size)"),
                ])
            return (true, Self.status(of: session))
        } catch {
            throw failure(error, during: "upload")
        }
    }

    /// `HEAD /v1/uploads/{id}`: the session, whose offset is durable. Only its own user sees it.
    func session(_ id: String, caller: Caller) throws(ServiceError) -> UploadSession {
        let found: UploadSession?
        do { found = try store.uploads.session(id) } catch { throw failure(error, during: "upload") }
        guard let found, found.user == caller.user else {
            throw ServiceError(
                .notFound,
                "no upload \(Printable.quoted(id)): it finished, expired or never existed; start again with POST /v1/uploads"
            )
        }
        return found
    }

    /// `PATCH /v1/uploads/{id}`: checks the piece against the session before a byte of it is
    /// read (offset, size, nobody else writing) and returns the writer that will store it.
    func writer(id: String, offset: Int64, length: Int64?, caller: Caller) throws(ServiceError) -> UploadWriter {
        let session = try session(id, caller: caller)
        let answer = [("Upload-Offset", "\(session.offset)")]
        guard offset == session.offset else {
            throw ServiceError(
                .offsetMismatch, "the upload stands at byte \(session.offset), not \(offset); send from there",
                headers: answer)
        }
        if let length, offset + length > session.size {
            throw ServiceError(
                .payloadTooLarge,
                "this piece would end at byte \(offset + length), past the announced size \(session.size)")
        }
        let upload: BlobUpload
        switch registry.checkOut(id) {
        case .busy:
            throw ServiceError(.uploadBusy, "another request is writing to this upload; retry shortly", headers: answer)
        case .open(let kept) where kept.offset == session.offset:
            upload = kept
        case .open, .closed:
            do {
                upload = try BlobUpload(
                    store: blobs, id: id, expectedHash: session.sha256, expectedSize: session.size,
                    durableOffset: session.offset)
            } catch {
                registry.forget(id)
                throw failure(error, during: "upload")
            }
        }
        return UploadWriter(upload: upload, service: self, caller: caller)
    }

    /// Records the bytes written so far as durable: fsync first, then the offset.
    func checkpoint(_ upload: BlobUpload) throws(ServiceError) {
        do {
            let durable = try upload.sync()
            try store.uploads.advance(upload.id, to: durable)
        } catch {
            throw failure(error, during: "upload")
        }
    }

    /// Verifies the last byte's upload and makes the blob visible, or discards it on a mismatch.
    func complete(_ upload: BlobUpload, caller: Caller) throws(ServiceError) -> UploadStatus {
        defer { registry.forget(upload.id) }
        do {
            let hash = try upload.complete()
            try store.uploads.recordReceipt(user: caller.user, sha256: hash, size: upload.expectedSize)
            try store.uploads.delete(upload.id)
            try store.access.audit([caller.audit("upload", "sha256=\(hash) size=\(upload.expectedSize)")])
            logger.log(
                .info, "upload complete", [("upload", upload.id), ("sha256", hash), ("size", "\(upload.expectedSize)")])
            return UploadStatus(
                id: nil, sha256: hash, size: upload.expectedSize, offset: upload.expectedSize, complete: true)
        } catch let error as BlobError {
            if case .mismatch = error { try? store.uploads.delete(upload.id) }
            throw failure(error, during: "upload")
        } catch {
            throw failure(error, during: "upload")
        }
    }

    static func status(of session: UploadSession) -> UploadStatus {
        UploadStatus(
            id: session.id, sha256: session.sha256, size: session.size, offset: session.offset, complete: false)
    }

    // MARK: Downloads

    /// `GET /v1/blobs/{sha256}`: the open file, or the asked range of it, for the route to
    /// stream from disk. Only a caller who may read a document naming the blob gets it; to
    /// anyone else the blob does not exist (the same 404, so a guessed hash reveals nothing).
    ///
    /// - Parameters:
    ///   - range: the request's `Range` field, if any.
    ///   - sendsBytes: false for `HEAD` (not audited: nothing of the file leaves).
    func download(sha256: String, range: String?, sendsBytes: Bool = true, caller: Caller) throws(ServiceError)
        -> BlobDownload
    {
        guard Document.isHash(sha256) else {
            throw ServiceError(
                .invalidField, "\(Printable.quoted(sha256)) is not a SHA-256 (64 lowercase hexadecimal digits)")
        }
        guard try mayRead(sha256, caller) else {
            throw ServiceError(.notFound, "no document you may read names this file")
        }
        let descriptor = open(blobs.url(for: sha256).path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ServiceError(.notFound, "the server does not hold this file (its upload has not finished)")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw failure(BlobError.cannotRead(path: sha256, errno: errno), during: "download")
        }
        let size = Int64(info.st_size)
        let byteRange = HTTPByteRange(field: range, size: size)
        if case .unsatisfiable = byteRange {
            close(descriptor)
            throw ServiceError(
                .rangeNotSatisfiable, "the file has \(size) bytes", headers: [("Content-Range", "bytes */\(size)")])
        }
        // Taken once the range is known to be satisfiable (a 416 tells a downloader to start
        // over, at the cap too); returned with the body, or here if anything after fails.
        let permit: UserPermits.Permit?
        do { permit = sendsBytes ? try downloadPermits.take(user: caller.user) : nil } catch {
            close(descriptor)
            throw error
        }
        let download =
            if case .part(let first, let last) = byteRange {
                BlobDownload(
                    sha256: sha256, descriptor: descriptor, size: size, first: first, length: last - first + 1,
                    isPart: true, permit: permit)
            } else {
                BlobDownload(sha256: sha256, descriptor: descriptor, size: size, first: 0, length: size, permit: permit)
            }
        // Any request that sends bytes may be (part of) a download: the first of a user for a
        // file in the window is audited, whatever its range. Its row is a write, charged to the
        // user's budget like one (a review could otherwise have cycled through more files than
        // the window remembers, for a row per request that nobody paid for); past the budget
        // the download is refused until the wait it is told.
        guard sendsBytes else { return download }
        var refusal: ServiceError?
        let decision = downloadAudits.decide(user: caller.user, subject: sha256, now: UnixTime.milliseconds()) {
            do throws(ServiceError) {
                try writeBudget?.admit(caller, bytes: 0, logger: logger)
                return true
            } catch {
                refusal = error
                return false
            }
        }
        switch decision {
        case .repeated:
            return download
        case .refused:
            close(descriptor)
            throw refusal ?? ServiceError(.writeBudgetExceeded, "the daily write budget is spent")
        case .audit:
            do { try store.access.audit([caller.audit("download", "sha256=\(sha256) size=\(size)")]) } catch {
                close(descriptor)
                throw failure(error, during: "download")
            }
            return download
        }
    }

    /// Whether a document version the caller may read names the blob.
    func mayRead(_ sha256: String, _ caller: Caller) throws(ServiceError) -> Bool {
        do { return try store.blobScopes(sha256: sha256).contains(where: caller.mayRead) } catch {
            throw failure(error, during: "download")
        }
    }

    /// Standard base64 of the bytes a hexadecimal string spells.
    static func base64(hex: String) -> String {
        var bytes: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            bytes.append(UInt8(Self.nibble(high) << 4 | Self.nibble(low)))
        }
        return Data(bytes).base64EncodedString()
    }

    private static func nibble(_ digit: UInt8) -> UInt8 { digit <= 0x39 ? digit - 0x30 : digit - 0x61 + 10 }

    // MARK: Maintenance

    /// Drops uploads without a piece for `limits.uploadExpirySeconds` (their partial bytes too).
    /// Returns how many expired.
    @discardableResult
    func expireUploads(now: Int64 = UnixTime.milliseconds()) -> Int {
        let cutoff = now - Int64(limits.uploadExpirySeconds * 1000)
        guard let stale = try? store.uploads.stale(before: cutoff) else { return 0 }
        var expired = 0
        for session in stale where !registry.isBusy(session.id) {
            registry.close(session.id)
            try? FileManager.default.removeItem(
                at: blobs.root.appendingPathComponent("tmp").appendingPathComponent("upload-\(session.id)"))
            try? store.uploads.delete(session.id)
            expired += 1
            logger.log(
                .info, "upload expired",
                [("upload", session.id), ("offset", "\(session.offset)"), ("size", "\(session.size)")])
        }
        return expired
    }

    /// Sweeps at most once a minute, from the calls that start uploads.
    private func sweepIfDue() {
        let now = UnixTime.milliseconds()
        let due = lastSweep.withLock { last in
            guard now - last >= 60_000 else { return false }
            last = now
            return true
        }
        if due { expireUploads(now: now) }
    }

    /// Removes temporary files no upload owns (left by a crash while storing a blob). Call at
    /// start, before serving.
    func removeOrphanTemporaries() {
        let directory = blobs.root.appendingPathComponent("tmp")
        let live = Set(((try? store.uploads.stale(before: .max)) ?? []).map { "upload-\($0.id)" })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        where !live.contains(name) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            logger.log(.info, "temporary file removed", [("file", name)])
        }
    }

    /// Maps a storage failure to what the client may know (`ServiceError.from`).
    func failure(_ error: any Error, during call: String) -> ServiceError {
        ServiceError.from(error, during: call, logger: logger)
    }
}

/// A stored file opened for `GET /v1/blobs/{sha256}`: the route streams `length` bytes from
/// byte `first` of `descriptor` (which the response closes) and answers 206 when `isPart`.
struct BlobDownload {
    let sha256: String
    let descriptor: Int32
    /// The whole file's size, in bytes.
    let size: Int64
    let first: Int64
    let length: Int64
    var isPart = false
    /// The user's permit to be sent this body (nil for HEAD), returned with the body.
    var permit: UserPermits.Permit?
}

/// The file store's limits.
struct BlobLimits: Sendable {
    /// Largest file accepted, in bytes (default 4 GiB).
    var maxFileBytes: Int64 = 4 << 30
    /// File bodies one user may be sent at the same time (`UserPermits`).
    var downloadsPerUser = 8
    /// Largest body of one PATCH, in bytes (default 64 MiB).
    var maxChunkBytes = 64 << 20
    /// Bytes received between fsyncs within one PATCH: at most this much is lost (and resent)
    /// when the server dies mid-piece.
    var checkpointBytes: Int64 = 16 << 20
    /// Seconds an upload may go without a piece before it is dropped (default 24 h).
    var uploadExpirySeconds = 24 * 3600
}
