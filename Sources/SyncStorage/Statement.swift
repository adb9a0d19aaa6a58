import CSQLite

/// A prepared statement. Owns its SQLite handle and finalizes it in `deinit`.
///
/// Not thread-safe: use it only from the `Database` that made it. Every way of running it
/// (`execute`, `forEachRow`, `fetch…`) resets it afterwards, so a stepped but unfinished statement
/// never blocks a COMMIT.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text, for error messages.
    public let sql: String
    private unowned let database: Database

    init(database: Database, sql: String) throws(DatabaseError) {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            throw DatabaseError(connection: database.handle, resultCode: code, sql: sql)
        }
        self.handle = handle
        self.sql = sql
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// SQLite must copy bound text and blobs: Swift may free its buffers right after the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Replaces all bindings with `arguments` (positional, 1-based in SQL).
    public func bind(_ arguments: [DatabaseValueConvertible]) throws(DatabaseError) {
        sqlite3_clear_bindings(handle)
        for (offset, argument) in arguments.enumerated() {
            try bind(argument.databaseValue, at: Int32(offset + 1))
        }
    }

    /// Binds one value at a 1-based parameter index.
    public func bind(_ value: DatabaseValue, at index: Int32) throws(DatabaseError) {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let integer): code = sqlite3_bind_int64(handle, index, integer)
        case .real(let real): code = sqlite3_bind_double(handle, index, real)
        case .text(let text): code = bindText(text, at: index)
        case .blob(let blob): code = bindBlob(blob, at: index)
        }
        guard code == SQLITE_OK else { throw DatabaseError(connection: database.handle, resultCode: code, sql: sql) }
    }

    /// Binds text without building a `DatabaseValue` (hot paths).
    @discardableResult
    public func bindText(_ text: String, at index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { utf8 in
            sqlite3_bind_text(handle, index, utf8.baseAddress, Int32(utf8.count), Self.transient)
        }
    }

    /// Binds UTF-8 bytes as text without making a `String` (hot paths).
    @discardableResult
    public func bindText(utf8 bytes: [UInt8], at index: Int32) -> Int32 {
        bindText(utf8: bytes[...], at: index)
    }

    /// Binds UTF-8 bytes, part of a larger buffer, as text.
    @discardableResult
    public func bindText(utf8 bytes: ArraySlice<UInt8>, at index: Int32) -> Int32 {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, Self.transient) }
            return sqlite3_bind_text(
                handle, index, base.assumingMemoryBound(to: CChar.self), Int32(buffer.count), Self.transient)
        }
    }

    /// Binds a blob, part of a larger buffer; an empty slice binds a zero-length blob, not NULL.
    @discardableResult
    public func bindBlob(_ bytes: ArraySlice<UInt8>, at index: Int32) -> Int32 {
        bytes.withUnsafeBytes { buffer in
            buffer.baseAddress == nil || buffer.isEmpty
                ? sqlite3_bind_zeroblob(handle, index, 0)
                : sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
        }
    }

    /// Binds a blob; an empty array binds a zero-length blob, not NULL.
    @discardableResult
    public func bindBlob(_ bytes: [UInt8], at index: Int32) -> Int32 {
        bindBlob(bytes[...], at: index)
    }

    @discardableResult
    public func bindInt64(_ value: Int64, at index: Int32) -> Int32 {
        sqlite3_bind_int64(handle, index, value)
    }

    /// Advances one step; returns true when a row is available.
    public func step() throws(DatabaseError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let error = DatabaseError(connection: database.handle, resultCode: code, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Makes the statement ready to run again (keeps the bindings).
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Runs the statement to completion with `arguments`.
    public func execute(_ arguments: [DatabaseValueConvertible] = []) throws(DatabaseError) {
        defer { reset() }
        if !arguments.isEmpty || sqlite3_bind_parameter_count(handle) > 0 { try bind(arguments) }
        while try step() {}
    }

    /// Runs the statement with the bindings already set (see `bindText`, `bindInt64`...).
    public func executeBound() throws(DatabaseError) {
        defer { reset() }
        while try step() {}
    }

    /// Calls `body` for each row; the `Row` is valid only during the call.
    public func forEachRow(
        _ arguments: [DatabaseValueConvertible] = [], _ body: (Row) throws -> Void
    ) throws {
        defer { reset() }
        try bind(arguments)
        while try step() { try body(Row(handle: handle)) }
    }

    /// Calls `body` for each row as long as it returns true; the rows after the first false are
    /// never read.
    public func forEachRowWhile(_ arguments: [DatabaseValueConvertible] = [], _ body: (Row) throws -> Bool) throws {
        defer { reset() }
        try bind(arguments)
        while try step() {
            guard try body(Row(handle: handle)) else { return }
        }
    }

    /// Calls `body` for each row with the bindings already set.
    public func forEachBoundRow(_ body: (Row) throws -> Void) throws {
        defer { reset() }
        while try step() { try body(Row(handle: handle)) }
    }

    /// The first row mapped by `body`, or nil when there is none.
    public func fetchOne<T>(_ arguments: [DatabaseValueConvertible] = [], _ body: (Row) throws -> T) throws -> T? {
        defer { reset() }
        try bind(arguments)
        return try step() ? body(Row(handle: handle)) : nil
    }
}

/// The current row of a stepping statement. Valid only inside the closure that received it.
public struct Row {
    let handle: OpaquePointer

    /// Number of columns.
    public var count: Int { Int(sqlite3_column_count(handle)) }

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    public func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The column's bytes (text or blob) without conversion.
    public func bytes(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Calls `body` with the column's bytes in place, without copying them.
    public func withBytes<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else {
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    public func value(_ column: Int32) -> DatabaseValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(int64(column))
        case SQLITE_FLOAT: return .real(double(column))
        case SQLITE_TEXT: return .text(text(column))
        case SQLITE_BLOB: return .blob(bytes(column))
        default: return .null
        }
    }
}
