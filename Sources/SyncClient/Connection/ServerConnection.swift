import CommandLineSupport
import Foundation
import Models
import SyncProtocol
import SyncStorage

/// How this replica reaches the server: its URL (a replica setting), the bearer token that
/// `renkei login` stored in the replica's home (`token`, mode 0600), and the proxy. Every
/// request carries the token and the replica id (`SyncAPI.credentials`).
struct ServerConnection {
    let url: URL
    var api: SyncAPI

    /// The connection of `store`'s replica; `server` (a `--server` option) replaces the stored URL.
    static func open(
        home: ReplicaHome, store: ReplicaStore, proxy: ProxySettings, server: String? = nil,
        timeout: TimeInterval = 30
    ) throws -> ServerConnection {
        if let server {
            _ = try serverURL(server)
            try store.setSetting(.server, to: server)
        }
        guard let serverText = try store.setting(.server) else {
            throw UsageError(
                "no server known: run `renkei login --server URL --token -` once (the token is read from standard input)"
            )
        }
        let url = try serverURL(serverText)
        guard let token = try home.tokenFile.readIfPresent() else {
            throw CommandFailure(
                "no token for \(url.absoluteString): ask the prefecture for one and run `renkei login --server \(url.absoluteString) --token -` (then paste it)",
                status: .noInput)
        }
        let transport = transport(
            to: url, proxy: proxy, timeout: timeout,
            headers: SyncAPI.credentials(token: token, replica: store.replicaID))
        return ServerConnection(
            url: url, api: SyncAPI(transport: transport, retry: .fromEnvironment(ProcessInfo.processInfo.environment)))
    }

    /// `text` as a server URL (http or https, with a host).
    ///
    /// - Throws: `UsageError` for anything else.
    static func serverURL(_ text: String) throws(UsageError) -> URL {
        guard let url = ServerAddress.url(text) else {
            throw UsageError("the server must be an http:// or https:// URL, e.g. http://127.0.0.1:8080")
        }
        return url
    }

    /// The project's own HTTP/1.1 client for `http://` servers reached directly (see
    /// `SocketTransport` for why); URLSession for `https://` and for servers behind a proxy.
    static func transport(
        to url: URL, proxy: ProxySettings, timeout: TimeInterval, headers: [(String, String)]
    ) -> any SyncTransport {
        if let host = url.host, !proxy.proxiesHTTP(to: host),
            let direct = SocketTransport(server: url, timeout: timeout, headers: headers)
        {
            return direct
        }
        proxy.apply()
        return URLSessionTransport(server: url, timeout: timeout, headers: headers)
    }
}
