import CSQLite
import Glibc

/// One SQLite connection. Not thread-safe and not `Sendable`: reach it through a
/// `DatabaseQueue`, which runs everything on one serial queue.
///
/// ```swift
/// let db = try Database(path: "/tmp/x.sqlite", configuration: .init())
/// try db.execute(sql: "CREATE TABLE t(a INTEGER) STRICT")
/// try db.cachedStatement("INSERT INTO t VALUES (?)").execute([1])
/// ```
public final class Database {
    /// How a connection is set up when it opens.
    public struct Configuration: Sendable {
        /// `FULL` fsyncs the WAL at every commit: a commit that returned survives power loss.
        public var synchronous: Synchronous = .full
        /// How long to wait for another connection's lock, in milliseconds.
        public var busyTimeoutMilliseconds: Int32 = 5_000
        /// Open read-only (no file is created, no pragma written).
        public var readOnly = false
        /// Page cache size in KiB (SQLite's `cache_size` with a negative value).
        public var cacheKiB = 65_536
        /// Page size, in bytes, of a database this connection creates (a power of two from 512
        /// to 65,536; nil: SQLite's default, 4,096). A file that holds a database already keeps
        /// the size it was made with.
        public var newDatabasePageBytes: Int?
        /// Permission bits of a database file this connection creates (before the umask).
        /// SQLite gives the `-wal` and `-shm` files the database file's mode, so all three are
        /// private from the first byte. Renkei's databases hold private data: owner only.
        public var newFileMode: mode_t = 0o600
        /// WAL size, in bytes, at which the WAL is copied back into the database file (in whole
        /// pages of the database's page size). Larger means fewer checkpoints (each one fsyncs)
        /// at the cost of a longer WAL.
        public var walAutocheckpointBytes = 32 * 1_048_576
        /// Whether that copy runs on a thread of its own (`WALCheckpointer`) instead of inside
        /// the commit that crosses `walAutocheckpointBytes`.
        public var checkpointsInBackground = false

        public enum Synchronous: String, Sendable {
            case off = "OFF"
            case normal = "NORMAL"
            case full = "FULL"
        }

        public init() {}
    }

    let handle: OpaquePointer
    /// The database file.
    public let path: String
    private var statementCache: [String: Statement] = [:]
    /// Copies the WAL into the database file off the committing thread, with
    /// `checkpointsInBackground`; its WAL hook holds it unretained.
    private var checkpointer: WALCheckpointer?

