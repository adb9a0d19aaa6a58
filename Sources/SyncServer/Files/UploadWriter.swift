import Models
import SyncStorage

/// Writes one PATCH body into its upload as it arrives, never holding it in memory. Every
/// `checkpointBytes`, and when the body ends or breaks off, the bytes are fsynced and the new
/// offset recorded; the last byte of the file completes the upload (hash checked). Knows
/// nothing of HTTP: `UploadBody` carries it for the routes.
final class UploadWriter {
    private let upload: BlobUpload
    private let service: BlobService
    private let caller: Caller
    /// Bytes appended since the last checkpoint.
    private var unsynced: Int64 = 0

    init(upload: BlobUpload, service: BlobService, caller: Caller) {
        self.upload = upload
        self.service = service
        self.caller = caller
    }

    /// Appends the next piece of the body.
    func write(_ piece: [UInt8]) throws(ServiceError) {
        do {
            try upload.append(piece)
        } catch {
            throw service.failure(error, during: "upload")
        }
        unsynced += Int64(piece.count)
        if unsynced >= service.limits.checkpointBytes {
            try service.checkpoint(upload)
            unsynced = 0
        }
    }

    /// The body ended: where the upload stands now (complete when this was its last byte).
    func finish() throws(ServiceError) -> UploadStatus {
        do {
            return try settle()
        } catch {
            service.registry.forget(upload.id)
            throw error
        }
    }

    /// The body broke off: keep what arrived (fsynced, recorded) so the client resumes after it.
    /// When that was the upload's last byte (a chunked body that went on past it), the upload
    /// completes as it would have at the body's end, whatever the framing: an upload is never
    /// left holding every byte without being checked and made visible.
    func abort() {
        do {
            _ = try settle()
        } catch {
            // The recorded offset stays where it was; reopening cuts the file back to it.
            service.registry.forget(upload.id)
        }
    }

    /// Makes what arrived durable and records it; completes the upload when that was its last
    /// byte, else hands it back for the next request. The one ending of a body, whole or broken.
    private func settle() throws(ServiceError) -> UploadStatus {
        try service.checkpoint(upload)
        if upload.offset == upload.expectedSize { return try service.complete(upload, caller: caller) }
        service.registry.checkIn(upload)
        return UploadStatus(
            id: upload.id, sha256: upload.expectedHash, size: upload.expectedSize, offset: upload.offset,
            complete: false)
    }
}
