import Foundation

/// One HTTP exchange with a Renkei server, as the protocol client sees it. Bodies are `Data` so
/// that a file piece of several MiB is handed to the network without another copy.
public struct TransportRequest: Sendable {
    public var method: String
    /// Path and query, e.g. `/v1/pull?since=0&limit=1000` (built by `SyncAPI` from `Endpoint`).
    public var path: String
    public var body: Data?
    /// Extra fields, e.g. `Upload-Offset` or `Range`. A body without a `Content-Type` here is
    /// sent as `application/json`.
    public var headers: [(String, String)]

    public init(method: String, path: String, body: Data? = nil, headers: [(String, String)] = []) {
        self.method = method
        self.path = path
        self.body = body
        self.headers = headers
    }
}

public struct TransportResponse: Sendable {
    public var status: Int
    public var body: Data
    /// Response fields by lowercased name.
    public var headers: [String: String]

    public init(status: Int, body: Data, headers: [String: String] = [:]) {
        self.status = status
        self.body = body
        self.headers = headers
    }
}

/// Carries requests to a server: the seam between the protocol client and the network. The
/// real ones are `SocketTransport` (the project's own HTTP/1.1 client) and
/// `URLSessionTransport` (for `https://` and proxies); tests put a scripted one in their place.
///
/// Calls block the calling thread until the answer (see docs/ARCHITECTURE.md, "One
/// concurrency model"): the client runs one request at a time, except a download, which
/// fetches the next piece on a thread of its own.
public protocol SyncTransport: Sendable {
    /// Sends one request and waits for its answer, whatever its status.
    ///
    /// - Throws: `TransportError` when no answer arrived at all.
    func send(_ request: TransportRequest) throws(TransportError) -> TransportResponse
}

/// No HTTP answer: the network or the server is unreachable, or too slow.
public struct TransportError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
