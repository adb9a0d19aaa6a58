import Foundation
import HTTP1
import Models
import SyncStorage

/// Turns a request's `Authorization: Bearer …` into a `Caller`, or refuses it: 401, or 429 with
/// `Retry-After` once `FailureThrottle` throttles the address (never by sleeping: the answer
/// goes out at once). Tokens are looked up by their SHA-256 on every request, so a revoked
/// token or disabled user is refused from the next request on. `SyncRoutes.admit` calls this
/// from the head alone, before a byte of body is read.
struct Authenticator: Sendable {
    let access: AccessStore
    let throttle: FailureThrottle
    /// The address of a reverse proxy whose `X-Forwarded-For` is believed; nil: none is.
    let trustedProxy: String?
    let logger: Logger

    /// A fresh token (`Token`: `rk_` and 64 hexadecimal digits, 256 random bits).
    static func newToken() -> String { Token.random().text }

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
        let tokenHash: String?
        let problem: String
        switch Self.bearerToken(fields: head.headers.values(for: "Authorization")) {
        case .success(let token): (tokenHash, problem) = (Self.hash(token), "")
        case .failure(let failure): (tokenHash, problem) = (nil, failure.message)
        }
        // A throttled address gets 429 before its token costs a lookup (unless it worked here before).
        if let wait = throttle.retryAfter(address, tokenHash: tokenHash) { throw Self.throttled(seconds: wait) }
        guard let tokenHash else { throw refuse(address, problem) }
        let user: UserRecord?
        do { user = try access.authenticate(tokenHash: tokenHash) } catch {
            logger.log(.error, "token lookup failed", [("detail", "\(error)")])
            throw ServiceError(.unavailable, "the server cannot check tokens right now; retry shortly")
        }
        guard let user else {
            throw refuse(address, "the token is unknown, revoked or expired, or its user is disabled")
        }
        throttle.succeeded(address, tokenHash: tokenHash)
        var replica = head.headers["Renkei-Replica"] ?? ""
        if (try? ReplicaID(validating: replica)) == nil { replica = "" }
        return Caller(user: user.name, grant: user.grant, replica: replica, peer: address)
    }

    /// Why an `Authorization` field holds no usable token.
    struct TokenProblem: Error {
        let message: String
    }

    /// The token of a request's one `Authorization: Bearer rk_…` field, or what is wrong with
    /// its fields. Two are refused, not read first come: which one counts would depend on who
    /// added it (a proxy, a script), and the field allows one credential (RFC 9110 §11.6.2).
    static func bearerToken(fields: [String]) -> Result<String, TokenProblem> {
        guard fields.count <= 1 else {
            return .failure(TokenProblem(message: "send one Authorization field, not \(fields.count)"))
        }
        guard let field = fields.first else {
            return .failure(
                TokenProblem(message: "send your token: Authorization: Bearer <token> (see `renkei login`)"))
        }
        let parts = field.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            return .failure(TokenProblem(message: "the Authorization field must be `Bearer <token>`"))
        }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        guard Token(token) != nil else {
            return .failure(TokenProblem(message: "this is not a Renkei token"))
        }
        return .success(token)
    }

    /// The enabled user a token (as typed into the dashboard's form) belongs to, or nil: also
    /// while the address is throttled and the token has not worked from it before.
    func user(forToken token: String, address: String) -> UserRecord? {
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Token(trimmed) != nil else {
            _ = refuse(address, "bad dashboard token")
            return nil
        }
        let tokenHash = Self.hash(trimmed)
        if throttle.retryAfter(address, tokenHash: tokenHash) != nil {
            logger.log(.warning, "dashboard sign-in refused: address throttled", [("peer", address)], security: true)
            return nil
        }
        guard let user = try? access.authenticate(tokenHash: tokenHash) else {
            _ = refuse(address, "bad dashboard token")
            return nil
        }
        throttle.succeeded(address, tokenHash: tokenHash)
        return user
    }

    /// Counts a failure from `address`: 401, or 429 when that failure throttles the address.
    private func refuse(_ address: String, _ message: String) -> ServiceError {
        let throttledFor = throttle.failed(address)
        logger.log(
            .warning, "authentication failed",
            [("peer", address), ("throttled_s", String(format: "%.2f", throttledFor))], security: true)
        if throttledFor > 0 { return Self.throttled(seconds: throttledFor) }
        return ServiceError(.unauthorized, message, headers: [("WWW-Authenticate", "Bearer realm=\"renkei\"")])
    }

    /// 429 with `Retry-After`: whole seconds, rounded up, at least 1.
    static func throttled(seconds: TimeInterval) -> ServiceError {
        let whole = max(1, Int(seconds.rounded(.up)))
        return ServiceError(
            .tooManyRequests, "too many failed token checks from your address; retry in \(whole) s",
            headers: [("Retry-After", "\(whole)")])
    }
}
