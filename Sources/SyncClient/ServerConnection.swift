import CommandLineSupport
import Foundation
import Glibc
import Models
import SyncStorage

/// How this replica reaches the server: its URL (a replica setting), the bearer token that
/// `renkei login` stored in the replica's home (`token`, mode 0600), and the proxy. Every
/// request carries `Authorization: Bearer …` and `Renkei-Replica: <id>`.
struct ServerConnection {
    let url: URL
    let transport: any SyncTransport

    /// The connection of `store`'s replica; `server` (a `--server` option) replaces the stored URL.
    static func open(
        home: ReplicaHome, store: ReplicaStore, proxy: ProxySettings, server: String? = nil,
        timeout: TimeInterval = 30
    ) throws -> ServerConnection {
        if let server {
            _ = try SyncCommand.serverURL(server)
            try store.setSetting(.server, to: server)
        }
        guard let serverText = try store.setting(.server) else {
            throw UsageError(
                "no server known: run `renkei login --server URL --token -` once (the token is read from standard input)"
            )
        }
        let url = try SyncCommand.serverURL(serverText)
        guard let token = try TokenFile(home: home).read() else {
            throw CommandFailure(
                "no token for \(url.absoluteString): ask the prefecture for one and run `renkei login --server \(url.absoluteString) --token -` (then paste it)",
                status: .noInput)
        }
        return ServerConnection(
            url: url,
            transport: transport(
                to: url, proxy: proxy, timeout: timeout,
                headers: [("Authorization", "Bearer \(token)"), ("Renkei-Replica", store.replicaID.hex)]))
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

/// The bearer token in a replica's home: one line in `token`, readable by its owner only.
struct TokenFile {
    let url: URL

    init(home: ReplicaHome) {
        url = home.url.appendingPathComponent("token")
    }

    /// Tokens look like `rk_` and 64 hexadecimal digits.
    static func isWellFormed(_ token: String) -> Bool {
        token.hasPrefix("rk_") && token.utf8.count == 67
            && token.utf8.dropFirst(3).allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    func read() throws -> String? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        guard info.st_mode & 0o077 == 0 else {
            throw CommandFailure(
                "\(url.path) can be read by other users; run `chmod 600 \(url.path)` (or `renkei login` again)",
                status: .noInput)
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Self.isWellFormed(token) ? token : nil
    }

    /// Writes the token so that only the owner can read it (0600, set before any byte is written).
    func write(_ token: String) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".token.tmp")
        unlink(temporary.path)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CommandFailure("cannot write \(url.path): \(String(cString: strerror(errno)))", status: .failure)
        }
        let bytes = Array((token + "\n").utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0, rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw CommandFailure("cannot write \(url.path)", status: .failure)
        }
    }
}
