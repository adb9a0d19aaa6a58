import Models

/// A failure of a sync call, as the client will see it: a stable code and a message for people.
/// Internals (SQL, file paths) never go into `message`; they go to the log.
struct ServiceError: Error, Sendable {
    let code: ErrorCode
    let message: String

    init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
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
}
