/// A ZIP archive read from memory (PKWARE APPNOTE 6.3): the central directory is walked once,
/// and entries are uncompressed one by one on request, method 0 (stored) or 8 (deflate), each
/// checked against its CRC-32 and size. Sizes, CRCs and offsets come from the central
/// directory, so entries with data descriptors (flag bit 3) need no special case. ZIP64,
/// encryption and split archives are refused. Every offset read from the file is checked
/// against the buffer before use.
struct ZipArchive {
    /// One central directory record.
    struct Entry {
        let name: String
        /// General-purpose flags: bit 0 encrypted, bit 3 data descriptor, bit 6 strong encryption.
        let flags: UInt16
        let method: UInt16
        let crc: UInt32
        /// Sizes in bytes as declared by the central directory.
        let compressedSize: Int
        let uncompressedSize: Int
        /// Byte offset of the entry's local header from the start of the file.
        let localHeaderOffset: Int
    }

    private let bytes: [UInt8]
    private let limits: WorkbookLimits
    /// Where the central directory starts: every entry's data lies before it.
    private let centralDirectoryOffset: Int
    private let entries: [String: Entry]
    /// Names by their lowercase form: OPC part names compare without case.
    private let foldedNames: [String: String]
    /// Uncompressed bytes handed out so far, counted against `WorkbookLimits.maxTotalBytes`.
    private(set) var extractedBytes = 0

