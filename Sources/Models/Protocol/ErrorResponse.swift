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
