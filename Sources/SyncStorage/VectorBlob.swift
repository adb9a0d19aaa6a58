import Models

/// The stored form of a `VersionVector`: 24 bytes per entry (replica high 8, low 8, counter 8,
/// all big-endian), in the vector's canonical order. Compact and fast to compare on read.
enum VectorBlob {
    static let entrySize = 24

    static func encode(_ vector: VersionVector, into bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
        for entry in vector.entries {
            append(entry.replica.high, to: &bytes)
            append(entry.replica.low, to: &bytes)
            append(entry.counter, to: &bytes)
        }
    }

    static func decode(_ buffer: UnsafeRawBufferPointer) -> VersionVector? {
        guard buffer.count % entrySize == 0 else { return nil }
        var pairs: [(ReplicaID, UInt64)] = []
        pairs.reserveCapacity(buffer.count / entrySize)
        var offset = 0
        while offset < buffer.count {
            let high = read(buffer, offset)
            let low = read(buffer, offset + 8)
            pairs.append((ReplicaID(high: high, low: low), read(buffer, offset + 16)))
            offset += entrySize
        }
        return try? VersionVector(validating: pairs)
    }

    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var bigEndian = value.bigEndian
        withUnsafeBytes(of: &bigEndian) { bytes.append(contentsOf: $0) }
    }

    private static func read(_ buffer: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(bigEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
