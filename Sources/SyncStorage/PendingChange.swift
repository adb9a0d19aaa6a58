import Models

/// A local version waiting in the outbox to be acknowledged by the server.
public struct PendingChange: Hashable, Sendable {
    /// The version's sequence in the replica's store; pass it to `acknowledge`.
    public let sequence: Int64
    public let change: Change
}
