/// Counts describing a store, for `status` output.
public struct StoreStatistics: Hashable, Sendable {
    /// Current versions (siblings counted separately).
    public var versions: Int64
    /// Registers (fields) with at least one current version.
    public var registers: Int64
    /// Versions superseded and kept as history.
    public var superseded: Int64
    /// Registers with more than one current version.
    public var conflicts: Int64
    /// Highest store sequence given.
    public var lastSequence: Int64
}
