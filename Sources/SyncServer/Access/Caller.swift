import Models
import SyncStorage

/// Who is making a request: the token's user and grant, the replica it says it is, and where it
/// comes from. Every permission check asks a `Caller`.
struct Caller: Sendable {
    let user: String
    let grant: Grant
    /// The sending replica (`Renkei-Replica` field, 32 hex digits), or "" when not given.
    let replica: String
    /// The client's address for the audit log.
    let peer: String

    func mayRead(_ scope: Scope) -> Bool { grant.mayRead(scope) }

    func mayWrite(collection: String, scope: Scope) -> Bool { grant.mayWrite(collection: collection, scope: scope) }

    /// An audit entry for something this caller did.
    func audit(_ action: String, _ detail: String) -> AuditEntry {
        AuditEntry(user: user, replica: replica, action: action, detail: detail, peer: peer)
    }

    /// `tanaka (staff of 271004)`.
    var description: String { "\(user) (\(grant.description))" }
}