    /// Opens (and creates, unless read-only) the database file and applies `configuration`:
    /// WAL journal, `synchronous`, busy timeout, foreign keys on. A new file is created with
    /// `newFileMode` (0600): SQLite alone would make it 0644.
    ///
    /// - Throws: `DatabaseError`; `isNotADatabase` is true for a file that is not SQLite.
    public init(path: String, configuration: Configuration = Configuration()) throws(DatabaseError) {
        _ = Self.globalSetup
        if !configuration.readOnly && !path.isEmpty && path != ":memory:" && !path.hasPrefix("file:") {
            // An empty file is a new database to SQLite. EEXIST: it is there already; any other
            // failure is left to sqlite3_open_v2 to report.
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, configuration.newFileMode)
            if descriptor >= 0 { close(descriptor) }
        }
        var handle: OpaquePointer?
        let flags =
            (configuration.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let error = DatabaseError(connection: handle, resultCode: code)
            sqlite3_close_v2(handle)
            throw error
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, configuration.busyTimeoutMilliseconds)
        // Reading the schema is the first access to the file: a file that is not a database fails here.
        try execute(sql: "SELECT count(*) FROM sqlite_master")
        if !configuration.readOnly {
            // Only a database without a page yet takes it (before WAL mode writes the header).
            if let bytes = configuration.newDatabasePageBytes { try execute(sql: "PRAGMA page_size = \(bytes)") }
            try execute(sql: "PRAGMA journal_mode = WAL")
        }
        try execute(sql: "PRAGMA synchronous = \(configuration.synchronous.rawValue)")
        try execute(sql: "PRAGMA foreign_keys = ON")
        try execute(sql: "PRAGMA cache_size = -\(configuration.cacheKiB)")
        let pageBytes = (try? fetchInt64(sql: "PRAGMA page_size")).flatMap { $0 }.map(Int.init) ?? 4_096
        let checkpointPages = max(1, configuration.walAutocheckpointBytes / pageBytes)
        if configuration.checkpointsInBackground && !configuration.readOnly {
            let checkpointer = try WALCheckpointer(path: path, thresholdPages: checkpointPages)
            self.checkpointer = checkpointer
            // Replaces SQLite's own hook (the automatic checkpoint): a commit hands over the
            // WAL's size, and copies the rest itself only when the WAL has outgrown the
            // background passes (`WALCheckpointer.Request.catchUpHere`).
            sqlite3_wal_hook(
                handle,
                { context, connection, _, pages in
                    guard let context else { return SQLITE_OK }
                    let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
                    if checkpointer.committed(walPages: Int(pages)) == .catchUpHere {
                        // What the background passes have not copied yet, once the one running
                        // (if any) is done; a failure (a reader still needs frames) leaves it
                        // for the next commit.
                        checkpointer.betweenPasses { _ = Database.passiveCheckpoint(connection) }
                    }
                    return SQLITE_OK
                }, Unmanaged.passUnretained(checkpointer).toOpaque())
        } else {
            try execute(sql: "PRAGMA wal_autocheckpoint = \(checkpointPages)")
        }
    }

    /// Process-wide SQLite settings, applied once before the first connection.
    private static let globalSetup: Void = {
        _ = renkei_sqlite_disable_memory_statistics()
    }()

    /// Applies the process-wide SQLite settings the stores run with (memory statistics off)
    /// now, for code that opens SQLite by itself before any `Database`: SQLite takes them only
    /// before its first connection of the process. Opening a `Database` does this too.
    public static func applyProcessSettings() {
        _ = globalSetup
    }

    deinit {
        statementCache.removeAll()
        sqlite3_wal_hook(handle, nil, nil)  // it holds `checkpointer` unretained
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements separated by semicolons, without arguments.
    public func execute(sql: String) throws(DatabaseError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) }
            sqlite3_free(message)
            throw DatabaseError(resultCode: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// Runs one statement with arguments.
    public func execute(sql: String, _ arguments: [DatabaseValueConvertible]) throws(DatabaseError) {
        try cachedStatement(sql).execute(arguments)
    }

    /// A new prepared statement (finalized when released).
    public func makeStatement(_ sql: String) throws(DatabaseError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// A prepared statement kept for the life of the connection: prepare once, run many times.
    public func cachedStatement(_ sql: String) throws(DatabaseError) -> Statement {
        if let statement = statementCache[sql] { return statement }
        let statement = try Statement(database: self, sql: sql)
        statementCache[sql] = statement
        return statement
    }

    /// The first column of the first row as an integer, or nil when there is no row or it is NULL.
    public func fetchInt64(sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> Int64? {
        try cachedStatement(sql).fetchOne(arguments) { row in row.isNull(0) ? nil : row.int64(0) } ?? nil
    }

    /// The first column of the first row as text, or nil.
    public func fetchText(sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> String? {
        try cachedStatement(sql).fetchOne(arguments) { row in row.isNull(0) ? nil : row.text(0) } ?? nil
    }

    /// The row id of the last successful INSERT on this connection.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changesCount: Int { Int(sqlite3_changes(handle)) }

    /// Whether a transaction is open.
    public var isInsideTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// How a transaction takes its locks.
    public enum TransactionKind: String, Sendable {
        /// Locks at the first read or write.
        case deferred = "DEFERRED"
        /// Takes the write lock at BEGIN, so it never fails later with SQLITE_BUSY on upgrade.
        case immediate = "IMMEDIATE"
    }

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    /// Transactions do not nest.
    public func inTransaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        precondition(!isInsideTransaction, "transactions do not nest")
        try execute(sql: "BEGIN \(kind.rawValue) TRANSACTION")
        let result: T
        do {
            result = try body()
        } catch {
            if isInsideTransaction { try? execute(sql: "ROLLBACK TRANSACTION") }
            throw error
        }
        do {
            try execute(sql: "COMMIT TRANSACTION")
        } catch {
            if isInsideTransaction { try? execute(sql: "ROLLBACK TRANSACTION") }
            throw error
        }
        return result
    }

    /// Copies this whole database into a new file at `path` with SQLite's online backup (a
    /// consistent snapshot, while other connections keep reading and writing), then fsyncs it.
    /// The copy has this database's page size (SQLite copies no pages into a WAL database of
    /// another size).
    public func backup(to path: String) throws {
        var configuration = Configuration()
        configuration.newDatabasePageBytes = try fetchInt64(sql: "PRAGMA page_size").map(Int.init)
        let destination = try Database(path: path, configuration: configuration)
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw DatabaseError(connection: destination.handle, resultCode: sqlite3_errcode(destination.handle))
        }
        var code: Int32
        repeat {
            code = sqlite3_backup_step(backup, 1024)
            if code == SQLITE_BUSY || code == SQLITE_LOCKED { sqlite3_sleep(10) }
        } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED
        sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE else { throw DatabaseError(connection: destination.handle, resultCode: code) }
        try destination.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Copies what it can of the WAL into the database file without waiting for any lock
    /// (`SQLITE_CHECKPOINT_PASSIVE`: frames a reader still needs stay); fsyncs the database file
    /// when `synchronous` is FULL. Other connections go on reading and writing meanwhile.
    public func checkpoint() throws(DatabaseError) {
        let code = Self.passiveCheckpoint(handle)
        guard code == SQLITE_OK else { throw DatabaseError(connection: handle, resultCode: code) }
    }

    /// `checkpoint()` on the connection `handle` (also the one a WAL hook is given); SQLite's
    /// result code.
    private static func passiveCheckpoint(_ handle: OpaquePointer?) -> Int32 {
        sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
    }

    /// `PRAGMA integrity_check`: the problems found, empty when the file is sound.
    public func integrityProblems() throws -> [String] {
        var problems: [String] = []
        try makeStatement("PRAGMA integrity_check").forEachRow([]) { row in
            if row.text(0) != "ok" { problems.append(row.text(0)) }
        }
        return problems
    }

    /// Returns to the system the memory this connection's caches can give back
    /// (`sqlite3_db_release_memory`), e.g. when the server is idle after a burst.
    public func releaseMemory() {
        sqlite3_db_release_memory(handle)
    }
}
