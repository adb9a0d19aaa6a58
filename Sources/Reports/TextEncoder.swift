import Glibc
import Localization

/// Turns report text into bytes: UTF-8 with a byte order mark, or CP932 (Windows-31J, what
/// Japanese Excel assumes for CSV without a BOM) through iconv. CP932 cannot hold every
/// character: encoding then fails, naming the character and where it is.
public enum TextEncoder: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case cp932

    public func encode(_ text: String) throws(EncodingError) -> [UInt8] {
        switch self {
        case .utf8: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .cp932: return try Self.cp932(text)
        }
    }

    static func cp932(_ text: String) throws(EncodingError) -> [UInt8] {
        let converter = iconv_open("CP932", "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { throw EncodingError.unavailable("CP932") }
        defer { iconv_close(converter) }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var line = 1
        var column = 0
        // Character by character, so a failure can say which one.
        for character in text {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 0
            } else {
                column += 1
            }
            var input = Array(character.utf8).map { CChar(bitPattern: $0) }
            var buffer = [CChar](repeating: 0, count: 16)
            let produced: Int = input.withUnsafeMutableBufferPointer { inputBuffer in
                buffer.withUnsafeMutableBufferPointer { outputBuffer in
                    var inPointer: UnsafeMutablePointer<CChar>? = inputBuffer.baseAddress
                    var inLeft = inputBuffer.count
                    var outPointer: UnsafeMutablePointer<CChar>? = outputBuffer.baseAddress
                    var outLeft = outputBuffer.count
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return result == -1 || inLeft != 0 ? -1 : outputBuffer.count - outLeft
                }
            }
            guard produced >= 0 else {
                throw EncodingError.unrepresentable(character: character, line: line, column: column)
            }
            output += buffer[0..<produced].map { UInt8(bitPattern: $0) }
        }
        return output
    }
}

/// Why report text could not be encoded.
public enum EncodingError: Error, Equatable, CustomStringConvertible {
    case unavailable(String)
    /// A character the encoding cannot hold (e.g. 𠮷 or an emoji in CP932).
    case unrepresentable(character: Character, line: Int, column: Int)

    public var description: String {
        switch self {
        case .unavailable(let name): return localized("report.encoding.unavailable", ["name": name])
        case .unrepresentable(let character, let line, let column):
            let code = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }
                .joined(separator: " ")
            let values: [String: Any] = ["character": character, "code": code, "line": line, "column": column]
            return localized("report.encoding.unrepresentable", values)
        }
    }
}
