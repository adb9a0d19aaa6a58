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

/// A server that lies about an upload or a download can make the client fail, never crash it or
/// keep it busy for ever (found by an attack review: offsets past the end crashed the uploader,
/// offsets that never advanced and refused ranges looped).
@Suite struct LyingServerTests {
    let directory = try! TemporaryDirectory()
    let bytes = Data((0..<4500).map { UInt8(truncatingIfNeeded: $0 &* 13) })

    func stored() throws -> (BlobStore, String) {
        let blobs = try BlobStore(root: directory.url.appendingPathComponent("blobs"))
        let source = directory.path("source")
        try bytes.write(to: URL(fileURLWithPath: source))
        return (blobs, try blobs.ingest(fileAt: source).hash)
    }

    func api(_ server: FakeServer) -> SyncAPI { SyncAPI(transport: server, retry: RetryPolicy(delays: [0])) }

    func status(_ hash: String, size: Int64, offset: Int64, id: String? = "u1", complete: Bool = false, code: Int = 200)
        -> TransportResponse
    {
        TransportResponse(
            status: code,
            body: Data(UploadStatus(id: id, sha256: hash, size: size, offset: offset, complete: complete).jsonBytes))
    }

    func isInvalidAnswer(_ error: any Error) -> Bool {
        if case .invalidAnswer? = error as? SyncError { return true }
        return false
    }

    @Test func offsetsOutsideTheFileAreRefusedNotRead() throws {
        let (blobs, hash) = try stored()
        var uploader = BlobUploader(api: api(FakeServer()), blobs: blobs)
        uploader.pieceBytes = 1000
        // A start answer claiming a larger file and an offset past this one's end.
        let claims = FakeServer()
        claims.inject(.answer(status(hash, size: 1 << 30, offset: 5000, code: 201)), on: "POST /v1/uploads")
        uploader = BlobUploader(api: api(claims), blobs: blobs)
        #expect(throws: SyncError.self) { try uploader.upload(sha256: hash) }
        // A 409 naming an offset past the end.
        let past = FakeServer()
        var moved = TransportResponse(
            status: 409, body: Data(ErrorResponse(code: .offsetMismatch, message: "").jsonBytes))
        moved.headers["upload-offset"] = "4600"
        past.inject(.answer(moved), on: "PATCH")
        uploader = BlobUploader(api: api(past), blobs: blobs)
        #expect { try uploader.upload(sha256: hash) } throws: { isInvalidAnswer($0) }
        // An accepted piece whose status names another file.
        let other = FakeServer()
        other.inject(.answer(status(String(repeating: "b", count: 64), size: 4500, offset: 1000)), on: "PATCH")
        uploader = BlobUploader(api: api(other), blobs: blobs)
        #expect { try uploader.upload(sha256: hash) } throws: { isInvalidAnswer($0) }
    }

    @Test func offsetsThatNeverAdvanceEndTheUpload() throws {
        let (blobs, hash) = try stored()
        let server = FakeServer()
        for _ in 0..<50 { server.inject(.answer(status(hash, size: 4500, offset: 0)), on: "PATCH") }
        var uploader = BlobUploader(api: api(server), blobs: blobs)
        uploader.pieceBytes = 1000
        #expect { try uploader.upload(sha256: hash) } throws: { isInvalidAnswer($0) }
        #expect(server.state.withLock { $0.log.filter { $0.hasPrefix("PATCH") }.count } == uploader.maxStalls + 1)
        // Back and forth between two offsets: no further than the furthest either.
        let pingPong = FakeServer()
        for index in 0..<50 {
            var moved = TransportResponse(status: 409, body: Data())
            moved.headers["upload-offset"] = index % 2 == 0 ? "1" : "0"
            pingPong.inject(.answer(moved), on: "PATCH")
        }
        uploader = BlobUploader(api: api(pingPong), blobs: blobs)
        #expect { try uploader.upload(sha256: hash) } throws: { isInvalidAnswer($0) }
    }

    @Test func aDownloadEndsWhenTheServerRefusesEveryRangeOrSendsTooLittle() throws {
        let (_, hash) = try stored()
        let cache = try BlobStore(root: directory.url.appendingPathComponent("cache"))
        let refusing = FakeServer()
        for _ in 0..<50 {
            refusing.inject(.answer(TransportResponse(status: 416, body: Data())), on: "GET /v1/blobs")
        }
        #expect {
            try BlobDownloader(api: api(refusing), blobs: cache).download(sha256: hash, size: 4500)
        } throws: { isInvalidAnswer($0) }
        let short = FakeServer()
        for _ in 0..<50 {
            short.inject(.answer(TransportResponse(status: 200, body: Data([1]))), on: "GET /v1/blobs")
        }
        #expect {
            try BlobDownloader(api: api(short), blobs: cache).download(sha256: hash, size: 4500)
        } throws: { isInvalidAnswer($0) }
        #expect(cache.size(of: hash) == nil)
        // The honest server still delivers.
        let honest = FakeServer()
        honest.state.withLock { $0.files[hash] = bytes }
        var downloader = BlobDownloader(api: api(honest), blobs: cache)
        downloader.pieceBytes = 1000
        try downloader.download(sha256: hash, size: 4500)
        #expect(cache.size(of: hash) == 4500)
    }
}
