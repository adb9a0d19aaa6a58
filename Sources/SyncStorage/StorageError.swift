import Localization
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

    /// In the language of the process.
    public var description: String { description(in: Language.current) }

    /// The description in `language` (the server's error bodies are English).
    public func description(in language: Language) -> String {
        switch self {
        case .notADatabase(let path):
            return localized("storage.not.a.database", ["path": path], in: language)
        case .foreignDatabase(let path, let detail):
            return localized("storage.foreign.database", ["path": path, "detail": detail], in: language)
        case .newerSchema(let path, let unknown):
            let values: [String: Any] = ["path": path, "migrations": unknown.joined(separator: ", ")]
            return localized("storage.newer.schema", values, in: language)
        case .cannotOpen(let path, let reason):
            return localized("storage.cannot.open", ["path": path, "reason": reason], in: language)
        case .missingReplica(let path):
            return localized("storage.missing.replica", ["path": path], in: language)
        case .scopeMismatch(let key, let stored, let claimed):
            let values: [String: Any] = ["key": key, "stored": stored, "claimed": claimed]
            return localized("storage.scope.mismatch", values, in: language)
        case .corruptRecord(let sequence, let reason):
            return localized("storage.corrupt.record", ["sequence": sequence, "reason": reason], in: language)
        case .replicaOwned(let replica, _):
            return localized("storage.replica.owned", ["replica": replica.hex], in: language)
        case .replicaRewound(let replica, let number, let acknowledged):
            let values: [String: Any] = ["replica": replica.hex, "number": number, "acknowledged": acknowledged]
            return localized("storage.replica.rewound", values, in: language)
        }
    }
}
