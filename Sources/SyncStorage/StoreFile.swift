import Foundation
import Localization
import Models

/// Opens a store's database file and makes sure it is a Renkei database of the right kind.
///
/// A fresh (empty) file gets Renkei's `application_id` and the store's schema; an existing file
/// must carry that id and the same store kind. Anything else is refused with a clear
/// `StorageError` before a single row is read or written.
enum StoreFile {
    /// `PRAGMA application_id` of every Renkei database: the bytes "RENK".
    static let applicationID: Int64 = 0x5245_4E4B

    enum Kind: String {
        case server
        case replica
    }

    /// Page size, in bytes, of a store created from now on. Against SQLite's 4,096 (1,000,000
    /// versions, `renkei-bench`, three alternating runs, both with the WAL copied back every 32
    /// MiB): keys in random order +12% (server) and +15% (replica), a first sync +3% and +8%,
    /// revisions within the noise. A commit writes one WAL frame per page it changed, and a
    /// batch of random keys changes fewer, larger pages of the key index. 16,384 was faster still
    /// for random keys but 15% slower for revisions. A store made before keeps its 4,096 (SQLite
    /// changes the size only by rewriting the file); a backup keeps the size of its store.
    static let pageBytes = 8_192

    /// Opens `path` for a store of `kind`, creating and migrating it when fresh (with pages of
    /// `pageBytes`).
    static func open(
        path: String, kind: Kind, configuration: Database.Configuration, migrator: DatabaseMigrator
    ) throws -> DatabaseQueue {
        var configuration = configuration
        configuration.newDatabasePageBytes = pageBytes
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StorageError.cannotOpen(path: path, reason: localized("storage.open.directory"))
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            if error.isNotADatabase || error.isCorrupt { throw StorageError.notADatabase(path: path) }
            throw StorageError.cannotOpen(path: path, reason: error.message)
        }
        try queue.inDatabase { database in
            let foundID = try database.fetchInt64(sql: "PRAGMA application_id") ?? 0
            // A crash during the first migration can leave only the migrations table behind.
            let tableCount =
                try database.fetchInt64(sql: "SELECT count(*) FROM sqlite_master WHERE name <> 'renkei_migrations'")
                ?? 0
            if foundID == 0 && tableCount == 0 {
                // Fresh file: the first migration stamps it.
            } else if foundID != applicationID {
                throw StorageError.foreignDatabase(
                    path: path,
                    detail: foundID == 0
                        ? localized("storage.foreign.other.program")
                        : localized("storage.foreign.application.id", ["id": foundID]))
            } else {
                let foundKind = try? database.fetchText(sql: "SELECT value FROM store_info WHERE name = 'kind'")
                guard foundKind == kind.rawValue else {
                    let kinds = ["found": Self.kindName(foundKind), "wanted": Self.kindName(kind.rawValue)]
                    throw StorageError.foreignDatabase(
                        path: path, detail: localized("storage.foreign.other.kind", kinds))
                }
            }
            try migrator.migrate(database)
        }
        return queue
    }

    /// The first migration of every store: the `store_info` table naming its kind and replica.
    static func registerStoreInfo(in migrator: inout DatabaseMigrator, kind: Kind, replica: ReplicaID) {
        migrator.registerMigration("001-store-info") { database in
            try database.execute(sql: "PRAGMA application_id = \(applicationID)")
            try database.execute(
                sql: """
                    CREATE TABLE store_info (
                        name  TEXT NOT NULL PRIMARY KEY,  -- 'kind' (server|replica), 'replica' (32 hex digits)
                        value TEXT NOT NULL
                    ) STRICT
                    """)
            try database.execute(sql: "INSERT INTO store_info (name, value) VALUES ('kind', ?)", [kind.rawValue])
            try database.execute(sql: "INSERT INTO store_info (name, value) VALUES ('replica', ?)", [replica.hex])
        }
    }

    /// The name of a store kind (`server`, `replica`) for people; nil is unknown, another
    /// stored value is shown as it is.
    static func kindName(_ kind: String?) -> String {
        switch kind {
        case Kind.server.rawValue: return localized("storage.kind.server")
        case Kind.replica.rawValue: return localized("storage.kind.replica")
        case nil: return localized("storage.kind.unknown")
        case let other?: return other
        }
    }

    /// The replica id recorded in `store_info`.
    static func replicaID(in queue: DatabaseQueue) throws -> ReplicaID {
        let text = try queue.inDatabase { database in
            try database.fetchText(sql: "SELECT value FROM store_info WHERE name = 'replica'")
        }
        guard let text, let replica = try? ReplicaID(validating: text) else {
            throw StorageError.foreignDatabase(path: queue.path, detail: localized("storage.foreign.no.replica.id"))
        }
        return replica
    }
}
