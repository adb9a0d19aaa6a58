import Glibc

/// Bytes in CP932 (Windows-31J: what Japanese Excel writes as "CSV") as text, through iconv.
enum CP932Decoder {
    /// The text, or nil when the bytes are not CP932 (an invalid or cut-off double-byte sequence).
    static func decode(_ bytes: some Collection<UInt8>) -> String? {
        let converter = iconv_open("UTF-8", "CP932")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        // A CP932 character becomes at most 3 UTF-8 bytes.
        var output = [CChar](repeating: 0, count: input.count * 3 + 4)
        let produced: Int = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inPointer = inputBuffer.baseAddress
                var inLeft = inputBuffer.count
                var outPointer = outputBuffer.baseAddress
                var outLeft = outputBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return result == -1 || inLeft != 0 ? -1 : outputBuffer.count - outLeft
            }
        }
        guard produced >= 0 else { return nil }
        return String(validating: output[0..<produced].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
