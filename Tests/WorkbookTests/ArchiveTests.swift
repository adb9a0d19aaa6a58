import Foundation
import TestSupport
import Testing

@testable import Workbook

/// The ZIP layer: stored and deflated entries, data descriptors, checksums, limits, zip bombs
/// and damaged archives.
@Suite struct ArchiveTests {
    static let sheet = #"<row r="1"><c r="A1" t="inlineStr"><is><t>回答</t></is></c><c r="B1"><v>42</v></c></row>"#
    let form = HandBuiltWorkbook.single(Self.sheet)

    private func expectCells(_ workbook: Workbook) {
        #expect(workbook.sheets.count == 1)
        #expect(
            workbook.sheets.first?.cells == [
                CellReference(column: 1, row: 1): .text("回答"), CellReference(column: 2, row: 1): .number("42"),
            ])
    }

    @Test func storedEntriesRead() throws {
        expectCells(try WorkbookReader.read(form.archive()))
    }

    @Test func aDataDescriptorEntryReadsByTheCentralDirectory() throws {
        var zip = ZipBuilder()
        for part in form.parts { zip.store(part.name, Array(part.text.utf8), dataDescriptor: true) }
        let bytes = zip.bytes()
        #expect(bytes[6] & 0x08 != 0 && bytes[14..<26].allSatisfy { $0 == 0 }, "local header without sizes")
        expectCells(try WorkbookReader.read(bytes))
    }

    /// The form with every part deflated (by Python's zlib).
    private func deflatedArchive(in directory: TemporaryDirectory) throws -> [UInt8] {
        var zip = ZipBuilder()
        for part in form.parts {
            let content = Array(part.text.utf8)
            zip.entries.append(
                .init(
                    name: part.name, data: try Python.deflate(content, in: directory), method: 8,
                    crc: Inflater.crc32(content), uncompressedSize: UInt32(content.count)))
        }
        return zip.bytes()
    }

    @Test func deflatedEntriesRead() throws {
        expectCells(try WorkbookReader.read(deflatedArchive(in: TemporaryDirectory(prefix: "renkei-workbook"))))
    }

    @Test func aWrongChecksumIsCorrupt() throws {
        var zip = ZipBuilder()
        for part in form.parts { zip.store(part.name, part.text) }
        zip.entries[1].crc ^= 1
        #expect(
            throws: WorkbookError.corrupt(entry: "xl/workbook.xml", reason: "the CRC-32 does not match the content")
        ) {
            try WorkbookReader.read(zip.bytes())
        }
    }

    @Test func whatIsNoZipIsSaidSo() throws {
        #expect(throws: WorkbookError.notAZip) { try WorkbookReader.read([]) }
        #expect(throws: WorkbookError.notAZip) { try WorkbookReader.read(Array("団体コード,団体名\r\n".utf8)) }
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)
        #expect(throws: WorkbookError.legacyFormat) { try WorkbookReader.read(ole) }
        let encrypted = ole + Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(throws: WorkbookError.encrypted) { try WorkbookReader.read(encrypted) }
        #expect(
            WorkbookError.notAZip.description
                == "Excel ファイルとして読めません（ZIP ではありません） / not an Excel file (not a ZIP archive)")
    }

    @Test func encryptionOtherMethodsAndZip64AreRefused() throws {
        var zip = ZipBuilder()
        for part in form.parts { zip.store(part.name, part.text) }
        var encrypted = zip
        encrypted.entries[0].flags |= 1
        #expect(throws: WorkbookError.encrypted) { try WorkbookReader.read(encrypted.bytes()) }
        var bzip2 = zip
        bzip2.entries[1].method = 12
        #expect(throws: WorkbookError.unsupportedCompression(entry: "xl/workbook.xml", method: 12)) {
            try WorkbookReader.read(bzip2.bytes())
        }
        var zip64 = zip
        zip64.entries[2].uncompressedSize = 0xFFFF_FFFF
        #expect(throws: WorkbookError.zip64) { try WorkbookReader.read(zip64.bytes()) }
        // Two entries of one name would let two readers see two files.
        var twice = zip
        twice.store("xl/workbook.xml", "<x/>")
        #expect(throws: WorkbookError.corrupt(entry: "xl/workbook.xml", reason: "two entries have this name")) {
            try WorkbookReader.read(twice.bytes())
        }
    }

    @Test func limitsAreKept() throws {
        let bytes = form.archive()
        #expect(throws: WorkbookError.tooManyEntries) {
            try WorkbookReader.read(bytes, limits: WorkbookLimits(maxEntries: 3))
        }
        // Read in this order: _rels/.rels, xl/workbook.xml, its relationships, the sheet.
        let sizes = form.parts.map { $0.text.utf8.count }
        #expect(sizes[0] < sizes[1])
        #expect(throws: WorkbookError.tooLarge(entry: "xl/workbook.xml")) {
            try WorkbookReader.read(bytes, limits: WorkbookLimits(maxEntryBytes: sizes[1] - 1))
        }
        _ = try WorkbookReader.read(bytes, limits: WorkbookLimits(maxEntryBytes: sizes.max() ?? 0))
        #expect(throws: WorkbookError.tooLarge(entry: "xl/worksheets/sheet1.xml")) {
            try WorkbookReader.read(bytes, limits: WorkbookLimits(maxTotalBytes: sizes.reduce(0, +) - 1))
        }
        _ = try WorkbookReader.read(bytes, limits: WorkbookLimits(maxTotalBytes: sizes.reduce(0, +)))
        #expect(throws: WorkbookError.tooManyCells) {
            try WorkbookReader.read(bytes, limits: WorkbookLimits(maxCells: 1))
        }
        expectCells(try WorkbookReader.read(bytes, limits: WorkbookLimits(maxCells: 2)))
    }

    /// 200 MB of zeros deflate to about 200 KB. Declared honestly the entry is refused before
    /// inflating; declared as 1,000 bytes it stops inflating right after them; under the size
    /// limit the ratio refuses it.
    @Test func zipBombsStopEarly() throws {
        let directory = try TemporaryDirectory(prefix: "renkei-workbook")
        let bombPath = directory.path("bomb")
        func zeros(_ count: Int) throws -> (data: [UInt8], crc: UInt32) {
            let crc = try Python.run(
                """
                import sys, zlib
                c = zlib.compressobj(9, zlib.DEFLATED, -15)
                block = bytes(1 << 20)
                total, crc = int(sys.argv[2]), 0
                with open(sys.argv[1], "wb") as out:
                    while total > 0:
                        piece = block[:min(total, len(block))]
                        crc = zlib.crc32(piece, crc)
                        out.write(c.compress(piece))
                        total -= len(piece)
                    out.write(c.flush())
                print(crc)
                """, [bombPath, String(count)])
            return (try Python.read(bombPath), UInt32(crc.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
        }
        // The form with its sheet replaced by the deflated zeros, declaring `size` bytes.
        func archive(_ sheet: [UInt8], crc: UInt32, size: UInt32) -> [UInt8] {
            let name = "xl/worksheets/sheet1.xml"
            var zip = ZipBuilder()
            for part in form.parts where part.name != name { zip.store(part.name, part.text) }
            zip.entries.append(.init(name: name, data: sheet, method: 8, crc: crc, uncompressedSize: size))
            return zip.bytes()
        }
        let big = try zeros(200_000_000)
        #expect(big.data.count < 300_000)
        let started = Date()
        #expect(throws: WorkbookError.tooLarge(entry: "xl/worksheets/sheet1.xml")) {
            try WorkbookReader.read(archive(big.data, crc: big.crc, size: 200_000_000))
        }
        #expect(throws: WorkbookError.self) {
            try WorkbookReader.read(archive(big.data, crc: big.crc, size: 1000))
        }
        do {
            _ = try WorkbookReader.read(archive(big.data, crc: big.crc, size: 1000))
        } catch {
            #expect(
                error
                    == .corrupt(
                        entry: "xl/worksheets/sheet1.xml", reason: "inflates to more than the 1000 bytes declared"))
        }
        #expect(Date().timeIntervalSince(started) < 5, "no bomb was inflated")
        let dense = try zeros(20_000_000)
        #expect(throws: WorkbookError.tooLarge(entry: "xl/worksheets/sheet1.xml")) {
            try WorkbookReader.read(archive(dense.data, crc: dense.crc, size: 20_000_000))
        }
    }

    @Test func everyTruncationThrows() throws {
        let directory = try TemporaryDirectory(prefix: "renkei-workbook")
        let deflated = try deflatedArchive(in: directory)
        for bytes in [form.archive(), deflated] {
            for cut in stride(from: 0, to: bytes.count, by: 97) {
                #expect(throws: WorkbookError.self, "cut at \(cut)") { try WorkbookReader.read(Array(bytes[..<cut])) }
            }
            // Cutting only the last byte leaves the end record's comment length pointing past the end.
            #expect(throws: WorkbookError.self) { try WorkbookReader.read(Array(bytes.dropLast())) }
        }
    }

    /// Random damage: each outcome is a workbook or a `WorkbookError`, never a trap. The test
    /// would crash the process otherwise; the counts only show both outcomes happen.
    @Test func flippedBytesNeverTrap() throws {
        let directory = try TemporaryDirectory(prefix: "renkei-workbook")
        let deflated = try deflatedArchive(in: directory)
        var generator = SeededGenerator(seed: 0x5EED_0F_F11E)
        var read = 0
        var refused = 0
        for original in [form.archive(), deflated] {
            for _ in 0..<300 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[index] ^= UInt8.random(in: 1...255, using: &generator)
                }
                do {
                    _ = try WorkbookReader.read(bytes)
                    read += 1
                } catch {
                    refused += 1
                }
            }
        }
        #expect(read + refused == 600 && refused > 0)
    }
}
