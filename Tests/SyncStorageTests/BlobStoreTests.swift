import Foundation
import Localization
import SyncStorage
import TestSupport
import Testing

@Suite struct BlobStoreTests {
    func temporaryFiles(_ store: BlobStore) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: store.root.appendingPathComponent("tmp").path)
    }

    @Test func theSameContentIsStoredOnceUnderItsHash() throws {
        let directory = try TemporaryDirectory()
        let store = try BlobStore(root: directory.url.appendingPathComponent("blobs"))
        let bytes = Data("大阪府 DX 調査票\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: directory.path("a.txt")))
        try bytes.write(to: URL(fileURLWithPath: directory.path("copy-b.txt")))
        let first = try store.ingest(fileAt: directory.path("a.txt"))
        let second = try store.ingest(fileAt: directory.path("copy-b.txt"))
        #expect(first.hash == second.hash && first.hash == SHA256.hex(SHA256.hash(Array(bytes))))
        #expect(store.size(of: first.hash) == Int64(bytes.count))
        let stored = store.url(for: first.hash)
        #expect(stored.lastPathComponent == first.hash)
        #expect(stored.path.hasPrefix(store.root.path + "/" + first.hash.prefix(2) + "/"))
        #expect(try Data(contentsOf: stored) == bytes)
        #expect(try temporaryFiles(store).isEmpty)
    }

    @Test func anEmptyFileIsABlobToo() throws {
        let directory = try TemporaryDirectory()
        let store = try BlobStore(root: directory.url.appendingPathComponent("blobs"))
        #expect(FileManager.default.createFile(atPath: directory.path("empty"), contents: Data()))
        let blob = try store.ingest(fileAt: directory.path("empty"))
        #expect(blob.size == 0 && blob.hash == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(store.size(of: blob.hash) == 0)
    }

    @Test func bytesThatDoNotMatchTheAnnouncedHashAreDiscarded() throws {
        let directory = try TemporaryDirectory()
        let store = try BlobStore(root: directory.url.appendingPathComponent("blobs"))
        let announced = SHA256.hex(SHA256.hash(Array("the real document".utf8)))
        let writer = try BlobWriter(store: store)
        try Array("a forged document".utf8).withUnsafeBytes { try writer.append($0) }
        #expect(throws: BlobError.self) { try writer.finish(expectedHash: announced, expectedSize: 17) }
        #expect(store.size(of: announced) == nil)
        #expect(try temporaryFiles(store).isEmpty, "nothing of it is kept")
    }

    @Test func anAbandonedWriteLeavesNoBlobAndNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        let store = try BlobStore(root: directory.url.appendingPathComponent("blobs"))
        do {
            let writer = try BlobWriter(store: store)
            try Array(repeating: UInt8(7), count: 4096).withUnsafeBytes { try writer.append($0) }
            #expect(try temporaryFiles(store).count == 1)
        }
        #expect(try temporaryFiles(store).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.root.path) == ["tmp"])
    }

    @Test func onlyHashesAreNames() {
        #expect(BlobStore.isValidHash(String(repeating: "a", count: 64)))
        for name in [
            "../../etc/passwd", String(repeating: "A", count: 64), String(repeating: "a", count: 63), "契約書.pdf", "",
        ] {
            #expect(!BlobStore.isValidHash(name))
        }
    }

    @Test func anUnreadableSourceIsAClearError() throws {
        let directory = try TemporaryDirectory()
        let store = try BlobStore(root: directory.url.appendingPathComponent("blobs"))
        #expect { try store.ingest(fileAt: directory.path("missing.pdf")) } throws: { error in
            guard case BlobError.cannotRead(let path, let code) = error else { return false }
            let values = ["path": path, "reason": String(cString: strerror(code))]
            return path.hasSuffix("missing.pdf") && "\(error)" == localized("storage.blob.cannot.read", values)
        }
    }
}
