import Foundation
import HTTP1
import Synchronization

/// `SyncTransport` over the project's own HTTP/1.1 client (`HTTP1.HTTPClientConnection`), for
/// `http://` servers reached without a proxy.
///
/// Why not URLSession here: on Linux it hands requests to libcurl, which polls while it waits;
/// a `renkei sync` waiting for a busy server used 80% of a core doing nothing (measured), so
/// 43 municipalities syncing at once starved the server they were waiting for. Here a waiting
/// request sleeps in `recv`. Keep-alive connections are reused. When the server closed an idle
/// one meanwhile, a GET or HEAD goes once more on a new connection at once; other methods are
/// left to `RetryPolicy` (their answer may have been lost after the server acted, which the
/// caller must know).
public final class SocketTransport: SyncTransport {
    private let host: String
    private let port: UInt16
    /// The server URL's path without a trailing slash (`/renkei` behind a proxy), else empty.
    private let basePath: String
    /// Seconds without progress before a request fails.
    private let timeout: Double
    /// Fields sent with every request (the token, the replica id).
    private let headers: [(String, String)]
    /// Connections that answered and may carry another request; at most `maximumIdle`.
    private let idle = Mutex<[HTTPClientConnection]>([])
    private let maximumIdle = 4

    /// - Parameter server: an `http://` URL with a host; nil for any other.
    public init?(server: URL, timeout: Double, headers: [(String, String)]) {
        guard server.scheme?.lowercased() == "http", let host = server.host, !host.isEmpty else { return nil }
        self.host = host
        port = UInt16(exactly: server.port ?? 80) ?? 80
        var path = server.path
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
        self.timeout = timeout
        self.headers = headers
    }

    /// Sends `request` on an idle connection or a new one, blocking this thread until the answer.
    public func send(_ request: TransportRequest) throws(TransportError) -> TransportResponse {
        // Defaults the request's own fields replace (a download accepts octet streams).
        func lacks(_ name: String) -> Bool { !request.headers.contains { $0.0.lowercased() == name } }
        var fields: [(String, String)] = lacks("accept") ? [("Accept", "application/json")] : []
        if request.body != nil, lacks("content-type") { fields.append(("Content-Type", "application/json")) }
        fields += headers + request.headers
        var reused = idle.withLock { $0.popLast() }
        while true {
            do throws(HTTPClientError) {
                let connection: HTTPClientConnection
                if let reused {
                    connection = reused
                } else {
                    connection = try HTTPClientConnection(host: host, port: port, timeout: timeout)
                }
                let answer = try connection.send(
                    method: request.method, target: basePath + request.path, headers: fields, body: request.body)
                if connection.isReusable {
                    idle.withLock { if $0.count < maximumIdle { $0.append(connection) } }
                }
                var headers: [String: String] = [:]
                for field in answer.headers where headers[field.name.lowercased()] == nil {
                    headers[field.name.lowercased()] = field.value
                }
                return TransportResponse(status: answer.status, body: answer.body, headers: headers)
            } catch .closed(receivedNothing: true) where reused != nil && ["GET", "HEAD"].contains(request.method) {
                reused = nil  // the server closed the idle connection: once more on a new one
            } catch {
                throw TransportError(message: error.description)
            }
        }
    }
}
