import Foundation
import Models
import SyncProtocol
import SyncStorage
import TestSupport
import Testing

/// The one resumable uploader (used by `renkei sync` and by federation) against a scripted
/// server: busy uploads, moved offsets and vanished sessions.
@Suite struct BlobUploaderTests {
    let directory = try! TemporaryDirectory()

    /// A file store holding `bytes`; returns it and the file's hash.
    func store(holding bytes: Data) throws -> (BlobStore, String) {
        let blobs = try BlobStore(root: directory.url.appendingPathComponent("blobs"))
        let source = directory.path("source")
        try bytes.write(to: URL(fileURLWithPath: source))
        return (blobs, try blobs.ingest(fileAt: source).hash)
    }

    func uploader(_ server: FakeServer, _ blobs: BlobStore) -> BlobUploader {
        var uploader = BlobUploader(api: SyncAPI(transport: server, retry: RetryPolicy(delays: [0, 0])), blobs: blobs)
        uploader.pieceBytes = 1000
        uploader.busyWait = 0
        return uploader
    }

    let bytes = Data((0..<4500).map { UInt8(truncatingIfNeeded: $0 &* 7) })

    @Test func aBusyUploadIsWaitedForAndTheFileArrivesWhole() throws {
        let (blobs, hash) = try store(holding: bytes)
        let server = FakeServer()
        server.inject(.uploadBusy, on: "PATCH")
        server.inject(.uploadBusy, on: "PATCH")
        let sent = try uploader(server, blobs).upload(sha256: hash)
        #expect(sent == 4500)
        #expect(server.state.withLock { $0.files[hash] } == bytes)
    }

    @Test func aBusyUploadThatNeverFreesGivesUpWithUploadBusy() throws {
        let (blobs, hash) = try store(holding: bytes)
        let server = FakeServer()
        for _ in 0..<5 { server.inject(.uploadBusy, on: "PATCH") }
        var uploader = uploader(server, blobs)
        uploader.maxBusyWaits = 3
        #expect {
            try uploader.upload(sha256: hash)
        } throws: { ($0 as? SyncError)?.code == .uploadBusy }
    }

    @Test func aPieceWhoseAnswerWasLostIsNotSentTwice() throws {
        let (blobs, hash) = try store(holding: bytes)
        let server = FakeServer()
        // The second piece is applied but its answer lost: the retry meets a moved offset.
        server.inject(.answerLost, on: "PATCH")
        _ = try uploader(server, blobs).upload(sha256: hash)
        #expect(server.state.withLock { $0.files[hash] } == bytes)
    }

    @Test func aVanishedSessionStartsAgain() throws {
        let (blobs, hash) = try store(holding: bytes)
        let server = FakeServer()
        server.inject(.uploadGone, on: "PATCH")
        _ = try uploader(server, blobs).upload(sha256: hash)
        #expect(server.state.withLock { $0.files[hash] } == bytes)
        #expect(server.state.withLock { $0.log.filter { $0 == "POST /v1/uploads" }.count } == 2)
    }

    @Test func aFileTheServerHoldsIsNotSent() throws {
        let (blobs, hash) = try store(holding: bytes)
        let server = FakeServer()
        server.state.withLock { $0.files[hash] = bytes }
        #expect(try uploader(server, blobs).upload(sha256: hash) == nil)
        #expect(server.state.withLock { $0.log } == ["POST /v1/uploads"])
    }

    @Test func aFileMissingLocallyIsNotCached() throws {
        let (blobs, _) = try store(holding: bytes)
        #expect {
            try uploader(FakeServer(), blobs).upload(sha256: String(repeating: "a", count: 64))
        } throws: { error in
            if case .notCached? = error as? TransferError { return true }
            return false
        }
    }
}
