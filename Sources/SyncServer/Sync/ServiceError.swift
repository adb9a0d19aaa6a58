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
