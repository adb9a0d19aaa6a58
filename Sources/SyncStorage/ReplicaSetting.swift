/// Settings a replica keeps beside its data (in `store_info`), so one file is the whole replica.
public struct ReplicaSetting: RawRepresentable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The scope this replica works for: a municipality code, or `shared` for the advisor.
    public static let scope = ReplicaSetting(rawValue: "scope")
    /// The role the server gave this replica's token (`staff`, `advisor`, `admin`), stored by
    /// `renkei login`.
    public static let role = ReplicaSetting(rawValue: "role")
    /// The municipalities this replica's advisor may enter survey answers for (codes separated by
    /// commas), as the server said at the last login or sync.
    public static let onBehalf = ReplicaSetting(rawValue: "on_behalf")
    /// The user name recorded on every local write.
    public static let user = ReplicaSetting(rawValue: "user")
    /// The server URL to sync with.
    public static let server = ReplicaSetting(rawValue: "server")
    /// The server database's epoch seen at the last sync (a change means it was restored).
    public static let serverEpoch = ReplicaSetting(rawValue: "server_epoch")
    /// When the last sync round completed, in Unix milliseconds.
    public static let lastSync = ReplicaSetting(rawValue: "last_sync")
    /// The highest push number given to a batch (`PushBatch.number`).
    public static let pushNumber = ReplicaSetting(rawValue: "push_number")
    /// Replica ids this replica used before, oldest first, separated by spaces: it continued
    /// under a new id after being restored from an old copy of itself.
    public static let previousReplicas = ReplicaSetting(rawValue: "previous_replicas")
}
