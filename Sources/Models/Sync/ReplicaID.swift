/// The identity of one replica: a random 128-bit value made at `renkei init`.
///
/// A reinstall makes a new replica with a new identifier, so counters of different installs
/// never collide. Written as 32 lowercase hexadecimal digits, e.g.
/// `0f3a9c1d5e7b2a4c8d6e0f1a2b3c4d5e`.
public struct ReplicaID: Hashable, Comparable, Sendable {
    /// The first 64 bits (most significant).
    public let high: UInt64
    /// The last 64 bits.
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// A fresh identifier from the operating system's random source.
    public static func random() -> ReplicaID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// An identifier drawn from `generator` (tests use a seeded generator).
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> ReplicaID {
        ReplicaID(high: generator.next(), low: generator.next())
    }

    /// Parses the 32-digit lowercase hexadecimal form.
    ///
    /// - Throws: `ModelError.invalidReplicaID` for any other text.
    public init(validating text: String) throws(ModelError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 32,
            let high = Self.parseHex(bytes[0..<16]),
            let low = Self.parseHex(bytes[16..<32])
        else { throw .invalidReplicaID(text) }
        self.init(high: high, low: low)
    }

    /// The id whose 32 lowercase hexadecimal digits are `digits` (the UTF-8 of `hex`), or nil:
    /// what `init(validating:)` accepts, read from bytes without making a `String`.
    public init?(hexDigits digits: ArraySlice<UInt8>) {
        guard digits.count == 32, let high = Self.parseHex(digits.prefix(16)),
            let low = Self.parseHex(digits.suffix(16))
        else { return nil }
        self.init(high: high, low: low)
    }

    private static func parseHex(_ digits: ArraySlice<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        for byte in digits {
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte &- UInt8(ascii: "a") &+ 10
            default: return nil
            }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }

    /// The 32-digit lowercase hexadecimal form.
    public var hex: String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            Self.writeHex(high, into: buffer, at: 0)
            Self.writeHex(low, into: buffer, at: 16)
            return 32
        }
    }

    /// Appends the hexadecimal form to `bytes` without making a `String`.
    public func appendHex(to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 32))
        bytes.withUnsafeMutableBufferPointer { buffer in
            Self.writeHex(high, into: buffer, at: start)
            Self.writeHex(low, into: buffer, at: start + 16)
        }
    }

    /// The lowercase hexadecimal digit of the low four bits of `value`.
    @inline(__always)
    private static func digit(_ value: UInt64) -> UInt8 {
        let nibble = UInt8(truncatingIfNeeded: value & 0xF)
        return nibble < 10 ? nibble &+ 0x30 : nibble &+ 0x57  // '0'... or 'a'...
    }

    private static func writeHex(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        for index in 0..<16 {
            buffer[start + index] = digit(value >> UInt64(60 - 4 * index))
        }
    }

    public static func < (lhs: ReplicaID, rhs: ReplicaID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}

extension ReplicaID: CustomStringConvertible {
    public var description: String { hex }
}
