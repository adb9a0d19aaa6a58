import Foundation
import Models
import SyncStorage
import TestSupport
import Testing

/// Which documents name which blobs (the download check and gc rely on it), and the blob
/// store's maintenance calls.
@Suite struct BlobReferenceTests {
    let replica = ReplicaID(high: 0xAB, low: 0xCD)
    let osaka = Scope.municipality(try! MunicipalityCode(validating: "271004"))

    func document(_ hash: String, name: String = "a.txt") -> JSONValue {
        Document(name: name, folder: "", sha256: hash, size: 1, mediaType: "text/plain", note: "").json
    }

    func hash(_ text: String) -> String { SHA256.hex(SHA256.hash(Array(text.utf8))) }

    @Test func blobScopesCountCurrentAndSupersededVersions() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let key = try Document.key(id: RecordID.timeOrdered())
        var register = Register()
        let first = register.write(document(hash("v1")), by: replica, user: "tanaka", at: 1)
        _ = try store.push(
            PushRequest(replica: replica, batch: "1", changes: [Change(key: key, scope: osaka, version: first)]))
        let second = register.write(document(hash("v2")), by: replica, user: "tanaka", at: 2)
        _ = try store.push(
            PushRequest(replica: replica, batch: "2", changes: [Change(key: key, scope: osaka, version: second)]))
        let shared = try Document.key(id: RecordID.timeOrdered())
        var other = Register()
        let sharedVersion = other.write(document(hash("v2")), by: replica, user: "advisor", at: 3)
        _ = try store.push(
            PushRequest(
                replica: replica, batch: "3", changes: [Change(key: shared, scope: .shared, version: sharedVersion)]))

        #expect(try store.blobScopes(sha256: hash("v1")) == [osaka], "an old version's file stays readable")
        #expect(try store.blobScopes(sha256: hash("v2")) == [osaka, .shared])
        #expect(try store.blobScopes(sha256: hash("never named")).isEmpty)
        #expect(try store.referencedBlobs() == [hash("v1"), hash("v2")])

        // Deleting the document keeps its versions in history: its files are still referenced.
        let deletion = register.write(.null, by: replica, user: "tanaka", at: 4)
        _ = try store.push(
            PushRequest(replica: replica, batch: "4", changes: [Change(key: key, scope: osaka, version: deletion)]))
        #expect(try store.referencedBlobs() == [hash("v1"), hash("v2")])
    }

    @Test func pendingBlobsAreThoseOfDocumentsInTheOutbox() throws {
        let directory = try TemporaryDirectory()
        let store = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        let key = try Document.key(id: RecordID.timeOrdered())
        try store.write(document(hash("one"), name: "one.txt"), to: key, scope: osaka, user: "tanaka")
        try store.write(
            document(hash("two"), name: "two.txt"), to: try Document.key(id: RecordID.timeOrdered()), scope: osaka,
            user: "tanaka")
        try store.write(
            "not a document", to: try RecordKey(validating: "answers", record: "x", field: "value"), scope: osaka,
            user: "t")
        #expect(try store.pendingBlobs().map(\.sha256) == [hash("one"), hash("two")].sorted())
        // A newer local version replaces the older one in the outbox.
        try store.write(document(hash("three"), name: "one.txt"), to: key, scope: osaka, user: "tanaka")
        #expect(Set(try store.pendingBlobs().map(\.sha256)) == [hash("two"), hash("three")])
        while let batch = try store.nextPushBatch(limit: 100) { try store.acknowledge(batch: batch.name) }
        #expect(try store.pendingBlobs().isEmpty)
    }

    @Test func storeMaintenanceFindsRehashesAdoptsAndRemoves() throws {
        let directory = try TemporaryDirectory()
        let blobs = try BlobStore(root: directory.url.appendingPathComponent("blobs"))
        let file = directory.url.appendingPathComponent("input")
        try Data("contents".utf8).write(to: file)
        let stored = try blobs.ingest(fileAt: file.path)
        #expect(try blobs.storedHashes() == [stored.hash])
        #expect(try blobs.rehash(stored.hash) == stored.hash)

        // A damaged copy hashes differently.
        try Data("Contents".utf8).write(to: blobs.url(for: stored.hash))
        #expect(try blobs.rehash(stored.hash) != stored.hash)
        try blobs.remove(stored.hash)
        #expect(try blobs.storedHashes().isEmpty)
        #expect(try blobs.rehash(stored.hash) == nil)

        // A finished download enters only with the right hash.
        let download = blobs.temporaryDirectory.appendingPathComponent("download-x")
        try Data("contents".utf8).write(to: download)
        try blobs.adopt(fileAt: download, expectedHash: stored.hash)
        #expect(blobs.size(of: stored.hash) == 8)
        try Data("wrong".utf8).write(to: download)
        #expect(throws: BlobError.self) { try blobs.adopt(fileAt: download, expectedHash: hash("other")) }
        #expect(!FileManager.default.fileExists(atPath: download.path), "a mismatching download is dropped")
    }
}
