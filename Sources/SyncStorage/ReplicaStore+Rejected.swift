import Models

extension ReplicaStore {
    /// Versions the server refused for good, oldest first.
    public func rejectedVersions() throws -> [RejectedVersion] {
        try queue.read { database in
            var list: [RejectedVersion] = []
            try database.cachedStatement(
                """
                SELECT r.seq, v.change, r.code, r.message, r.rejected_at
                    FROM rejected AS r JOIN versions AS v ON v.seq = r.seq ORDER BY r.seq
                """
            ).forEachRow([]) { row in
                let sequence = row.int64(0)
                let change: Change
                do { change = try row.withBytes(1) { buffer throws(ModelError) in try Change(decoding: buffer) } } catch
                {
                    throw StorageError.corruptRecord(sequence: sequence, reason: "\(error)")
                }
                list.append(
                    RejectedVersion(
                        sequence: sequence, change: change, code: row.text(2), message: row.text(3),
                        rejectedAt: row.int64(4)))
            }
            return list
        }
    }

    /// Sends a rejected version again at the next sync (after the cause was fixed, e.g. the
    /// survey was reopened). Returns false when `sequence` is not a rejected version.
    public func retryRejected(_ sequence: Int64) throws -> Bool {
        try queue.write { database in
            guard try database.fetchInt64(sql: "SELECT seq FROM rejected WHERE seq = ?1", [sequence]) != nil else {
                return false
            }
            try database.execute(sql: "DELETE FROM rejected WHERE seq = ?1", [sequence])
            try database.execute(sql: "INSERT OR IGNORE INTO outbox (seq) VALUES (?1)", [sequence])
            return true
        }
    }

    /// Drops a rejected version: it leaves this replica, and the versions it had superseded here
    /// come back (unless something current supersedes them), so the field shows what the server
    /// has again. Returns false when `sequence` is not a rejected version.
    public func dropRejected(_ sequence: Int64) throws -> Bool {
        try queue.write { database in
            guard try database.fetchInt64(sql: "SELECT seq FROM rejected WHERE seq = ?1", [sequence]) != nil else {
                return false
            }
            try VersionTable(database: database).revert(sequence: sequence)
            return true
        }
    }

    /// Makes every local version still waiting to be sent (outbox and rejected) carry `user`: the
    /// server accepts only versions of its token's user, and this replica's user is set from the
    /// token at login. Nobody else has these versions yet, so rewriting them is safe. Returns
    /// how many were rewritten.
    @discardableResult
    public func restampPending(user: String) throws -> Int {
        try queue.write { database in
            try VersionTable(database: database).restamp(
                user: user, where: "seq IN (SELECT seq FROM outbox UNION SELECT seq FROM rejected)")
        }
    }
}
