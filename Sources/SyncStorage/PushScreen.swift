import Models

/// What the server store holds of a register when a pushed change for it arrives, handed to the
/// server's authority checks inside the push transaction.
public struct StoredRegister: Sendable {
    /// The register's scope; nil when the register has never been written.
    public let scope: Scope?
    /// The join of its current versions' vectors: everything the server has seen of it (the empty
    /// vector for a new register).
    public let vector: VersionVector
}

/// The server's verdict on one pushed change, given the change, its position in the batch and
/// what the store holds of its register. Throwing from a screen aborts the whole batch.
public enum PushScreening: Sendable {
    /// Merge it with the merge rule.
    case merge
    /// Refuse this change alone; the rest of the batch goes on.
    case reject(RejectedChange)
}

/// A screen run on every change of a push that was not refused beforehand.
public typealias PushScreen = (_ index: Int, _ change: Change, _ stored: StoredRegister) throws -> PushScreening
