import Glibc
import Models

/// Which keys of a batch the store may already hold, learnt with one read of the key index
/// before the batch is applied, so that `VersionTable.apply` looks up only those.
///
/// A batch's keys usually lie together in key order (one municipality's answers to one item, a
/// page of a pull): for each group of records with one parent, the index between the group's
/// smallest and largest key is read once, up to a quarter as many entries as the group has
/// changes. A key not among them was not in the store when the batch began, and unless the
/// batch wrote it before, it is not there now: its lookup (an index probe that finds nothing)
/// is skipped. When a range holds more entries than that, every key of its group is looked
/// up, as without a filter.
///
/// Keys are compared by a 64-bit fingerprint of their bytes (`fingerprint`), not as strings:
/// two keys that share one only cost a lookup that was not needed, never a missed one.
///
/// Invariant: `mayHold(key)` is true for every key with a current version in the store at the
/// time of the call, provided every version written since `read` came from `apply` of a change
/// that went through `mayHold` first.
struct StoredKeys {
    /// Fingerprints of the keys of the batch's ranges the store held before the batch, and of
    /// every key of a crowded group; nil: unknown (every key may be held).
    private let held: Set<UInt64>?
    /// Fingerprints of the keys asked about so far (a batch may write one key twice).
    private var asked: Set<UInt64> = []

    /// A filter that knows nothing: every key may be held.
    static let unknown = StoredKeys(held: nil, expected: 0)

    private init(held: Set<UInt64>?, expected: Int) {
        self.held = held
        asked.reserveCapacity(expected)
    }

    /// Whether the store may hold a current version of `key`; records that `key` was asked
    /// about (from now on it may be held: the batch may write it).
    mutating func mayHold(_ key: RecordKey) -> Bool {
        guard let held else { return true }
        let print = Self.fingerprint(key)
        if !held.isEmpty, held.contains(print) { return true }
        return !asked.insert(print).inserted
    }

    /// Reads, from `table`'s key index, the keys near `changes`' keys: for each group of
    /// changes whose records share a parent (`parent`), the keys between the group's smallest
    /// and largest, if there are at most a quarter as many as the group has changes. A group
    /// whose range holds more (mostly keys the batch does not write, or keys it revises:
    /// reading more would cost more than the lookups it could save) has its keys looked up.
    /// A batch of many small groups (more than one per `changesPerGroup` changes) is looked up
    /// key by key (`unknown`).
    static func read(for changes: [Change], in table: VersionTable) throws -> StoredKeys {
        var groups: [UInt64: Group] = [:]
        for change in changes {
            let parent = parent(of: change.key)
            if groups[parent]?.add(change.key) == nil { groups[parent] = Group(change.key) }
        }
        guard !groups.isEmpty, groups.count <= max(1, changes.count / changesPerGroup) else { return .unknown }
        var held: Set<UInt64> = []
        var crowded: Set<UInt64> = []
        for (parent, group) in groups {
            let read = try table.keyFingerprints(
                from: group.lowest, through: group.highest, atMost: group.count / 4, into: &held)
            if !read { crowded.insert(parent) }
        }
        // Every group crowded (revisions, keys all over the index): nothing to skip, and no
        // fingerprints to take per change.
        if crowded.count == groups.count { return .unknown }
        // A crowded group's keys count as held: each is looked up.
        if !crowded.isEmpty {
            for change in changes where crowded.contains(parent(of: change.key)) {
                held.insert(fingerprint(change.key))
            }
        }
        return StoredKeys(held: held, expected: changes.count)
    }

    /// A batch with more groups than one per this many changes is not worth reading ahead.
    static let changesPerGroup = 16

    /// The changes of one batch whose records share a parent: how many, the smallest and the
    /// largest key in index order.
    private struct Group {
        var lowest: RecordKey
        var highest: RecordKey
        var count = 1

        init(_ key: RecordKey) {
            (lowest, highest) = (key, key)
        }

        mutating func add(_ key: RecordKey) {
            count += 1
            if IndexOrder.precedes(key, lowest) { lowest = key }
            if IndexOrder.precedes(highest, key) { highest = key }
        }
    }

    /// A fingerprint of the key's collection and its record up to the last `/` (an answer's
    /// survey and municipality and item: `osaka-dx-2025/271004/T01/`): keys of one parent lie
    /// together in the index.
    static func parent(of key: RecordKey) -> UInt64 {
        var hash = FNV1a()
        hash.add(part: key.collection)
        var record = key.record
        record.withUTF8 { bytes in
            let end = bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1
            hash.add(part: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<(end + 1)])))
        }
        return hash.value
    }

    /// FNV-1a over the key's three texts, each followed by a 0 byte (which no text holds,
    /// `RecordKey` refuses control characters).
    static func fingerprint(_ key: RecordKey) -> UInt64 {
        var hash = FNV1a()
        hash.add(part: key.collection)
        hash.add(part: key.record)
        hash.add(part: key.field)
        return hash.value
    }

    /// 64-bit FNV-1a, fed piece by piece.
    struct FNV1a {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        /// Adds one text of a key and the 0 byte that ends it.
        mutating func add(part: String) {
            var text = part
            text.withUTF8 { add(part: UnsafeRawBufferPointer($0)) }
        }

        /// Adds one text of a key, as bytes, and the 0 byte that ends it.
        mutating func add(part bytes: UnsafeRawBufferPointer) {
            for byte in bytes { add(byte) }
            add(0)
        }

        mutating func add(_ byte: UInt8) {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
    }
}

/// The order of SQLite's key index on (collection, record, field): each text compared by its
/// UTF-8 bytes (the BINARY collation), a prefix before what it begins.
enum IndexOrder {
    /// Whether `left` comes before `right` in the index.
    static func precedes(_ left: RecordKey, _ right: RecordKey) -> Bool {
        let collection = compare(left.collection, right.collection)
        if collection != 0 { return collection < 0 }
        let record = compare(left.record, right.record)
        if record != 0 { return record < 0 }
        return compare(left.field, right.field) < 0
    }

    /// Whether the two keys are one key of the index: the same bytes in each part.
    static func same(_ left: RecordKey, _ right: RecordKey) -> Bool {
        compare(left.field, right.field) == 0 && compare(left.record, right.record) == 0
            && compare(left.collection, right.collection) == 0
    }

    /// Negative, zero or positive as `left`'s UTF-8 bytes come before, equal or after `right`'s.
    static func compare(_ left: String, _ right: String) -> Int {
        var left = left
        var right = right
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                let common = min(leftBytes.count, rightBytes.count)
                if common > 0, let a = leftBytes.baseAddress, let b = rightBytes.baseAddress {
                    let bytes = Int(memcmp(a, b, common))
                    if bytes != 0 { return bytes }
                }
                return leftBytes.count - rightBytes.count
            }
        }
    }
}
