import CSQLite
import Localization

/// An error reported by SQLite: result codes, SQLite's message, and the SQL that failed.
///
/// Bound values are never included: they can be personal data (answers, names) and must not
/// reach logs.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// The extended result code, e.g. 2067 (`SQLITE_CONSTRAINT_UNIQUE`).
    public let extendedResultCode: Int32
    /// The primary result code, e.g. 19 (`SQLITE_CONSTRAINT`).
    public var resultCode: Int32 { extendedResultCode & 0xFF }
    /// SQLite's own explanation.
    public let message: String
    /// The statement that failed, if any.
    public let sql: String?

    public init(resultCode: Int32, message: String? = nil, sql: String? = nil) {
        self.extendedResultCode = resultCode
        self.message = message ?? String(cString: sqlite3_errstr(resultCode))
        self.sql = sql
    }

    /// The error SQLite currently holds for `connection`.
    init(connection: OpaquePointer?, resultCode: Int32, sql: String? = nil) {
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? resultCode
        let message = connection.map { String(cString: sqlite3_errmsg($0)) }
        self.init(resultCode: extended == 0 ? resultCode : extended, message: message, sql: sql)
    }

    /// The file is not an SQLite database (or is encrypted, or its header is damaged).
    public var isNotADatabase: Bool { resultCode == SQLITE_NOTADB }
    /// The database file is damaged.
    public var isCorrupt: Bool { resultCode == SQLITE_CORRUPT }
    /// The disk (or a quota) is full.
    public var isFull: Bool { resultCode == SQLITE_FULL }
    /// Another connection holds a lock longer than the busy timeout.
    public var isBusy: Bool { resultCode == SQLITE_BUSY || resultCode == SQLITE_LOCKED }

    public var description: String {
        var text = localized("database.error", ["code": extendedResultCode, "message": message])
        if let sql { text += localized("database.error.sql", ["sql": sql]) }
        return text
    }
}
