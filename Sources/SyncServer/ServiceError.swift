import Models

/// A failure of a sync call, as the client will see it: a stable code and a message for people.
/// Internals (SQL, file paths) never go into `message`; they go to the log.
struct ServiceError: Error, Sendable {
    let code: ErrorCode
    let message: String
    /// Fields the answer carries besides the JSON body (e.g. `Upload-Offset` on a 409).
    var headers: [(String, String)] = []

    init(_ code: ErrorCode, _ message: String, headers: [(String, String)] = []) {
        self.code = code
        self.message = message
        self.headers = headers
    }
}

extension ErrorCode {
    /// A change addresses a record that belongs to another scope.
    static let scopeMismatch = ErrorCode(rawValue: "scope_mismatch")
    /// The method is not allowed on this path.
    static let methodNotAllowed = ErrorCode(rawValue: "method_not_allowed")
    /// The body is not `application/json`.
    static let unsupportedMediaType = ErrorCode(rawValue: "unsupported_media_type")
    /// The server's disk is full; nothing was applied.
    static let storageFull = ErrorCode(rawValue: "storage_full")
    /// The request was malformed at the HTTP level, or timed out.
    static let requestTimeout = ErrorCode(rawValue: "request_timeout")
    /// The request line or fields are too large.
    static let headersTooLarge = ErrorCode(rawValue: "headers_too_large")
    /// A feature of HTTP the server does not implement (e.g. a transfer coding).
    static let notImplemented = ErrorCode(rawValue: "not_implemented")
    /// A PATCH's `Upload-Offset` is not where the upload stands; the answer carries the real one.
    static let offsetMismatch = ErrorCode(rawValue: "offset_mismatch")
    /// Another request is writing to this upload now; retry shortly.
    static let uploadBusy = ErrorCode(rawValue: "upload_busy")
    /// The uploaded bytes do not have the announced hash or size; they were discarded.
    static let hashMismatch = ErrorCode(rawValue: "hash_mismatch")
    /// A document names a file the server does not hold: upload it before pushing the record.
    static let blobMissing = ErrorCode(rawValue: "blob_missing")
    /// The requested byte range starts past the end of the file.
    static let rangeNotSatisfiable = ErrorCode(rawValue: "range_not_satisfiable")
    /// Too many bad tokens from this address: wait the answer's `Retry-After` seconds.
    static let tooManyRequests = ErrorCode(rawValue: "too_many_requests")
}
