import HTTP1
import Models
import SyncStorage

/// Writes one PATCH body into its upload as it arrives, never holding it in memory. Every
/// `checkpointBytes`, and when the body ends or breaks off, the bytes are fsynced and the new
/// offset recorded; the last byte of the file completes the upload (hash checked).
final class UploadReceiver: HTTPBodyConsumer {
    private let upload: BlobUpload
    private let service: BlobService
    private let caller: Caller
    private var unsynced: Int64 = 0

    init(upload: BlobUpload, service: BlobService, caller: Caller) {
        self.upload = upload
        self.service = service
        self.caller = caller
    }

    func receive(_ piece: [UInt8]) throws {
        do {
            try upload.append(piece)
        } catch {
            throw HTTPResponseError(SyncRoutes.errorResponse(service.failure(error, during: "upload")))
        }
        unsynced += Int64(piece.count)
        if unsynced >= service.limits.checkpointBytes {
            do { try service.checkpoint(upload) } catch {
                throw HTTPResponseError(SyncRoutes.errorResponse(error))
            }
            unsynced = 0
        }
    }

    func finish() -> HTTPResponse {
        do {
            try service.checkpoint(upload)
            let status: UploadStatus
            if upload.offset == upload.expectedSize {
                status = try service.complete(upload, caller: caller)
            } else {
                service.registry.checkIn(upload)
                status = UploadStatus(
                    id: upload.id, sha256: upload.expectedHash, size: upload.expectedSize, offset: upload.offset,
                    complete: false)
            }
            var response = HTTPResponse.json(.ok, status.jsonBytes)
            response.headers.add(name: "Upload-Offset", value: "\(status.offset)")
            return response
        } catch {
            service.registry.forget(upload.id)
            return SyncRoutes.errorResponse(error)
        }
    }

    /// The body broke off: keep what arrived (fsynced, recorded) so the client resumes after it.
    func abort() {
        do {
            try service.checkpoint(upload)
            service.registry.checkIn(upload)
        } catch {
            // The recorded offset stays where it was; reopening cuts the file back to it.
            service.registry.forget(upload.id)
        }
    }
}
