import Models

/// A register as a check outside the push transaction read it: the sequences of its current
/// versions, in order ([] when it held none). `ServerStore.push` takes the registers its checks
/// depended on and refuses to apply the batch when any of them changed before its transaction
/// began (`ObservedRegister.Changed`), so a survey closed or published again while a batch was
/// being checked never lets answers in that the survey as committed would refuse.
public struct ObservedRegister: Sendable, Equatable {
    public let key: RecordKey
    /// Sequences of the current versions as read, ascending.
    public let sequences: [Int64]

    public init(key: RecordKey, sequences: [Int64]) {
        self.key = key
        self.sequences = sequences
    }

    /// Thrown by `ServerStore.push` (nothing applied) when an observed register changed since
    /// it was read: check the batch again against what is committed now.
    public struct Changed: Error, Sendable {
        public let key: RecordKey
    }
}
