import Foundation
import Models

/// The file store's bookkeeping in the server database: unfinished upload sessions (with the
/// durable offset of each) and receipts of who sent which file (`ServerStore.uploads`). Every
/// method is one transaction.
public final class UploadStore: Sendable {
    /// The server database's queue, the one `ServerStore` uses.
    let queue: DatabaseQueue

    init(queue: DatabaseQueue) {
        self.queue = queue
    }

    /// Starts an upload of a blob announced by hash and size; returns the new session.
    public func create(
        sha256: String, size: Int64, user: String = "", at now: Int64 = UnixTime.milliseconds()
    ) throws -> UploadSession {
        precondition(BlobStore.isValidHash(sha256) && size >= 0, "checked by the caller")
        let session = UploadSession(
            id: UUID().uuidString.lowercased(), sha256: sha256, size: size, offset: 0, updatedAt: now, user: user)
        try queue.write { database in
            try database.execute(
                sql:
                    "INSERT INTO uploads (id, sha256, size, offset, created_at, updated_at, user) VALUES (?1, ?2, ?3, 0, ?4, ?4, ?5)",
                [session.id, sha256, size, now, user])
        }
        return session
    }

    /// An unfinished session for the same blob (hash and size), so that a client that lost its
    /// upload (crash, restart) or a second office sending the same file resumes it.
    public func unfinished(sha256: String, size: Int64, user: String = "") throws -> UploadSession? {
        try queue.inDatabase { database in
            try database.cachedStatement(
                "SELECT \(Self.uploadColumns) FROM uploads WHERE sha256 = ?1 AND size = ?2 AND user = ?3 ORDER BY offset DESC LIMIT 1"
            ).fetchOne([sha256, size, user], Self.uploadSession)
        }
    }

    private static let uploadColumns = "id, sha256, size, offset, updated_at, user"

    private static func uploadSession(_ row: Row) -> UploadSession {
        UploadSession(
            id: row.text(0), sha256: row.text(1), size: row.int64(2), offset: row.int64(3), updatedAt: row.int64(4),
            user: row.text(5))
    }

    /// Records that `user` sent every byte of the blob `sha256` (`size` bytes).
    public func recordReceipt(
        user: String, sha256: String, size: Int64, at now: Int64 = UnixTime.milliseconds()
    ) throws {
        try queue.write { database in
            try database.cachedStatement(
                """
                INSERT INTO upload_receipts (user, sha256, size, received_at) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (user, sha256) DO UPDATE SET size = excluded.size, received_at = excluded.received_at
                """
            ).execute([user, sha256, size, now])
        }
    }

    /// Whether `user` sent the blob `sha256` of `size` bytes.
    public func hasReceipt(user: String, sha256: String, size: Int64) throws -> Bool {
        try queue.inDatabase { database in
            try database.fetchInt64(
                sql: "SELECT 1 FROM upload_receipts WHERE user = ?1 AND sha256 = ?2 AND size = ?3",
                [user, sha256, size]) != nil
        }
    }

    /// The session `id`, or nil when there is none (unknown, finished or expired).
    public func session(_ id: String) throws -> UploadSession? {
        try queue.inDatabase { database in
            try database.cachedStatement("SELECT \(Self.uploadColumns) FROM uploads WHERE id = ?1")
                .fetchOne([id], Self.uploadSession)
        }
    }

    /// Records a new durable offset (after the bytes were fsynced).
    public func advance(_ id: String, to offset: Int64, at now: Int64 = UnixTime.milliseconds()) throws {
        try queue.write { database in
            try database.execute(
                sql: "UPDATE uploads SET offset = ?2, updated_at = ?3 WHERE id = ?1", [id, offset, now])
        }
    }

    /// Forgets a session (finished, failed or expired).
    public func delete(_ id: String) throws {
        try queue.write { database in try database.execute(sql: "DELETE FROM uploads WHERE id = ?1", [id]) }
    }

    /// Sessions without a piece since `cutoff` (Unix milliseconds).
    public func stale(before cutoff: Int64) throws -> [UploadSession] {
        try queue.inDatabase { database in
            var sessions: [UploadSession] = []
            try database.cachedStatement(
                "SELECT \(Self.uploadColumns) FROM uploads WHERE updated_at < ?1 ORDER BY updated_at"
            ).forEachRow([cutoff]) { row in sessions.append(Self.uploadSession(row)) }
            return sessions
        }
    }
}
