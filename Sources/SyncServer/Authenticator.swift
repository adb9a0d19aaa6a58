import Foundation
import HTTP1
import Models
import SyncStorage

/// Turns a request's `Authorization: Bearer …` into a `Caller`, or refuses it (401) after the
/// delay `FailureThrottle` asks for. Tokens are looked up by their SHA-256 on every request, so
/// a revoked token or disabled user is refused from the next request on.
struct Authenticator: Sendable {
    let access: AccessStore
    let throttle: FailureThrottle
    /// The address of a reverse proxy whose `X-Forwarded-For` is believed; nil: none is.
    let trustedProxy: String?
    let logger: Logger

    /// Tokens look like `rk_` followed by 64 hexadecimal digits (256 random bits).
    static let prefix = "rk_"

    /// A fresh token from the operating system's random source.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func hash(_ token: String) -> String { SHA256.hex(SHA256.hash(Array(token.utf8))) }

    /// The client's address: the TCP peer, or the proxy's `X-Forwarded-For` (its last entry)
    /// when the peer is the trusted proxy.
    func clientAddress(head: HTTPRequestHead, peer: String) -> String {
        let host = Self.host(of: peer)
        guard let trustedProxy, host == trustedProxy,
            let forwarded = head.headers["X-Forwarded-For"]?.split(separator: ",").last
        else { return host }
        let address = forwarded.trimmingCharacters(in: .whitespaces)
        // Only an address goes into the audit log, never arbitrary text.
        return address.unicodeScalars.allSatisfy { CharacterSet(charactersIn: "0123456789abcdefABCDEF.:").contains($0) }
            && !address.isEmpty && address.count <= 45 ? address : host
    }

    /// `192.0.2.1:5000` -> `192.0.2.1`, `[::1]:5000` -> `::1`.
    static func host(of peer: String) -> String {
        if peer.hasPrefix("["), let end = peer.firstIndex(of: "]") {
            return String(peer[peer.index(after: peer.startIndex)..<end])
        }
        guard let colon = peer.lastIndex(of: ":") else { return peer }
        return String(peer[..<colon])
    }

    func caller(for head: HTTPRequestHead, peer: String) throws(ServiceError) -> Caller {
        let address = clientAddress(head: head, peer: peer)
        guard let field = head.headers["Authorization"] else {
            throw refuse(address, "send your token: Authorization: Bearer <token> (see `renkei login`)")
        }
        let parts = field.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw refuse(address, "the Authorization field must be `Bearer <token>`")
        }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        guard token.hasPrefix(Self.prefix), token.utf8.count == Self.prefix.utf8.count + 64 else {
            throw refuse(address, "this is not a Renkei token")
        }
        let user: UserRecord?
        do { user = try access.authenticate(tokenHash: Self.hash(token)) } catch {
            logger.log(.error, "token lookup failed", [("detail", "\(error)")])
            throw ServiceError(.unavailable, "the server cannot check tokens right now; retry shortly")
        }
        guard let user else {
            throw refuse(address, "the token is unknown, revoked, or its user is disabled")
        }
        throttle.succeeded(address)
        var replica = head.headers["Renkei-Replica"] ?? ""
        if (try? ReplicaID(validating: replica)) == nil { replica = "" }
        return Caller(user: user.name, grant: user.grant, replica: replica, peer: address)
    }

    /// The enabled user a token (as typed into the dashboard's form) belongs to, or nil after
    /// the throttle's delay.
    func user(forToken token: String, address: String) -> UserRecord? {
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(Self.prefix), trimmed.utf8.count == Self.prefix.utf8.count + 64,
            let user = try? access.authenticate(tokenHash: Self.hash(trimmed))
        else {
            _ = refuse(address, "bad dashboard token")
            return nil
        }
        throttle.succeeded(address)
        return user
    }

    private func refuse(_ address: String, _ message: String) -> ServiceError {
        let delay = throttle.failed(address)
        logger.log(.warning, "authentication failed", [("peer", address), ("delay_s", String(format: "%.2f", delay))])
        if delay > 0 { usleep(useconds_t(delay * 1_000_000)) }
        return ServiceError(.unauthorized, message, headers: [("WWW-Authenticate", "Bearer realm=\"renkei\"")])
    }
}
