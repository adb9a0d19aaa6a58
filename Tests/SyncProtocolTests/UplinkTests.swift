import Foundation
import Models
import SyncProtocol
import SyncStorage
import TestSupport
import Testing

/// Federation's upward link against a scripted upstream: files before the batch that names
/// them, a lost answer applied once, and nothing sent twice across rounds.
@Suite struct UplinkTests {
    let osaka = Scope.municipality(try! MunicipalityCode(validating: "271004"))
    let directory = try! TemporaryDirectory()

    /// A server store holding three answers and one document whose file is in `blobs`.
    func prefecture() throws -> (ServerStore, BlobStore, String) {
        let server = try ServerStore(path: directory.path("server.sqlite"))
        let blobs = try BlobStore(root: directory.url.appendingPathComponent("blobs"))
        let source = directory.path("minutes.docx")
        try Data(repeating: 0x42, count: 10_000).write(to: URL(fileURLWithPath: source))
        let (hash, size) = try blobs.ingest(fileAt: source)
        let replica = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        for item in ["A01", "A02", "A03"] {
            try replica.write(
                "はい", to: try RecordKey(validating: "answers", record: "osaka-dx-2025/271004/\(item)", field: "value"),
                scope: osaka, user: "tanaka")
        }
        let document = Document(
            name: "minutes.docx", folder: "", sha256: hash, size: size, mediaType: "application/octet-stream",
            note: "")
        try replica.write(
            document.json, to: try Document.key(id: UUID().uuidString.lowercased()), scope: osaka, user: "tanaka")
        let batch = try #require(try replica.nextPushBatch(limit: 100))
        _ = try server.apply(try batch.changes())
        return (server, blobs, hash)
    }

    func uplink(_ store: ServerStore, _ blobs: BlobStore, _ upstream: FakeServer) -> Uplink {
        var uplink = Uplink(
            store: store, blobs: blobs, api: SyncAPI(transport: upstream, retry: RetryPolicy(delays: [0, 0])),
            upstream: "http://national.example")
        uplink.pageSize = 2
        return uplink
    }

    @Test func everythingGoesUpOnceWithTheFileBeforeItsDocument() throws {
        let (store, blobs, hash) = try prefecture()
        let upstream = FakeServer()
        upstream.inject(.answerLost, on: "POST /v1/push")
        let summary = try uplink(store, blobs, upstream).run()
        let state = upstream.state.withLock { $0 }
        #expect(state.applied.count == 4 && summary.files == 1 && summary.replayedBatches == 1)
        #expect(state.files[hash]?.count == 10_000)
        let firstUpload = try #require(state.log.firstIndex { $0.hasPrefix("POST /v1/uploads") })
        let documentPush = try #require(
            state.pushBodies.firstIndex { String(decoding: $0, as: UTF8.self).contains(Document.collection) })
        let pushesBeforeUpload = state.log[..<firstUpload].filter { $0 == "POST /v1/push" }.count
        #expect(pushesBeforeUpload <= documentPush, "the file went up before the batch naming it")
        let again = try uplink(store, blobs, upstream).run()
        #expect(again.batches == 0 && upstream.state.withLock { $0.applied.count } == 4, "nothing is sent twice")
    }

    @Test func aRefusingUpstreamStopsWithItsStatusAndSendsNoFile() throws {
        let (store, blobs, _) = try prefecture()
        let upstream = FakeServer()
        upstream.inject(.refuse(403, .forbiddenScope), on: "POST /v1/push")
        #expect {
            try uplink(store, blobs, upstream).run()
        } throws: { ($0 as? SyncError)?.exitStatus == .noPermission }
        #expect(upstream.state.withLock { $0.applied.isEmpty })
    }

    @Test func aFileMissingHereStopsBeforeItsDocumentGoesUp() throws {
        let (store, blobs, hash) = try prefecture()
        try blobs.remove(hash)
        let upstream = FakeServer()
        #expect {
            try uplink(store, blobs, upstream).run()
        } throws: { error in
            if case .notCached(let missing)? = error as? TransferError { return missing == hash }
            return false
        }
        #expect(!upstream.state.withLock { $0.applied }.contains { $0.key.collection == Document.collection })
    }
}
