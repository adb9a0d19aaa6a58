import Models

/// A local version the server refused for good, set aside by `ReplicaStore.acknowledge`: it
/// stays in the replica (so nothing typed is lost) but is no longer sent, until it is retried
/// after a fix or dropped.
public struct RejectedVersion: Sendable {
    /// Its local sequence: the id `renkei rejected retry|drop` take.
    public let sequence: Int64
    public let change: Change
    /// The server's reason code (`invalid_answer`, `survey_closed`, …) and message.
    public let code: String
    public let message: String
    /// When the server refused it, Unix milliseconds.
    public let rejectedAt: Int64
}
