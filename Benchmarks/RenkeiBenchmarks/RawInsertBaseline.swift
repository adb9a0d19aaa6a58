import CSQLite
import Foundation
import Models
import SyncStorage

/// The baseline every store figure is compared with: SQLite inserting the same number of rows,
/// of the same shape and size as the store's `versions` rows, already encoded, through one
/// prepared statement in one transaction, WAL and synchronous=FULL, no index.
enum RawInsertBaseline {
    static func run(changes: [Change], path: String) throws -> Double {
        // Encode beforehand: the baseline measures SQLite alone.
        let rows = changes.map { change -> (String, String, String, String, [UInt8], [UInt8]) in
            var vector: [UInt8] = []
            for entry in change.version.vector.entries {
                withUnsafeBytes(of: entry.replica.high.bigEndian) { vector.append(contentsOf: $0) }
                withUnsafeBytes(of: entry.replica.low.bigEndian) { vector.append(contentsOf: $0) }
                withUnsafeBytes(of: entry.counter.bigEndian) { vector.append(contentsOf: $0) }
            }
            return (
                change.key.collection, change.key.record, change.key.field, change.scope.description, vector,
                change.jsonBytes
            )
        }
        // The same process-wide settings as the stores: when this open came first, SQLite kept
        // its memory statistics (a global mutex on every allocation) for the whole run, and the
        // stores measured beside it ran with a cost they do not have in renkei and renkei-server.
        Database.applyProcessSettings()
        var db: OpaquePointer?
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw BenchmarkError.sqlite("open") }
        defer { sqlite3_close(db) }
        sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-16384", nil, nil, nil)
        sqlite3_exec(
            db,
            "CREATE TABLE rows (seq INTEGER PRIMARY KEY, collection TEXT NOT NULL, record TEXT NOT NULL, field TEXT NOT NULL, scope TEXT NOT NULL, vector BLOB NOT NULL, change TEXT NOT NULL) STRICT",
            nil, nil, nil)
        var statement: OpaquePointer?
        sqlite3_prepare_v2(
            db, "INSERT INTO rows (collection, record, field, scope, vector, change) VALUES (?,?,?,?,?,?)", -1,
            &statement, nil)
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        return try Measure.seconds {
            sqlite3_exec(db, "BEGIN", nil, nil, nil)
            for row in rows {
                sqlite3_bind_text(statement, 1, row.0, -1, transient)
                sqlite3_bind_text(statement, 2, row.1, -1, transient)
                sqlite3_bind_text(statement, 3, row.2, -1, transient)
                sqlite3_bind_text(statement, 4, row.3, -1, transient)
                row.4.withUnsafeBytes {
                    _ = sqlite3_bind_blob(statement, 5, $0.baseAddress, Int32($0.count), transient)
                }
                row.5.withUnsafeBytes {
                    _ = sqlite3_bind_text(
                        statement, 6, $0.baseAddress?.assumingMemoryBound(to: CChar.self), Int32($0.count), transient)
                }
                guard sqlite3_step(statement) == SQLITE_DONE else { throw BenchmarkError.sqlite("insert") }
                sqlite3_reset(statement)
            }
            guard sqlite3_exec(db, "COMMIT", nil, nil, nil) == SQLITE_OK else { throw BenchmarkError.sqlite("commit") }
        }
    }
}

enum BenchmarkError: Error {
    case sqlite(String)
    case wrongResult(String)
}
