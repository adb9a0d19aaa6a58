import CommandLineSupport
import Foundation
import Localization
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
            throw UsageError(localized("connection.no.server"))
        }
        let url = try serverURL(serverText)
        guard let token = try home.tokenFile.readIfPresent() else {
            throw CommandFailure(
                localized("connection.no.token", ["server": url.absoluteString]),
                status: .noInput)
        }
        let transport = transport(
            to: url, proxy: proxy, timeout: timeout,
            headers: SyncAPI.credentials(token: token, replica: store.replicaID))
        return ServerConnection(
            url: url, api: SyncAPI(transport: transport, retry: retryPolicy()))
    }

    /// `text` as a server URL (http or https, with a host).
    ///
    /// - Throws: `UsageError` for anything else.
    static func serverURL(_ text: String) throws(UsageError) -> URL {
        guard let url = ServerAddress.url(text) else {
            throw UsageError(localized("connection.server.invalid"))
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

    /// The retry rule (`RENKEI_RETRY_DELAYS` may shorten it), saying each retry on standard
    /// error as it waits (`再試行 2/4`): a slow or flaky network shows, instead of a silent pause.
    static func retryPolicy() -> RetryPolicy {
        var policy = RetryPolicy.fromEnvironment(ProcessInfo.processInfo.environment)
        let delays = policy.delays
        policy.onRetry = { attempt, of in
            let seconds = delays.indices.contains(attempt - 1) ? delays[attempt - 1] : 0
            let values: [String: Any] = ["attempt": attempt, "of": of, "seconds": JSONValue.plainText(seconds)]
            ProgressLine.interrupt(localized("connection.retry", values), terminal: Terminal.errorIsTerminal)
        }
        return policy
    }
}
