import CZlib

/// Raw DEFLATE (RFC 1951, as in ZIP method 8) and CRC-32 through zlib, never producing more
/// than the caller expects.
enum Inflater {
    /// How one inflation ended.
    private enum Outcome {
        case finished
        case tooLong
        case truncated
        case invalid(String)
    }

    /// The bytes `input` inflates to, which must be exactly `expectedSize` bytes: inflation
    /// stops as soon as the output would pass `expectedSize`, so a lying size costs at most one
    /// 64 KiB chunk more. `entry` names the ZIP entry in errors.
    static func inflate(_ input: ArraySlice<UInt8>, expectedSize: Int, entry: String) throws(WorkbookError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt(entry: entry, reason: "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(expectedSize)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let outcome: Outcome = input.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress, let available = UInt32(exactly: source.count) else {
                return .truncated
            }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = available
            while true {
                let before = stream.avail_in
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, buffer.count - Int(stream.avail_out))
                }
                if produced > expectedSize - output.count { return .tooLong }
                output.append(contentsOf: chunk[..<produced])
                switch status {
                case Z_STREAM_END:
                    return .finished
                case Z_OK:
                    // zlib promises progress on Z_OK; never spin if it makes none.
                    if produced == 0 && stream.avail_in == before { return .truncated }
                case Z_BUF_ERROR:
                    return .truncated
                default:
                    return .invalid(stream.msg.map { String(cString: $0) } ?? "zlib error \(status)")
                }
            }
        }
        switch outcome {
        case .finished:
            guard output.count == expectedSize else {
                throw .corrupt(
                    entry: entry, reason: "inflates to \(output.count) bytes, not the \(expectedSize) declared")
            }
            return output
        case .tooLong:
            throw .corrupt(entry: entry, reason: "inflates to more than the \(expectedSize) bytes declared")
        case .truncated:
            throw .corrupt(entry: entry, reason: "the compressed data ends early")
        case .invalid(let message):
            throw .corrupt(entry: entry, reason: "invalid compressed data (\(message))")
        }
    }

    /// The CRC-32 of `bytes` (ZIP's checksum), computed by zlib.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc = CZlib.crc32(0, nil, 0)
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let length = min(buffer.count - offset, 1 << 30)
                crc = CZlib.crc32(crc, base + offset, UInt32(length))
                offset += length
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
