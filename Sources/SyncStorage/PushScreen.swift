import Models

/// What the server store holds of a register when a pushed change for it arrives, handed to the
/// server's authority checks inside the push transaction.
public struct StoredRegister: Sendable {
    /// The register's scope; nil when the register has never been written.
    public let scope: Scope?
    /// The join of its current versions' vectors: everything the server has seen of it (the empty
    /// vector for a new register).
    public let vector: VersionVector
    /// How many current versions it would have with the change merged (more than one are
    /// conflicting siblings); nil when the merge would ignore the change (known or superseded).
    public let versionsAfter: Int?
}

/// The server's verdict on one pushed change, given the change, its position in the batch and
/// what the store holds of its register. Throwing from a screen aborts the whole batch.
public enum PushScreening: Sendable {
    /// Merge it with the merge rule.
    case merge
    /// Refuse this change alone; the rest of the batch goes on.
    case reject(RejectedChange)
}

/// Reads registers inside a push transaction: what the store holds, with the changes of the same
/// batch merged so far. For the server's checks that depend on other registers (a survey's
/// submission state, a municipality's answers at submission).
public struct TransactionReader {
    let table: VersionTable
    /// The register read last, kept until a change is merged: changes refused one after the
    /// other for one field read it once (an outside review sent 10,000 such changes in a batch,
    /// each reading all 32 versions of the field: 1.7 s of the write lock).
    private let last = LastRegister()

    init(table: VersionTable) {
        self.table = table
    }

    /// The current siblings of `key` (empty when never written). The register read last is
    /// reused only for the same key byte for byte, as SQLite tells keys apart: Swift's `==`
    /// takes "é" and "e" + U+0301 for one key, the store holds two registers.
    public func register(for key: RecordKey) throws -> Register {
        if let memo = last.value, IndexOrder.same(memo.key, key) { return memo.register }
        let register = try table.register(for: key)
        last.value = (key, register)
        return register
    }

    /// Drops the register read last: the transaction is about to merge a change.
    func forgetLastRead() { last.value = nil }

    /// How many distinct records of `collection` start with `recordPrefix` (as stored with the
    /// batch merged so far), counted up to `limit`.
    public func recordCount(in collection: String, recordPrefix: String, upTo limit: Int) throws -> Int {
        try table.recordCount(collection: collection, recordPrefix: recordPrefix, upTo: limit)
    }

    /// Whether the store holds `key`'s record (any of its fields).
    public func holdsRecord(of key: RecordKey) throws -> Bool {
        try table.recordScope(of: key) != nil
    }

    /// Every register of `collection` with record `record` exactly (one per field), in key order.
    public func registers(in collection: String, record: String) throws -> [(
        key: RecordKey, scope: Scope, register: Register
    )] {
        try table.registers(collection: collection, record: record)
    }

    /// Every register of `collection` whose record starts with `recordPrefix`, in key order.
    public func registers(in collection: String, recordPrefix: String) throws -> [(
        key: RecordKey, scope: Scope, register: Register
    )] {
        try table.registers(collection: collection, recordPrefix: recordPrefix)
    }
}

/// `TransactionReader`'s last read: one transaction, one thread.
private final class LastRegister {
    var value: (key: RecordKey, register: Register)?
}

/// A screen run on every change of a push that was not refused beforehand.
public typealias PushScreen = (_ index: Int, _ change: Change, _ stored: StoredRegister, _ reader: TransactionReader)
    throws -> PushScreening
