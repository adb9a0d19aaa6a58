import Foundation

/// One answer to a request made with `HTTPClientConnection`: status, fields, the whole body.
public struct HTTPClientResponse: Sendable {
    /// The status code, 100...599 (interim 1xx answers are skipped, never returned).
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data
    /// Whether the connection may carry another request: HTTP/1.1, no `Connection: close`, and
    /// a body framed by `Content-Length` or chunks (not by the end of the connection).
    public var keepsConnection: Bool

    public init(status: Int, headers: HTTPHeaders, body: Data, keepsConnection: Bool) {
        self.status = status
        self.headers = headers
        self.body = body
        self.keepsConnection = keepsConnection
    }
}
