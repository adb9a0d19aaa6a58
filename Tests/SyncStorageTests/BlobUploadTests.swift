import Foundation
import Glibc
import SyncStorage
import TestSupport
import Testing

/// Resumable uploads at the storage level: sessions in the server database, bytes in the blob
/// store, only durable bytes counted after a crash.
@Suite struct BlobUploadTests {
    func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    @Test func aCrashKeepsOnlyTheDurableBytesAndTheUploadResumesToTheSameBlob() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerStore(path: directory.path("server.sqlite"))
        let blobs = try BlobStore(root: directory.url.appendingPathComponent("blobs"))
        let file = randomBytes(300_000, seed: 1)
        let hash = SHA256.hex(SHA256.hash(file))
        let session = try server.uploads.create(sha256: hash, size: Int64(file.count))

        do {
            let upload = try BlobUpload(
                store: blobs, id: session.id, expectedHash: hash, expectedSize: session.size, durableOffset: 0)
            try upload.append(Array(file[0..<120_000]))
            try server.uploads.advance(session.id, to: try upload.sync())
            try upload.append(Array(file[120_000..<200_000]))  // written, never acknowledged: the "crash" follows
        }
        let resumed = try #require(try server.uploads.session(session.id))
        #expect(resumed.offset == 120_000)
        let upload = try BlobUpload(
            store: blobs, id: session.id, expectedHash: hash, expectedSize: session.size, durableOffset: resumed.offset)
        #expect(upload.offset == 120_000)
        try upload.append(Array(file[120_000...]))
        #expect(try upload.complete() == hash)
        try server.uploads.delete(session.id)
        #expect(try Data(contentsOf: blobs.url(for: hash)) == Data(file))
        #expect(try server.uploads.session(session.id) == nil)
    }

    @Test func moreBytesThanAnnouncedAndWrongBytesAreRefused() throws {
        let directory = try TemporaryDirectory()
        let blobs = try BlobStore(root: directory.url.appendingPathComponent("blobs"))
        let announced = SHA256.hex(SHA256.hash(Array("real".utf8)))
        let upload = try BlobUpload(
            store: blobs, id: UUID().uuidString.lowercased(), expectedHash: announced, expectedSize: 4, durableOffset: 0
        )
        #expect(throws: BlobError.tooLarge(limit: 4)) { try upload.append(Array("too long".utf8)) }
        try upload.append(Array("fake".utf8))
        #expect(throws: BlobError.self) { try upload.complete() }
        #expect(blobs.size(of: announced) == nil, "a mismatched upload never becomes visible")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: blobs.root.appendingPathComponent("tmp").path).isEmpty)
    }

    /// The hash is of the bytes as they arrived; a file on disk of another length (cut short, or
    /// a padded block left past the end) is not made visible even with the right hash.
    @Test func aFileOnDiskOfAnotherLengthIsNotMadeVisible() throws {
        let directory = try TemporaryDirectory()
        let blobs = try BlobStore(root: directory.url.appendingPathComponent("blobs"))
        let bytes = randomBytes(10_000, seed: 3)
        let hash = SHA256.hex(SHA256.hash(bytes))
        let id = UUID().uuidString.lowercased()
        let upload = try BlobUpload(
            store: blobs, id: id, expectedHash: hash, expectedSize: Int64(bytes.count), durableOffset: 0)
        try upload.append(bytes)
        _ = try upload.sync()
        let temporary = blobs.root.appendingPathComponent("tmp").appendingPathComponent("upload-\(id)").path
        #expect(truncate(temporary, 8_192) == 0)
        #expect(throws: BlobError.self) { try upload.complete() }
        #expect(blobs.size(of: hash) == nil)
    }

    @Test func staleSessionsAreFoundForExpiry() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerStore(path: directory.path("server.sqlite"))
        let hash = String(repeating: "a", count: 64)
        let old = try server.uploads.create(sha256: hash, size: 10, at: 1_000)
        let fresh = try server.uploads.create(sha256: hash, size: 10, at: 90_000_000)
        #expect(try server.uploads.stale(before: 86_400_000).map(\.id) == [old.id])
        try server.uploads.advance(old.id, to: 5, at: 90_000_001)
        #expect(try server.uploads.stale(before: 86_400_000).isEmpty)
        #expect(try server.uploads.session(fresh.id)?.offset == 0)
    }
}
