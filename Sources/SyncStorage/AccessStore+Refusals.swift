import Models

/// Refused pushes (`push-refused` audit entries) of one user in a time window.
public struct RefusedPushes: Hashable, Sendable {
    public let user: String
    /// The user's municipality code (staff); nil for the advisor, admins, or a name the server
    /// does not know as a user.
    public let municipality: String?
    /// How many of the user's pushes were refused in the window (at least 1).
    public let count: Int
    /// The latest of them (detail `batch=… changes=… refused=<code>`, as `SyncService` writes it).
    public let last: AuditRecord

    public init(user: String, municipality: String?, count: Int, last: AuditRecord) {
        self.user = user
        self.municipality = municipality
        self.count = count
        self.last = last
    }
}

/// The dashboard's summary of refused pushes since a time.
public struct RefusalSummary: Hashable, Sendable {
    /// Refused pushes in the window, all users.
    public let total: Int
    /// Per user, newest last refusal first, at most the limit asked for.
    public let users: [RefusedPushes]

    public init(total: Int, users: [RefusedPushes]) {
        self.total = total
        self.users = users
    }
}

extension AccessStore {
    /// The audit action of a refused push.
    public static let pushRefusedAction = "push-refused"

    /// Refused pushes at or after `since` (Unix milliseconds): their total, and per user the count
    /// and the latest, newest first, at most `limit` users. Bounded by time and rows
    /// (`AuditTable.latest`): the whole log is never read.
    public func refusedPushes(since: Int64, limit: Int) throws -> RefusalSummary {
        try queue.read { database in
            let found = try AuditTable(database: database).latest(
                action: Self.pushRefusedAction, since: since, limit: limit)
            return RefusalSummary(
                total: found.total,
                users: found.users.map { user in
                    RefusedPushes(
                        user: user.last.entry.user, municipality: user.scope, count: user.count, last: user.last)
                })
        }
    }
}
