import Foundation
import Glibc
import TestSupport
import Testing

@testable import SyncProtocol

/// Pieces of a file read as mappings of it: exactly the bytes asked for, from any offset, and
/// an error (never a crash) for bytes the file does not have.
@Suite struct FileBytesTests {
    @Test func aMappedPieceHoldsExactlyTheBytesFromAnyOffset() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("file")
        let bytes = Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
        try bytes.write(to: URL(fileURLWithPath: path))
        let file = open(path, O_RDONLY | O_CLOEXEC)
        #expect(file >= 0)
        defer { close(file) }
        for (offset, count) in [(0, 20_000), (1, 4_095), (4_096, 4_096), (4_097, 15_903), (19_999, 1), (20_000, 0)] {
            let piece = try FileBytes.mapped(file, from: Int64(offset), count: count)
            #expect(piece == bytes[offset..<offset + count], "offset \(offset), count \(count)")
        }
    }

    @Test func bytesPastTheEndOfTheFileAreAnErrorNotACrash() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("file")
        try Data(count: 10_000).write(to: URL(fileURLWithPath: path))
        let file = open(path, O_RDONLY | O_CLOEXEC)
        #expect(file >= 0)
        defer { close(file) }
        // As when the file was cut short after its size was read.
        #expect(truncate(path, 6_000) == 0)
        #expect(throws: TransferError.self) { try FileBytes.mapped(file, from: 4_096, count: 4_096) }
        #expect(throws: TransferError.self) { try FileBytes.mapped(file, from: -1, count: 1) }
        #expect(try FileBytes.mapped(file, from: 4_096, count: 1_904).count == 1_904)
    }
}
