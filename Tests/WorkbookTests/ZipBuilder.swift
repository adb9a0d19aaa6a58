@testable import Workbook

/// Builds ZIP archives by hand, byte by byte, so tests can make exactly the odd or broken
/// archive they need: stored entries, pre-compressed ones, data descriptors, wrong CRCs.
struct ZipBuilder {
    /// One entry as it will be written.
    struct Entry {
        var name: String
        /// The bytes stored in the archive (compressed when `method` is 8).
        var data: [UInt8]
        var method: UInt16 = 0
        var crc: UInt32
        var uncompressedSize: UInt32
        /// General-purpose flags; bit 11 (UTF-8 names) by default.
        var flags: UInt16 = 0x0800
        /// Writes sizes and CRC as zero in the local header, then a data descriptor after the
        /// data (and sets flag bit 3).
        var dataDescriptor = false
    }

    var entries: [Entry] = []

    /// Adds `content` stored (method 0).
    mutating func store(_ name: String, _ content: [UInt8], dataDescriptor: Bool = false) {
        entries.append(
            Entry(
                name: name, data: content, crc: Inflater.crc32(content), uncompressedSize: UInt32(content.count),
                dataDescriptor: dataDescriptor))
    }

    /// Adds `text` stored, as UTF-8.
    mutating func store(_ name: String, _ text: String) { store(name, Array(text.utf8)) }

    /// The archive.
    func bytes() -> [UInt8] {
        var output: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let offset = UInt32(output.count)
            let flags = entry.flags | (entry.dataDescriptor ? 0x0008 : 0)
            let sizes = le32(entry.crc) + le32(UInt32(entry.data.count)) + le32(entry.uncompressedSize)
            output += le32(0x0403_4B50) + le16(20) + le16(flags) + le16(entry.method) + le16(0) + le16(0x21)
            output += entry.dataDescriptor ? [UInt8](repeating: 0, count: 12) : sizes
            output += le16(UInt16(name.count)) + le16(0) + name + entry.data
            if entry.dataDescriptor { output += le32(0x0807_4B50) + sizes }
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(flags) + le16(entry.method) + le16(0)
            central += le16(0x21) + sizes + le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0)
            central += le32(0) + le32(offset) + name
        }
        let end =
            le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
            + le32(UInt32(central.count)) + le32(UInt32(output.count)) + le16(0)
        return output + central + end
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
}
