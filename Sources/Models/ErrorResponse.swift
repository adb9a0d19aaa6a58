/// The body of every error answer: `{"error":{"code":"forbidden_scope","message":"…"}}`.
///
/// `code` is stable and meant for programs; `message` is for people and may change. Messages never
/// carry internals (SQL, file paths).
public struct ErrorResponse: Hashable, Sendable, WireMessage {
    public var code: ErrorCode
    public var message: String

    public init(code: ErrorCode, message: String) {
        self.code = code
        self.message = message
    }

    public init(json: JSONValue, path: String) throws(ModelError) {
        let outer = try WireObject(json, path: path)
        try outer.finish(known: ["error"])
        let inner = try WireObject(try outer.value("error"), path: outer.path(of: "error"))
        try inner.finish(known: ["code", "message"])
        code = ErrorCode(rawValue: try inner.string("code"))
        message = try inner.string("message")
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("error")
        writer.beginObject()
        writer.key("code")
        writer.write(string: code.rawValue)
        writer.key("message")
        writer.write(string: message)
        writer.endObject()
        writer.endObject()
    }
}

/// A stable, machine-readable error code. Unknown codes from newer servers are kept as they are.
public struct ErrorCode: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The request is not valid HTTP or misses something required.
    public static let badRequest = ErrorCode(rawValue: "bad_request")
    /// The body is not JSON.
    public static let malformedJSON = ErrorCode(rawValue: "malformed_json")
    /// The body is JSON of the wrong shape; the message names the field.
    public static let invalidField = ErrorCode(rawValue: "invalid_field")
    /// No or an unknown token.
    public static let unauthorized = ErrorCode(rawValue: "unauthorized")
    /// The token may not touch this scope.
    public static let forbiddenScope = ErrorCode(rawValue: "forbidden_scope")
    public static let notFound = ErrorCode(rawValue: "not_found")
    /// The body is larger than the route allows.
    public static let payloadTooLarge = ErrorCode(rawValue: "payload_too_large")
    /// The server failed; details are in its log, never in the answer.
    public static let internalError = ErrorCode(rawValue: "internal_error")
    /// The server is overloaded or its storage is full; retry later.
    public static let unavailable = ErrorCode(rawValue: "unavailable")
}
