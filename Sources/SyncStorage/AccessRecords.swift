import Models

/// A user of the server: a name, a grant (role and, for staff, municipality), and whether an
/// administrator disabled it.
public struct UserRecord: Hashable, Sendable {
    public let name: String
    public let grant: Grant
    /// Unix milliseconds.
    public let createdAt: Int64
    /// Unix milliseconds; nil while the user is enabled.
    public let disabledAt: Int64?
}

/// A bearer token as the server knows it: never the token, only its SHA-256 and an id for
/// listing and revoking (the first 12 hexadecimal digits of that hash).
public struct TokenRecord: Hashable, Sendable {
    public let id: String
    public let user: String
    public let createdAt: Int64
    public let revokedAt: Int64?
    /// From when the token is refused (Unix milliseconds); nil: never.
    public let expiresAt: Int64?
    /// When the token was last used, to the minute (`AccessStore.lastUseResolution`); nil: never.
    public let lastUsedAt: Int64?
}

/// One event for the audit log: who (user and replica), what (action and detail), from where.
public struct AuditEntry: Hashable, Sendable {
    public var user: String
    /// The replica that sent the request (32 hex digits), or "" when none applies (admin).
    public var replica: String
    /// e.g. `push`, `upload`, `download`, `admin user add`.
    public var action: String
    /// e.g. `batch=… changes=12 accepted=12`.
    public var detail: String
    /// The client's address (the proxy's forwarded one only from a trusted proxy); `local` for
    /// commands run on the server machine.
    public var peer: String

    public init(user: String, replica: String = "", action: String, detail: String, peer: String) {
        self.user = user
        self.replica = replica
        self.action = action
        self.detail = detail
        self.peer = peer
    }
}

/// A stored audit entry with its place in the hash chain.
public struct AuditRecord: Hashable, Sendable {
    public let sequence: Int64
    /// Unix milliseconds (UTC).
    public let at: Int64
    public let entry: AuditEntry
    /// The previous entry's hash (64 zeros for the first entry).
    public let previous: String
    /// SHA-256 over `previous` and this entry's fields (`AuditTable.hash`).
    public let hash: String
}

/// What `verifyAudit` found.
public enum AuditVerification: Hashable, Sendable {
    /// Every entry matches its hash and follows the one before; `head` is the last hash
    /// (write it down elsewhere: a later verify can then show nothing was rewritten).
    case intact(entries: Int64, head: String)
    /// The first entry that does not match (edited, inserted, or following a deleted one).
    case broken(sequence: Int64, reason: String)
}
