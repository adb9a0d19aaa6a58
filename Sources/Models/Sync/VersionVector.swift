import Localization

/// A per-register version vector: for each replica, how many of its writes to this register
/// the version has seen.
///
/// Invariants: entries are sorted by replica, each replica appears once, counters are at least 1
/// (a missing replica means 0). Two equal vectors therefore have equal entries, so the stored
/// and serialised forms are canonical.
public struct VersionVector: Hashable, Sendable {
    /// One replica's counter.
    public struct Entry: Hashable, Sendable {
        public let replica: ReplicaID
        /// Number of writes of `replica` seen; at least 1.
        public let counter: UInt64

        public init(replica: ReplicaID, counter: UInt64) {
            self.replica = replica
            self.counter = counter
        }
    }

    /// Sorted by replica, no duplicates, no zero counters.
    public private(set) var entries: [Entry]

    /// The empty vector: has seen nothing.
    public init() { entries = [] }

    /// Builds a vector from `entries` (counters at least 1) in any order: as they are when
    /// already sorted by replica without duplicates (as every canonical vector comes), else
    /// through `init(validating:)`.
    ///
    /// - Throws: `ModelError.invalidField` when a replica appears twice.
    init(validatingEntries entries: [Entry]) throws(ModelError) {
        var index = 1
        while index < entries.count, entries[index - 1].replica < entries[index].replica { index += 1 }
        if index >= entries.count {
            self.init(canonical: entries)
        } else {
            try self.init(validating: entries.lazy.map { ($0.replica, $0.counter) })
        }
    }

    /// A vector of entries already sorted by replica, without duplicates or zero counters.
    private init(canonical entries: [Entry]) {
        self.entries = entries
    }

    /// Builds a vector from pairs in any order; zero counters are dropped.
    ///
    /// - Throws: `ModelError.invalidField` when a replica appears twice.
    public init(validating pairs: some Sequence<(ReplicaID, UInt64)>) throws(ModelError) {
        var sorted = pairs.filter { $0.1 > 0 }.map { Entry(replica: $0.0, counter: $0.1) }
        sorted.sort { $0.replica < $1.replica }
        for index in sorted.indices.dropFirst() where sorted[index].replica == sorted[index - 1].replica {
            throw .invalidField(
                path: "vector", reason: localized("model.vector.duplicate", ["replica": sorted[index].replica]))
        }
        entries = sorted
    }

    /// The counter of `replica`; 0 when it is absent.
    public subscript(replica: ReplicaID) -> UInt64 {
        for entry in entries where entry.replica == replica { return entry.counter }
        return 0
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Compares two vectors in the causal order.
    ///
    /// - Complexity: O(n + m), one walk over both sorted entry lists.
    public func compare(_ other: VersionVector) -> VersionOrdering {
        let lhs = entries
        let rhs = other.entries
        var selfAhead = false  // self has a counter the other has not reached
        var otherAhead = false
        var i = 0
        var j = 0
        while i < lhs.count && j < rhs.count {
            let a = lhs[i]
            let b = rhs[j]
            if a.replica == b.replica {
                if a.counter > b.counter { selfAhead = true } else if a.counter < b.counter { otherAhead = true }
                i += 1
                j += 1
            } else if a.replica < b.replica {
                selfAhead = true
                i += 1
            } else {
                otherAhead = true
                j += 1
            }
            if selfAhead && otherAhead { return .concurrent }
        }
        if i < lhs.count { selfAhead = true }
        if j < rhs.count { otherAhead = true }
        switch (selfAhead, otherAhead) {
        case (false, false): return .equal
        case (true, false): return .after
        case (false, true): return .before
        case (true, true): return .concurrent
        }
    }

    /// The least vector that has seen everything both have seen (pointwise maximum).
    ///
    /// - Complexity: O(n + m).
    public func joined(with other: VersionVector) -> VersionVector {
        if other.entries.isEmpty { return self }
        if entries.isEmpty { return other }
        var result: [Entry] = []
        result.reserveCapacity(max(entries.count, other.entries.count))
        var i = 0
        var j = 0
        while i < entries.count && j < other.entries.count {
            let a = entries[i]
            let b = other.entries[j]
            if a.replica == b.replica {
                result.append(a.counter >= b.counter ? a : b)
                i += 1
                j += 1
            } else if a.replica < b.replica {
                result.append(a)
                i += 1
            } else {
                result.append(b)
                j += 1
            }
        }
        result.append(contentsOf: entries[i...])
        result.append(contentsOf: other.entries[j...])
        var vector = VersionVector()
        vector.entries = result
        return vector
    }

    /// This vector with `replica`'s counter one higher: the vector of a new local write.
    public func incremented(for replica: ReplicaID) -> VersionVector {
        var copy = self
        if let index = copy.entries.firstIndex(where: { $0.replica >= replica }), copy.entries[index].replica == replica
        {
            copy.entries[index] = Entry(replica: replica, counter: copy.entries[index].counter + 1)
        } else {
            let index = copy.entries.firstIndex(where: { $0.replica > replica }) ?? copy.entries.endIndex
            copy.entries.insert(Entry(replica: replica, counter: 1), at: index)
        }
        return copy
    }

    /// A total order used only to list siblings in a canonical order (lexicographic over the
    /// entries). It says nothing about causality; use `compare(_:)` for that.
    public func canonicallyPrecedes(_ other: VersionVector) -> Bool {
        for (a, b) in zip(entries, other.entries) {
            if a.replica != b.replica { return a.replica < b.replica }
            if a.counter != b.counter { return a.counter < b.counter }
        }
        return entries.count < other.entries.count
    }
}

extension VersionVector: CustomStringConvertible {
    /// E.g. `[0f3a…:3, 9b21…:1]` (replica ids shortened to 8 digits).
    public var description: String {
        "[" + entries.map { "\($0.replica.hex.prefix(8)):\($0.counter)" }.joined(separator: ", ") + "]"
    }
}
