import HTTP1
import Models

/// A `PATCH /v1/uploads/{id}` body as the HTTP server streams it: each piece goes to the
/// upload's `UploadWriter`; the answer (the upload's status and `Upload-Offset`, or the error)
/// is built here, by the routes, like every other answer.
final class UploadBody: HTTPBodyConsumer {
    private let writer: UploadWriter
    /// Told the size of each piece received (a chunked body's bytes, charged to the user's
    /// write budget as they come).
    private let received: (@Sendable (Int) -> Void)?

    init(_ writer: UploadWriter, received: (@Sendable (Int) -> Void)? = nil) {
        self.writer = writer
        self.received = received
    }

    func receive(_ piece: [UInt8]) throws {
        received?(piece.count)
        do throws(ServiceError) {
            try writer.write(piece)
        } catch {
            throw HTTPResponseError(SyncRoutes.errorResponse(error))
        }
    }

    func finish() -> HTTPResponse {
        do throws(ServiceError) {
            let status = try writer.finish()
            var response = HTTPResponse.json(.ok, status.jsonBytes)
            response.headers.add(name: "Upload-Offset", value: "\(status.offset)")
            return response
        } catch {
            return SyncRoutes.errorResponse(error)
        }
    }

    func abort() { writer.abort() }
}
