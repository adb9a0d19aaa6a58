/// Local versions sent together under one batch name; the name stays the same on every retry
/// until the server acknowledges the batch.
public struct PushBatch: Hashable, Sendable {
    /// Unique per replica, 1-64 characters (a lowercase UUID).
    public let name: String
    public let changes: [PendingChange]
}
