/// A bearer token as the server issues it: `rk_` followed by 64 lowercase hexadecimal digits
/// (256 random bits). The server keeps only its SHA-256; the client keeps it in a file readable
/// by its owner only. `description` never shows the secret, so a token printed by mistake does
/// not leak.
public struct Token: Hashable, Sendable, CustomStringConvertible {
    /// What every token starts with (also how the log recognises one to mask it).
    public static let prefix = "rk_"
    /// Length of a token in bytes: the prefix and 64 hexadecimal digits.
    public static let length = 67
    /// The format, for messages.
    public static let format = "rk_ followed by 64 hexadecimal digits"

    /// The token as sent in `Authorization: Bearer …`.
    public let text: String

    /// The token `text` is, exactly (no white space around it); nil when it is not of the form.
    public init?(_ text: String) {
        guard text.hasPrefix(Self.prefix), text.utf8.count == Self.length,
            text.utf8.dropFirst(Self.prefix.utf8.count).allSatisfy({
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66)
            })
        else { return nil }
        self.text = text
    }

    /// A fresh token from the operating system's random source.
    public static func random() -> Token {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var bytes = Array(prefix.utf8)
        for _ in 0..<32 {
            let byte = UInt8.random(in: 0...255, using: &generator)
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return Token(String(decoding: bytes, as: UTF8.self))!
    }

    /// The value of the `Authorization` field.
    public var authorization: String { "Bearer \(text)" }

    public var description: String { "\(Self.prefix)…" }
}
