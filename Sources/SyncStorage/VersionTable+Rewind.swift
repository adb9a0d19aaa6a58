import Models

/// The SQL behind `ReplicaStore.continueAsNewReplica` and `settleRewind`.
extension VersionTable {
    /// A current version as stored: its sequence, the change, and the SHA-256 (hex) of its
    /// stored JSON (what `rewind_seen` records).
    struct StoredVersion {
        let sequence: Int64
        let change: Change
        let hash: String
    }

    /// The SHA-256 (hex) of a version's stored change JSON.
    static func versionHash(_ json: [UInt8]) -> String { SHA256.hex(SHA256.hash(json)) }

    /// Current versions authored by `author` that the server has not acknowledged (in the
    /// outbox, or set aside as rejected), oldest first.
    func unacknowledgedVersions(by author: ReplicaID) throws -> [StoredVersion] {
        var versions: [StoredVersion] = []
        try database.cachedStatement(
            """
            SELECT seq, change FROM versions
                WHERE author = ?1 AND seq IN (SELECT seq FROM outbox UNION SELECT seq FROM rejected) ORDER BY seq
            """
        ).forEachRow([author.hex]) { row in versions.append(try Self.storedVersion(row)) }
        return versions
    }

    /// The current versions of `key`.
    func currentVersions(of key: RecordKey) throws -> [StoredVersion] {
        var versions: [StoredVersion] = []
        try database.cachedStatement(
            "SELECT seq, change FROM versions WHERE collection = ?1 AND record = ?2 AND field = ?3 ORDER BY seq"
        ).forEachRow([key.collection, key.record, key.field]) { row in versions.append(try Self.storedVersion(row)) }
        return versions
    }

    /// Records in `rewind_seen` every version of `key` this replica holds, current or
    /// superseded, except the current version `sequence`.
    func recordSeen(_ key: RecordKey, except sequence: Int64) throws {
        let insert = try database.cachedStatement(
            "INSERT OR IGNORE INTO rewind_seen (collection, record, field, hash) VALUES (?1, ?2, ?3, ?4)")
        try database.cachedStatement(
            """
            \(Self.supersededChain)
            SELECT change FROM versions WHERE collection = ?1 AND record = ?2 AND field = ?3 AND seq != ?4
            UNION ALL SELECT change FROM history WHERE seq IN superseded
            """
        ).forEachRow([key.collection, key.record, key.field, sequence]) { row in
            try insert.execute([key.collection, key.record, key.field, Self.versionHash(row.bytes(0))])
        }
    }

    /// The registers listed in `rewind_seen`, each with the hashes recorded for it.
    func seenByRegister() throws -> [RecordKey: Set<String>] {
        var seen: [RecordKey: Set<String>] = [:]
        try database.cachedStatement("SELECT collection, record, field, hash FROM rewind_seen").forEachRow([]) { row in
            let key = try RecordKey(validating: row.text(0), record: row.text(1), field: row.text(2))
            seen[key, default: []].insert(row.text(3))
        }
        return seen
    }

    func forgetSeen(_ key: RecordKey) throws {
        try database.cachedStatement("DELETE FROM rewind_seen WHERE collection = ?1 AND record = ?2 AND field = ?3")
            .execute([key.collection, key.record, key.field])
    }

    /// Rewrites the current version `sequence` as `change` (same register: vector, author or
    /// value may differ). Only for versions nobody else has yet.
    func replace(sequence: Int64, with change: Change) throws {
        var vector: [UInt8] = []
        VectorBlob.encode(change.version.vector, into: &vector)
        try database.cachedStatement("UPDATE versions SET vector = ?2, author = ?3, change = ?4 WHERE seq = ?1")
            .execute([sequence, vector, change.version.author.hex, String(decoding: change.jsonBytes, as: UTF8.self)])
    }

    private static func storedVersion(_ row: Row) throws -> StoredVersion {
        let sequence = row.int64(0)
        let json = row.bytes(1)
        do {
            return StoredVersion(sequence: sequence, change: try Change(decoding: json), hash: versionHash(json))
        } catch {
            throw StorageError.corruptRecord(sequence: sequence, reason: "\(error)")
        }
    }
}
