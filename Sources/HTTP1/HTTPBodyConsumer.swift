/// Takes a request body piece by piece as it arrives, for bodies too large to hold in memory
/// (uploads). Pieces are at most the connection's read buffer (64 KiB). Used by one connection
/// thread at a time.
public protocol HTTPBodyConsumer: AnyObject {
    /// The next piece, in order. Throw `HTTPResponseError` to stop and answer with its response.
    func receive(_ piece: [UInt8]) throws
    /// The whole body arrived: the response to send.
    func finish() -> HTTPResponse
    /// The body did not arrive completely (the client left, timed out, or broke the framing).
    func abort()
}

/// An error that carries the response to answer with (e.g. 409 with the real upload offset).
public struct HTTPResponseError: Error {
    public let response: HTTPResponse

    public init(_ response: HTTPResponse) {
        self.response = response
    }
}

extension HTTPResponder {
    /// No streaming unless a responder asks for it: bodies are buffered up to `bodyLimit`.
    public func bodyConsumer(for head: HTTPRequestHead, peer: String) throws(HTTPResponseError) -> (
        any HTTPBodyConsumer
    )? { nil }
}
