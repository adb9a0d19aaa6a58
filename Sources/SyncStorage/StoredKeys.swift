import Glibc
import Models

/// Which keys of a batch the store may already hold, learnt with one read of the key index
/// before the batch is applied, so that `VersionTable.apply` looks up only those.
///
/// A batch's keys usually lie together in key order (one municipality's answers, a page of
/// a pull): the index between the batch's smallest and largest key is read once, up to a
/// quarter as many entries as the batch has changes. A key not among them was not in the store when the batch
/// began, and unless the batch wrote it before, it is not there now: its lookup (an index
/// probe that finds nothing) is skipped. When the range holds more entries than that, every
/// key is looked up, as without a filter.
///
/// Keys are compared by a 64-bit fingerprint of their bytes (`fingerprint`), not as strings:
/// two keys that share one only cost a lookup that was not needed, never a missed one.
///
/// Invariant: `mayHold(key)` is true for every key with a current version in the store at the
/// time of the call, provided every version written since `read` came from `apply` of a change
/// that went through `mayHold` first.
struct StoredKeys {
    /// Fingerprints of the keys of the batch's range the store held before the batch; nil:
    /// unknown (every key may be held).
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

    /// Reads, from `table`'s key index, the keys between the smallest and the largest of
    /// `changes`' keys, if there are at most a quarter as many as changes; `unknown` otherwise
    /// (the range is then mostly keys the batch does not write, or keys it revises: reading
    /// more of it would cost more than the lookups it could save).
    static func read(for changes: [Change], in table: VersionTable) throws -> StoredKeys {
        guard var lowest = changes.first?.key else { return .unknown }
        var highest = lowest
        for change in changes.dropFirst() {
            if IndexOrder.precedes(change.key, lowest) { lowest = change.key }
            if IndexOrder.precedes(highest, change.key) { highest = change.key }
        }
        guard let held = try table.keyFingerprints(from: lowest, through: highest, atMost: changes.count / 4) else {
            return .unknown
        }
        return StoredKeys(held: held, expected: changes.count)
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
