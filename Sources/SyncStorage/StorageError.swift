import Models

/// What can go wrong with a Renkei database beyond a single SQL statement.
public enum StorageError: Error, CustomStringConvertible {
    /// The file exists but is not an SQLite database (or its header is damaged).
    case notADatabase(path: String)
    /// The file is an SQLite database of another program, or a Renkei database of the other kind
    /// (a replica opened as server data, or the reverse).
    case foreignDatabase(path: String, detail: String)
    /// The database was written by a newer Renkei: it has migrations this build does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// The file could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// No replica has been set up at this path yet.
    case missingReplica(path: String)
    /// A change claims a different scope than the register already has.
    case scopeMismatch(key: RecordKey, stored: String, claimed: Scope)
    /// A stored row cannot be read back (damaged or edited by hand).
    case corruptRecord(sequence: Int64, reason: String)
    /// A push from a replica id that another user's token used first.
    case replicaOwned(replica: ReplicaID, owner: String)
    /// A new push batch numbered `number` from a replica whose batches up to `acknowledged`
    /// were applied already: the replica was restored from an older copy of itself.
    case replicaRewound(replica: ReplicaID, number: Int64, acknowledged: Int64)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "\(path) is not a Renkei database (not an SQLite file, or a damaged one)"
        case .foreignDatabase(let path, let detail):
            return "\(path) is not a Renkei database of the expected kind: \(detail)"
        case .newerSchema(let path, let unknown):
            return
                "\(path) was written by a newer version of Renkei (unknown migrations: \(unknown.joined(separator: ", "))); upgrade Renkei"
        case .cannotOpen(let path, let reason):
            return "cannot open \(path): \(reason)"
        case .missingReplica(let path):
            return "no replica at \(path)"
        case .scopeMismatch(let key, let stored, let claimed):
            return "\(key) belongs to scope \(stored), not \(claimed)"
        case .corruptRecord(let sequence, let reason):
            return "stored version \(sequence) cannot be read: \(reason)"
        case .replicaOwned(let replica, _):
            return "replica \(replica.hex) belongs to another user"
        case .replicaRewound(let replica, let number, let acknowledged):
            return
                "replica \(replica.hex) sent a new batch numbered \(number), but batches up to \(acknowledged) were applied: it was restored from an older copy of itself"
        }
    }
}
