/// A ZIP archive of stored (uncompressed) entries, the container of an XLSX file. Entries get a
/// fixed date (1980-01-01) so the same content always gives the same bytes. Entry names are
/// UTF-8 (flag bit 11). Sizes stay below 4 GiB (no ZIP64): reports are far smaller.
public struct ZipWriter {
    private var data: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    public init() {}

    public mutating func add(_ name: String, _ content: [UInt8]) {
        precondition(content.count < Int(UInt32.max) && data.count < Int(UInt32.max), "no ZIP64")
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(content)
        let offset = UInt32(data.count)
        // Local file header: signature, version needed, flags (UTF-8 names), method (stored).
        data += Self.le32(0x0403_4B50) + Self.le16(20) + Self.le16(0x0800) + Self.le16(0)
        data += Self.le16(0) + Self.le16(0x21)  // time 00:00, date 1980-01-01
        data += Self.le32(crc) + Self.le32(UInt32(content.count)) + Self.le32(UInt32(content.count))
        data += Self.le16(UInt16(nameBytes.count)) + Self.le16(0) + nameBytes + content
        // Central directory entry.
        central += Self.le32(0x0201_4B50) + Self.le16(20) + Self.le16(20) + Self.le16(0x0800) + Self.le16(0)
        central += Self.le16(0) + Self.le16(0x21)
        central += Self.le32(crc) + Self.le32(UInt32(content.count)) + Self.le32(UInt32(content.count))
        central += Self.le16(UInt16(nameBytes.count)) + Self.le16(0) + Self.le16(0)  // name, extra, comment
        central += Self.le16(0) + Self.le16(0) + Self.le32(0)  // disk, internal and external attributes
        central += Self.le32(offset) + nameBytes
        count += 1
    }

    /// The finished archive.
    public func bytes() -> [UInt8] {
        let end =
            Self.le32(0x0605_4B50) + Self.le16(0) + Self.le16(0) + Self.le16(UInt16(count)) + Self.le16(UInt16(count))
            + Self.le32(UInt32(central.count)) + Self.le32(UInt32(data.count)) + Self.le16(0)
        return data + central + end
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
}
