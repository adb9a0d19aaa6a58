import Testing

@testable import ZlibCoding

@Suite struct ZlibTests {
    static let text = Array(String(repeating: "{\"collection\":\"answers\",\"value\":\"回答\"},", count: 2_000).utf8)

    @Test func gzipAndRawRoundTrip() throws {
        for format in [Zlib.Format.gzip, .raw] {
            let compressed = Zlib.deflate(Self.text, format: format)
            #expect(compressed.count * 10 < Self.text.count, "repetitive JSON shrinks")
            let inflated = try Zlib.inflate(compressed[...], format: format, limit: Self.text.count)
            #expect(inflated.bytes == Self.text && inflated.unusedInputBytes == 0)
        }
        // The gzip member is what gzip(1) writes: magic bytes, deflate, CRC-32 and length.
        let member = Zlib.deflate(Self.text, format: .gzip)
        #expect(member.prefix(3) == [0x1F, 0x8B, 0x08])
        #expect(Zlib.deflate([], format: .gzip).count > 0)
        #expect(try Zlib.inflate(Zlib.deflate([], format: .gzip)[...], format: .gzip, limit: 0).bytes.isEmpty)
    }

    /// A few kilobytes that inflate to 64 MiB stop at the limit, not at the end of the data.
    @Test func aBombStopsAtTheLimit() throws {
        let bomb = Zlib.deflate([UInt8](repeating: 0, count: 64 << 20), format: .gzip, level: 9)
        #expect(bomb.count < 100_000)
        #expect(throws: InflateError.tooLong(limit: 1 << 20)) {
            try Zlib.inflate(bomb[...], format: .gzip, limit: 1 << 20)
        }
        #expect(try Zlib.inflate(bomb[...], format: .gzip, limit: 64 << 20).bytes.count == 64 << 20)
    }

    /// The size a gzip member states at its end only sizes the output buffer: the output is
    /// filled in one buffer of about its size (no regrowth), and a false statement neither
    /// passes the limit nor changes what inflating gives.
    @Test func theStatedSizeSizesTheBufferAndIsNotTrusted() throws {
        let member = Zlib.deflate(Self.text, format: .gzip)
        let honest = try Zlib.inflate(member[...], format: .gzip, limit: 1 << 24)
        #expect(honest.bytes == Self.text)
        // Grown chunk by chunk, the buffer would have doubled past the size (about 1.3 times it).
        #expect(honest.bytes.capacity < Self.text.count + Self.text.count / 8, "capacity \(honest.bytes.capacity)")

        func stating(_ size: UInt32) -> [UInt8] {
            var forged = member
            for byte in 0..<4 {
                forged[forged.count - 4 + byte] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(byte)))
            }
            return forged
        }
        // zlib checks the stated size at the end: a false one fails the member, whatever it says.
        for size in [UInt32.max, 0, UInt32(Self.text.count - 1)] {
            #expect(throws: InflateError.self) { try Zlib.inflate(stating(size)[...], format: .gzip, limit: 1 << 20) }
        }
        // What the last four bytes say is only a claim: trailing bytes that claim 2 GiB size the
        // buffer no larger than the limit.
        let claimingMore = member + [0xFF, 0xFF, 0xFF, 0x7F]
        #expect(Zlib.Format.gzip.claimedInflatedSize(of: claimingMore[...]) == 0x7FFF_FFFF)
        #expect(Zlib.Format.raw.claimedInflatedSize(of: claimingMore[...]) == nil)
        let clamped = try Zlib.inflate(claimingMore[...], format: .gzip, limit: Self.text.count)
        #expect(clamped.bytes == Self.text && clamped.unusedInputBytes == 4)
        #expect(clamped.bytes.capacity < 2 * Self.text.count, "capacity \(clamped.bytes.capacity)")
        // A huge statement with a small limit still stops at the limit.
        #expect(throws: InflateError.tooLong(limit: 1_000)) {
            try Zlib.inflate(stating(UInt32.max)[...], format: .gzip, limit: 1_000)
        }
    }

    @Test func brokenDataIsRefusedWithItsReason() throws {
        let member = Zlib.deflate(Self.text, format: .gzip)
        #expect(throws: InflateError.truncated) {
            try Zlib.inflate(member.dropLast(10), format: .gzip, limit: Self.text.count)
        }
        var corrupted = member
        corrupted[corrupted.count - 6] ^= 0xFF  // the CRC-32
        #expect {
            try Zlib.inflate(corrupted[...], format: .gzip, limit: Self.text.count)
        } throws: { error in
            if case .invalid = error as? InflateError { return true } else { return false }
        }
        #expect {
            try Zlib.inflate(Self.text[...], format: .gzip, limit: Self.text.count)
        } throws: { error in
            if case .invalid = error as? InflateError { return true } else { return false }
        }
        // Bytes after the member are counted, for the caller to refuse.
        let trailing = try Zlib.inflate((member + [1, 2, 3])[...], format: .gzip, limit: Self.text.count)
        #expect(trailing.bytes == Self.text && trailing.unusedInputBytes == 3)
    }

    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(Zlib.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
