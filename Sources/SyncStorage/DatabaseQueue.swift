import Dispatch

/// Serialises all access to one `Database` on one serial dispatch queue.
///
/// Readers and writers of a store share this queue; SQLite's WAL lets another process read
/// while a write is in progress.
public final class DatabaseQueue: @unchecked Sendable {
    // Safe: `database` is only touched inside `queue.sync` blocks, and `queue` is serial, so at
    // most one thread uses the connection at a time. Re-entrant calls are caught by the check below.
    private let database: Database
    private let queue: DispatchQueue
    private let key = DispatchSpecificKey<Bool>()

    /// The database file.
    public let path: String

    public init(path: String, configuration: Database.Configuration = Database.Configuration()) throws {
        self.database = try Database(path: path, configuration: configuration)
        self.path = path
        self.queue = DispatchQueue(label: "renkei.database")
        queue.setSpecific(key: key, value: true)
    }

    /// Runs `body` with exclusive use of the connection, outside any transaction.
    public func inDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        precondition(DispatchQueue.getSpecific(key: key) == nil, "DatabaseQueue is not re-entrant")
        return try queue.sync { try body(database) }
    }

    /// Runs `body` in an IMMEDIATE transaction: all of it is committed, or none of it.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try inDatabase { database in try database.inTransaction(.immediate) { try body(database) } }
    }

    /// Runs `body` in a DEFERRED transaction: a consistent snapshot for several reads.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try inDatabase { database in try database.inTransaction(.deferred) { try body(database) } }
    }
}
