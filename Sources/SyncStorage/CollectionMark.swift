import Models

/// What one collection's current versions are at a moment, in three numbers: how many, and the
/// sum and the highest of their sequences. Any write to the collection changes it: a new version
/// takes a sequence above all others; one removed (a revert, which may bring back older ones)
/// changes the count or the sum.
///
/// The server reads the mark of `surveys` before it judges a batch's answers, and
/// `ServerStore.push` compares it inside its transaction (`CollectionMark.Changed`): a survey
/// closed, published again or deleted while a batch was being checked never lets answers in that
/// the survey as committed would refuse. One read of the collection's rows of the key index,
/// whatever the batch (a batch naming 10,000 survey ids costs the transaction no more than one
/// naming one).
///
/// Only when the collection moved does the transaction look further: with `readKeys` (the
/// fields the judgement read, and the sequences of their current versions then), the verdicts
/// still hold when none of those fields changed. Since 0.27: before, any write to `surveys`
/// (the advisor editing another survey's title) had every batch with answers judged again, and
/// a fourth outside review, writing without a pause, had 3 to 5 of 8 honest batches answered 503
/// after three judgements.
public struct CollectionMark: Sendable, Equatable {
    public let collection: String
    public let count: Int64
    public let sequenceSum: Int64
    public let highestSequence: Int64
    /// The fields of the collection the judgement read, each with the sequences of its current
    /// versions as read (ascending; empty: none then). Nil: unknown, any change of the
    /// collection counts.
    public var readKeys: [RecordKey: [Int64]]?

    /// Whether the collection has the same current versions as `other` (`readKeys` aside).
    func sameVersions(as other: CollectionMark) -> Bool {
        collection == other.collection && count == other.count && sequenceSum == other.sequenceSum
            && highestSequence == other.highestSequence
    }

    /// Thrown by `ServerStore.push` (nothing applied) when the collection changed since its mark
    /// was read: judge the batch again against what is committed now.
    public struct Changed: Error, Sendable {
        public let collection: String
    }
}