    /// Reads the end record and the central directory of `bytes`.
    init(_ bytes: [UInt8], limits: WorkbookLimits) throws(WorkbookError) {
        self.bytes = bytes
        self.limits = limits
        guard let end = Self.endRecordOffset(bytes) else { throw Self.notAZipReason(bytes) }
        if let locator = bytes.uint32(at: end - 20), locator == 0x0706_4B50 { throw .zip64 }
        guard let disk = bytes.uint16(at: end + 4), let centralDisk = bytes.uint16(at: end + 6),
            let onDisk = bytes.uint16(at: end + 8), let total = bytes.uint16(at: end + 10),
            let size = bytes.uint32(at: end + 12), let start = bytes.uint32(at: end + 16)
        else { throw .notAZip }
        if total == 0xFFFF || size == 0xFFFF_FFFF || start == 0xFFFF_FFFF { throw .zip64 }
        guard disk == 0, centralDisk == 0, onDisk == total else {
            throw .corrupt(entry: "", reason: "a split (multi-disk) archive")
        }
        guard Int(total) <= limits.maxEntries else { throw .tooManyEntries }
        let directoryEnd = Int(start) + Int(size)
        guard directoryEnd <= end else {
            throw .corrupt(entry: "", reason: "the central directory lies outside the file")
        }
        centralDirectoryOffset = Int(start)
        var entries: [String: Entry] = [:]
        var folded: [String: String] = [:]
        var position = Int(start)
        for _ in 0..<Int(total) {
            guard position <= directoryEnd - 46, bytes.uint32(at: position) == 0x0201_4B50,
                let flags = bytes.uint16(at: position + 8), let method = bytes.uint16(at: position + 10),
                let crc = bytes.uint32(at: position + 16), let compressed = bytes.uint32(at: position + 20),
                let uncompressed = bytes.uint32(at: position + 24), let nameLength = bytes.uint16(at: position + 28),
                let extraLength = bytes.uint16(at: position + 30), let commentLength = bytes.uint16(at: position + 32),
                let offset = bytes.uint32(at: position + 42)
            else { throw .corrupt(entry: "", reason: "a central directory record is damaged") }
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw .zip64 }
            let nameStart = position + 46
            let next = nameStart + Int(nameLength) + Int(extraLength) + Int(commentLength)
            guard next <= directoryEnd else {
                throw .corrupt(entry: "", reason: "a central directory record runs past the directory")
            }
            let name = String(decoding: bytes[nameStart..<nameStart + Int(nameLength)], as: UTF8.self)
            guard entries[name] == nil else { throw .corrupt(entry: name, reason: "two entries have this name") }
            entries[name] = Entry(
                name: name, flags: flags, method: method, crc: crc, compressedSize: Int(compressed),
                uncompressedSize: Int(uncompressed), localHeaderOffset: Int(offset))
            folded[name.lowercased()] = folded[name.lowercased()] ?? name
            position = next
        }
        self.entries = entries
        foldedNames = folded
    }

    /// The entry named `name`: exactly, else ignoring case; nil when there is none.
    func entry(_ name: String) -> Entry? {
        entries[name] ?? foldedNames[name.lowercased()].flatMap { entries[$0] }
    }

    /// The uncompressed bytes of the entry `name` (see `entry(_:)`), or nil when there is none.
    /// Throws when the entry is encrypted, compressed otherwise than stored or deflate, over a
    /// limit, or damaged (sizes, CRC-32, local header).
    mutating func contents(of name: String) throws(WorkbookError) -> [UInt8]? {
        guard let entry = entry(name) else { return nil }
        if entry.flags & 0x41 != 0 || entry.method == 99 { throw .encrypted }
        guard entry.method == 0 || entry.method == 8 else {
            throw .unsupportedCompression(entry: entry.name, method: Int(entry.method))
        }
        let size = entry.uncompressedSize
        if entry.method == 0 && entry.compressedSize != size {
            throw .corrupt(entry: entry.name, reason: "a stored entry whose two sizes differ")
        }
        let (bound, overflow) = entry.compressedSize.multipliedReportingOverflow(by: limits.maxCompressionRatio)
        guard size <= limits.maxEntryBytes, size <= limits.maxTotalBytes - extractedBytes, overflow || size <= bound
        else { throw .tooLarge(entry: entry.name) }
        let data = try dataRange(of: entry)
        let content =
            entry.method == 0
            ? Array(bytes[data]) : try Inflater.inflate(bytes[data], expectedSize: size, entry: entry.name)
        guard Inflater.crc32(content) == entry.crc else {
            throw .corrupt(entry: entry.name, reason: "the CRC-32 does not match the content")
        }
        extractedBytes += size
        return content
    }

    /// Where the compressed data of `entry` lies, after its local header, checked to end
    /// before the central directory.
    private func dataRange(of entry: Entry) throws(WorkbookError) -> Range<Int> {
        let header = entry.localHeaderOffset
        guard header <= centralDirectoryOffset - 30, bytes.uint32(at: header) == 0x0403_4B50,
            let flags = bytes.uint16(at: header + 6), let nameLength = bytes.uint16(at: header + 26),
            let extraLength = bytes.uint16(at: header + 28)
        else { throw .corrupt(entry: entry.name, reason: "the local header is missing or damaged") }
        if flags & 0x41 != 0 { throw .encrypted }
        let nameStart = header + 30
        let start = nameStart + Int(nameLength) + Int(extraLength)
        guard start <= centralDirectoryOffset - entry.compressedSize else {
            throw .corrupt(entry: entry.name, reason: "the data runs past the end of the entries")
        }
        guard String(decoding: bytes[nameStart..<nameStart + Int(nameLength)], as: UTF8.self) == entry.name else {
            throw .corrupt(entry: entry.name, reason: "the local header names another entry")
        }
        return start..<start + entry.compressedSize
    }

    /// The offset of the end of central directory record: the last signature within the final
    /// 65,535 + 22 bytes whose comment fits in the file.
    private static func endRecordOffset(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var offset = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while offset >= lowest {
            if bytes.uint32(at: offset) == 0x0605_4B50, let comment = bytes.uint16(at: offset + 20),
                Int(comment) <= bytes.count - 22 - offset
            {
                return offset
            }
            offset -= 1
        }
        return nil
    }

    /// Why bytes without an end record are not a workbook: an OLE compound document is either
    /// an encrypted .xlsx (Excel wraps password-protected files in one) or an old .xls.
    private static func notAZipReason(_ bytes: [UInt8]) -> WorkbookError {
        guard bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) else { return .notAZip }
        let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        return bytes.firstRange(of: marker) == nil ? .legacyFormat : .encrypted
    }
}
