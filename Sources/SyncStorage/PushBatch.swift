import Models

/// Local versions sent together under one batch name; the name stays the same on every retry
/// until the server acknowledges the batch.
public struct PushBatch: Hashable, Sendable {
    /// Unique per replica, 1-64 characters (a lowercase UUID).
    public let name: String
    /// The push number sent with it (`PushRequest.number`): one more than the replica's
    /// previous batch, the same on every retry. Nil for a batch opened before numbers existed.
    public let number: Int64?
    /// Each change's canonical wire JSON as stored: sent as it is, never decoded on the way out.
    public let changesJSON: [[UInt8]]
    /// The local sequence of each change, in the same order.
    public let sequences: [Int64]

    /// Number of changes in the batch.
    public var count: Int { changesJSON.count }

    /// The changes, decoded (for inspection; sending uses `changesJSON`).
    public func changes() throws -> [Change] {
        try changesJSON.map { bytes throws(ModelError) in try Change(decoding: bytes) }
    }
}
