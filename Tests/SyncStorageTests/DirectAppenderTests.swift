import Foundation
import Glibc
import TestSupport
import Testing

@testable import SyncStorage

/// Appending past the page cache: whatever the pieces, flushes and resume points, the file holds
/// exactly the bytes appended, and with direct I/O none of them went through the page cache.
@Suite struct DirectAppenderTests {
    /// Pieces of random sizes (1 byte to past a staging buffer) with flushes between some, from
    /// an unaligned starting size, then resumed at another unaligned size as after a crash.
    @Test(arguments: [true, false])
    func theFileHoldsExactlyWhatWasAppended(allowingDirect: Bool) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("upload")
        var generator = SeededGenerator(seed: allowingDirect ? 7 : 8)
        var expected = (0..<5_001).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(expected).write(to: URL(fileURLWithPath: path))

        for round in 0..<2 {
            let descriptor = open(path, O_RDWR | O_CLOEXEC)
            #expect(descriptor >= 0)
            defer { close(descriptor) }
            let appender = try DirectAppender(
                descriptor: descriptor, size: Int64(expected.count), allowingDirect: allowingDirect)
            if !allowingDirect { #expect(!appender.isDirect) }
            for piece in 0..<40 {
                let count = [1, 4_095, 4_096, 65_536, DirectAppender.stagingBytes + 3].randomElement(using: &generator)!
                let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
                try bytes.withUnsafeBytes { try appender.append($0) }
                expected += bytes
                #expect(appender.size == Int64(expected.count))
                if piece % 7 == 3 {
                    try appender.flush()
                    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected), "round \(round)")
                }
            }
            try appender.flush()
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected), "round \(round)")
            // A crash after an unaligned acknowledged offset: the next round resumes from there.
            expected.removeLast(1_234)
            #expect(ftruncate(descriptor, off_t(expected.count)) == 0)
        }
    }

    /// With direct I/O the written bytes are not in the page cache afterwards (mincore of a
    /// mapping of the file): that copy is what direct I/O saves.
    @Test func directlyWrittenBytesAreNotCached() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("upload")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let appender = try DirectAppender(descriptor: descriptor, size: 0)
        try #require(appender.isDirect, "this file system has no direct I/O")
        let bytes = [UInt8](repeating: 0x5A, count: 4 << 20)
        try bytes.withUnsafeBytes { try appender.append($0) }
        try appender.flush()
        #expect(fsync(descriptor) == 0)

        let pageBytes = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapping = try #require(mmap(nil, bytes.count, PROT_READ, MAP_SHARED, descriptor, 0))
        #expect(mapping != MAP_FAILED)
        defer { munmap(mapping, bytes.count) }
        var resident = [UInt8](repeating: 0, count: bytes.count / pageBytes)
        #expect(mincore(mapping, bytes.count, &resident) == 0)
        let cached = resident.filter { $0 & 1 != 0 }.count
        #expect(cached == 0, "\(cached) of \(resident.count) pages went through the page cache")
    }
}

extension DirectAppenderTests {
    /// Slow uploads by the hundred cannot make the process hold a staging buffer each: past
    /// `maxStagingBuffers` an upload writes the ordinary way, and its file is still exact.
    @Test func pastTheProcesssStagingBuffersUploadsWriteTheOrdinaryWay() throws {
        let directory = try TemporaryDirectory()
        var open: [(descriptor: Int32, appender: DirectAppender, bytes: [UInt8])] = []
        defer { for file in open { close(file.descriptor) } }
        for index in 0..<(DirectAppender.maxStagingBuffers + 2) {
            let descriptor = Glibc.open(directory.path("u\(index)"), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            #expect(descriptor >= 0)
            let appender = try DirectAppender(descriptor: descriptor, size: 0)
            let bytes = [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: 5_000)
            try bytes.withUnsafeBytes { try appender.append($0) }  // a buffer held while bytes wait
            open.append((descriptor, appender, bytes))
        }
        guard open[0].appender.isDirect else { return }  // no direct I/O here: nothing to bound
        #expect(open.contains { !$0.appender.isDirect }, "every upload held a staging buffer")
        for (index, file) in open.enumerated() {
            try file.appender.flush()
            #expect(try Data(contentsOf: directory.url.appendingPathComponent("u\(index)")) == Data(file.bytes))
        }
        // Flushed, they hold none: a new upload gets one again.
        let descriptor = Glibc.open(directory.path("again"), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        defer { close(descriptor) }
        let again = try DirectAppender(descriptor: descriptor, size: 0)
        try [UInt8](repeating: 1, count: 10).withUnsafeBytes { try again.append($0) }
        #expect(again.isDirect)
        try again.flush()
    }
}
