/// Append-only, named schema migrations.
///
/// Each migration runs once, in registration order, in its own transaction, and its name is
/// recorded in `renkei_migrations`. Never edit or reorder a released migration: add a new one.
/// A database that has migrations this build does not know was written by a newer Renkei and is
/// refused instead of being misread.
public struct DatabaseMigrator {
    private var migrations: [(identifier: String, body: (Database) throws -> Void)] = []

    public init() {}

    /// Adds a migration; identifiers must be unique.
    public mutating func registerMigration(_ identifier: String, _ body: @escaping (Database) throws -> Void) {
        precondition(!migrations.contains { $0.identifier == identifier }, "duplicate migration \(identifier)")
        migrations.append((identifier, body))
    }

    /// The identifiers of registered migrations, in order.
    public var identifiers: [String] { migrations.map(\.identifier) }

    /// Applies every migration not yet applied.
    ///
    /// - Throws: `StorageError.newerSchema` when the database has migrations this build lacks.
    public func migrate(_ database: Database) throws {
        try database.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS renkei_migrations (
                    identifier TEXT NOT NULL PRIMARY KEY,  -- name given to registerMigration
                    applied_at INTEGER NOT NULL            -- Unix seconds
                ) STRICT
                """)
        let applied = try self.applied(in: database)
        let unknown = applied.filter { name in !migrations.contains { $0.identifier == name } }
        if !unknown.isEmpty {
            throw StorageError.newerSchema(path: database.path, unknownMigrations: unknown.sorted())
        }
        for migration in migrations where !applied.contains(migration.identifier) {
            try database.inTransaction(.immediate) {
                try migration.body(database)
                try database.execute(
                    sql:
                        "INSERT INTO renkei_migrations (identifier, applied_at) VALUES (?, CAST(strftime('%s', 'now') AS INTEGER))",
                    [migration.identifier])
            }
        }
    }

    /// Names of the migrations already applied to `database`.
    public func applied(in database: Database) throws -> Set<String> {
        var names: Set<String> = []
        try database.makeStatement("SELECT identifier FROM renkei_migrations").forEachRow { row in
            names.insert(row.text(0))
        }
        return names
    }
}
