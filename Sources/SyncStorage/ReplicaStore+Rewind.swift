import Models

/// What `ReplicaStore.continueAsNewReplica` did.
public struct RewindRecovery: Hashable, Sendable {
    /// The id this replica had (and shared with the newer copy of itself the server knows).
    public let previous: ReplicaID
    /// The id it continues under.
    public let replica: ReplicaID
    /// Local versions not yet acknowledged by the server, now written by the new id.
    public let restamped: Int
}

/// A replica restored from an old copy of itself (a system restore, a copied profile, a VM
/// snapshot) keeps its replica id but not what it wrote after the copy, although the server
/// has those writes. Continuing under the same id would reuse counters the server already holds
/// with other content (twins: one silently lost) and, since pulls leave out a replica's own
/// versions, it would never get its later writes back. So it continues under a new id:
///
/// 1. `continueAsNewReplica` (one transaction): the local versions the server has not
///    acknowledged are re-stamped as writes of the new id, with the old id's entry taken out of
///    their vectors (the old id's counters are no longer trustworthy here); for each of their
///    registers, every other version this replica held is recorded (`rewind_seen`); the pull
///    starts over (with the new id nothing of the old one is left out) and push numbers restart.
/// 2. The next sync pulls everything before it pushes.
/// 3. `settleRewind`: where a re-stamped version now stands beside pulled versions this
///    replica had held before (recorded in step 1), it had seen them: it supersedes them again.
///    What remains beside it was written elsewhere (the lost later writes of the old copy, or
///    other people's) and stays a visible conflict. Nothing is lost either way.
extension ReplicaStore {
    /// Continues this replica under `replica` (see the type's comment); returns what was done.
    @discardableResult
    public func continueAsNewReplica(_ replica: ReplicaID = .random()) throws -> RewindRecovery {
        let recovery = try queue.write { database in
            let table = VersionTable(database: database)
            let previous = replicaID
            let pending = try table.unacknowledgedVersions(by: previous)
            for version in pending {
                var change = version.change
                try table.recordSeen(change.key, except: version.sequence)
                let kept = change.version.vector.entries.filter { $0.replica != previous }
                let context = try VersionVector(validating: kept.map { ($0.replica, $0.counter) })
                change.version = Version(
                    vector: context.incremented(for: replica), value: change.version.value, author: replica,
                    user: change.version.user, at: change.version.at)
                try table.replace(sequence: version.sequence, with: change)
            }
            try database.execute(sql: "UPDATE store_info SET value = ?1 WHERE name = 'replica'", [replica.hex])
            let before = try database.fetchText(
                sql: "SELECT value FROM store_info WHERE name = ?1", [ReplicaSetting.previousReplicas.rawValue])
            try Self.setSetting(
                .previousReplicas, to: [before, previous.hex].compactMap { $0 }.joined(separator: " "), in: database)
            try Self.setSetting(.pushNumber, to: "0", in: database)
            try database.execute(sql: "DELETE FROM open_push_batches")
            try database.execute(sql: "UPDATE pull_cursor SET next = 0")
            return RewindRecovery(previous: previous, replica: replica, restamped: pending.count)
        }
        // Only once the new id is committed.
        identity.withLock { $0 = replica }
        return recovery
    }

    /// Whether a re-stamped version still waits for `settleRewind` (then the next sync must
    /// pull everything before it pushes).
    public func hasUnsettledRewind() throws -> Bool {
        try queue.inDatabase { database in
            try database.fetchInt64(sql: "SELECT count(*) FROM (SELECT 1 FROM rewind_seen LIMIT 1)") ?? 0 > 0
        }
    }

    /// After everything was pulled: each re-stamped version supersedes the versions beside it
    /// that this replica had held before it continued under its new id. Returns the number of
    /// registers whose conflicts remain (what the restored copy and the server both changed).
    @discardableResult
    public func settleRewind() throws -> Int {
        try queue.write { database in
            let table = VersionTable(database: database)
            var conflicts = 0
            for (key, seen) in try table.seenByRegister() {
                try table.forgetSeen(key)
                let current = try table.currentVersions(of: key)
                guard current.count > 1,
                    let own = current.first(where: { $0.change.version.author == replicaID })
                else { continue }
                let absorbed = current.filter { $0.sequence != own.sequence && seen.contains($0.hash) }
                if !absorbed.isEmpty {
                    var change = own.change
                    // `own` has never left this replica: it may take in what it had seen.
                    change.version.vector = absorbed.reduce(change.version.vector) {
                        $0.joined(with: $1.change.version.vector)
                    }
                    try table.replace(sequence: own.sequence, with: change)
                    for version in absorbed {
                        try table.moveToHistory(sequence: version.sequence, supersededBy: own.sequence)
                    }
                    try table.recountConflict(of: key)
                }
                if current.count - absorbed.count > 1 { conflicts += 1 }
            }
            return conflicts
        }
    }
}
