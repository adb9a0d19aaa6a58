/// A complete request as handed to a responder: head, whole body, and where it came from.
public struct HTTPRequest: Sendable {
    public var head: HTTPRequestHead
    /// The body, at most the limit the responder chose for this request.
    public var body: [UInt8]
    /// The peer's `address:port` (the TCP peer, never a forwarded header).
    public var peer: String
    /// What the responder's `admit(_:peer:)` returned for this head (e.g. the authenticated
    /// caller, so that the route need not check the token again); nil when it returned nil or
    /// when the request did not come through an `HTTPServer`.
    public var admission: (any Sendable)?

    public init(head: HTTPRequestHead, body: [UInt8], peer: String, admission: (any Sendable)? = nil) {
        self.head = head
        self.body = body
        self.peer = peer
        self.admission = admission
    }
}

/// A response: status, fields, and a body sent with `Content-Length`: bytes in memory, or a
/// range of a file streamed from disk (`file`, which then replaces `body`).
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// A body streamed from a file; when set, `body` must be empty.
    public var file: HTTPFileBody?
    /// Kept alive until the response has been sent (or its sending failed): the caller's permit
    /// for the request, say.
    public var retained: (any Sendable)?

    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Bytes of the body, in memory or in the file.
    public var contentLength: Int64 { file?.length ?? Int64(body.count) }

    /// A JSON response.
    public static func json(_ status: HTTPStatus, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: body)
    }

    /// The bytes on the wire; `Content-Length` and `Connection` are set here and nowhere else.
    func serialized(keepAlive: Bool) -> [UInt8] {
        serializedHead(keepAlive: keepAlive) + body
    }

    /// The status line and fields, ending with the empty line.
    func serializedHead(keepAlive: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status.code) \(status.reason)\r\n"
        for (name, value) in headers
        where !HTTPHeaders.equalIgnoringCase(name, "Content-Length")
            && !HTTPHeaders.equalIgnoringCase(name, "Connection")
        {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(contentLength)\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        return Array(head.utf8)
    }
}

/// Answers requests. Implementations must be safe to call from many connection threads at once.
///
/// Order of the calls for one request: `admit`, `bodyLimit`, `bodyConsumer`, then (after
/// `100 Continue` when asked for, and the body) `respond` or the consumer's `finish`.
public protocol HTTPResponder: Sendable {
    /// Decides from the head alone whether this request may go on: called before `bodyLimit`,
    /// before `100 Continue` and before a byte of body is read. Throwing answers with the
    /// error's response at once and closes the connection (its body, if any, is never read), so
    /// a caller without credentials cannot make the server hold a body or a slot for it. What
    /// it returns is handed to `respond(to:)` as `HTTPRequest.admission`, and lives at least
    /// until the body is read (a permit held for the request, say). The default admits
    /// everything and returns nil.
    func admit(_ head: HTTPRequestHead, peer: String) throws(HTTPResponseError) -> (any Sendable)?
    /// The largest body this request may carry, in bytes, decided from its head alone. A larger
    /// declared body is answered with 413 before a byte of it is read.
    func bodyLimit(for head: HTTPRequestHead) -> Int
    /// The response to a complete request.
    func respond(to request: HTTPRequest) -> HTTPResponse
    /// The body of an error response the server makes itself (400, 408, 413, 431, 501, 503, 505).
    func errorBody(status: HTTPStatus, message: String) -> HTTPResponse
    /// A consumer that takes this request's body piece by piece instead of `respond(to:)` with
    /// a buffered body; nil (the default) buffers. Called after `bodyLimit` accepted the head
    /// and before `100 Continue`: throwing answers at once and the body is never read.
    func bodyConsumer(for head: HTTPRequestHead, peer: String) throws(HTTPResponseError) -> (any HTTPBodyConsumer)?
}

extension HTTPResponder {
    /// Everything is admitted unless a responder checks heads itself.
    public func admit(_ head: HTTPRequestHead, peer: String) throws(HTTPResponseError) -> (any Sendable)? { nil }
}
