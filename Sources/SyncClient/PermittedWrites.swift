import CommandLineSupport
import Models
import SyncStorage

extension ReplicaStore {
    /// What this replica's user may write: the role `renkei login` was told by the server, else
    /// (before any login) what the replica's scope implies: a municipality's staff, or for a
    /// `shared` replica the advisor.
    func localGrant() throws -> Grant {
        let scope = try setting(.scope) ?? "shared"
        let municipality = try? MunicipalityCode(validating: scope)
        switch try setting(.role).flatMap(Role.init(rawValue:)) {
        case .admin?: return Grant(role: .admin, municipality: nil)
        case .advisor?: return Grant(role: .advisor, municipality: nil)
        case .staff?, nil:
            if let municipality { return Grant(role: .staff, municipality: municipality) }
            return Grant(role: .advisor, municipality: nil)
        }
    }

    /// `staff of 271004`, `advisor`, `admin`: what this replica may write.
    func grantDescription() throws -> String { try localGrant().description }

    /// `write`, refused up front when the server would refuse it: a forbidden change would
    /// otherwise wait in the outbox and block every later push.
    @discardableResult
    func permittedWrite(_ value: JSONValue, to key: RecordKey, scope: Scope, user: String) throws -> Version {
        try permittedWriteAll([(key, scope, value)], user: user)[0]
    }

    /// `writeAll`, with every write checked as `permittedWrite` does (all or nothing).
    @discardableResult
    func permittedWriteAll(_ writes: [(key: RecordKey, scope: Scope, value: JSONValue)], user: String) throws
        -> [Version]
    {
        let grant = try localGrant()
        if let refused = writes.first(where: { !grant.mayWrite(collection: $0.key.collection, scope: $0.scope) }) {
            throw CommandFailure(
                "this replica (\(grant.description)) may not write \(refused.key.collection) in scope \(refused.scope); the server would refuse it, so nothing was written",
                status: .noPermission)
        }
        return try writeAll(writes, user: user)
    }
}
