import Models

/// What the server store and the replica store have in common, and what their shared contract
/// test suite checks: merging versions and reading them back in store-sequence order.
public protocol VersionStore: Sendable {
    /// Merges `changes` in one transaction (all or nothing) with the shared `MergeRule`.
    func apply(_ changes: [Change]) throws -> ApplySummary
    /// Current versions stored after `sequence`, at most `limit`, in sequence order.
    func changes(since sequence: Int64, limit: Int) throws -> PullResponse
    /// The current siblings of `key`.
    func register(for key: RecordKey) throws -> Register
    /// The current versions of `key` as stored (canonical change JSON, undecoded), in sequence order.
    func storedChanges(for key: RecordKey) throws -> [StoredChange]
    /// Superseded versions of `key`, oldest first.
    func history(for key: RecordKey) throws -> [Version]
    /// Every register as canonical JSON lines, in key order.
    func canonicalDump() throws -> [UInt8]
    /// Keys of registers with more than one current version, in key order.
    func conflictedKeys() throws -> [RecordKey]
    /// Counts of versions, registers, history and conflicts.
    func statistics() throws -> StoreStatistics
}
