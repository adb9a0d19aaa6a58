import ZlibCoding

/// Raw DEFLATE (RFC 1951, as in ZIP method 8) and CRC-32 for ZIP entries, never producing more
/// than the entry declares (`Zlib`).
enum Inflater {
    /// The bytes `input` inflates to, which must be exactly `expectedSize` bytes: inflation
    /// stops as soon as the output would pass `expectedSize`, so a lying size costs at most one
    /// 64 KiB chunk more. `entry` names the ZIP entry in errors.
    static func inflate(_ input: ArraySlice<UInt8>, expectedSize: Int, entry: String) throws(WorkbookError) -> [UInt8] {
        let output: [UInt8]
        do {
            output = try Zlib.inflate(input, format: .raw, limit: expectedSize).bytes
        } catch {
            switch error {
            case .tooLong:
                throw .corrupt(entry: entry, reason: "inflates to more than the \(expectedSize) bytes declared")
            case .truncated:
                throw .corrupt(entry: entry, reason: "the compressed data ends early")
            case .invalid(let message):
                throw .corrupt(entry: entry, reason: "invalid compressed data (\(message))")
            }
        }
        guard output.count == expectedSize else {
            throw .corrupt(entry: entry, reason: "inflates to \(output.count) bytes, not the \(expectedSize) declared")
        }
        return output
    }

    /// The CRC-32 of `bytes` (ZIP's checksum), computed by zlib.
    static func crc32(_ bytes: [UInt8]) -> UInt32 { Zlib.crc32(bytes) }
}
