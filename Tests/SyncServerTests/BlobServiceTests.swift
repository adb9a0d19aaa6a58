import Foundation
import HTTP1
import Models
import SyncStorage
import TestSupport
import Testing

@testable import SyncServer

/// The file store's rules below HTTP: who may download, dedup, limits, expiry.
@Suite struct BlobServiceTests {
    let replica = ReplicaID(high: 0xAB, low: 0xCD)
    let osaka = Scope.municipality(try! MunicipalityCode(validating: "271004"))
    let sakai = Scope.municipality(try! MunicipalityCode(validating: "271403"))

    static func staff(_ code: String) -> Caller {
        Caller(
            user: "staff-\(code)", grant: Grant(role: .staff, municipality: try! MunicipalityCode(validating: code)),
            replica: "", peer: "test")
    }
    static let advisor = Caller(
        user: "advisor", grant: Grant(role: .advisor, municipality: nil), replica: "", peer: "test")

    struct Fixture {
        let directory: TemporaryDirectory
        let store: ServerStore
        let blobs: BlobStore
        let service: BlobService
    }

    func fixture(limits: BlobLimits = BlobLimits()) throws -> Fixture {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let blobs = try BlobStore(root: directory.url.appendingPathComponent("blobs"))
        var logger = Logger()
        logger.minimumLevel = .error
        return Fixture(
            directory: directory, store: store, blobs: blobs,
            service: BlobService(store: store, blobs: blobs, logger: logger, limits: limits))
    }

    /// Stores `text` as a blob and pushes a document of `scope` naming it.
    func share(_ text: String, scope: Scope, in fixture: Fixture) throws -> String {
        let file = fixture.directory.url.appendingPathComponent(UUID().uuidString)
        try Data(text.utf8).write(to: file)
        let stored = try fixture.blobs.ingest(fileAt: file.path)
        var register = Register()
        let document = Document(
            name: "a.txt", folder: "", sha256: stored.hash, size: stored.size, mediaType: "text/plain", note: "")
        let version = register.write(document.json, by: replica, user: "tanaka", at: 1)
        _ = try fixture.store.push(
            PushRequest(
                replica: replica, batch: UUID().uuidString,
                changes: [Change(key: try Document.key(id: RecordID.timeOrdered()), scope: scope, version: version)]))
        return stored.hash
    }

    /// "200" when the download was granted (its file is closed again), else the error's code.
    func code(_ body: () throws(ServiceError) -> BlobDownload) -> String {
        do {
            close(try body().descriptor)
            return "200"
        } catch { return error.code.rawValue }
    }

    @Test func aBlobIsDownloadableOnlyByCallersWhoMayReadADocumentNamingIt() throws {
        let fixture = try fixture()
        let hash = try share("Osaka City only", scope: osaka, in: fixture)
        let sakaiStaff = Self.staff("271403")
        let osakaStaff = Self.staff("271004")
        #expect(
            code { () throws(ServiceError) in try fixture.service.download(sha256: hash, range: nil, caller: sakaiStaff)
            } == "not_found")
        #expect(
            code { () throws(ServiceError) in try fixture.service.download(sha256: hash, range: nil, caller: osakaStaff)
            } == "200")
        #expect(
            code { () throws(ServiceError) in
                try fixture.service.download(sha256: hash, range: nil, caller: Self.advisor)
            } == "200")

        // Once a shared document names the same file, everyone may read it.
        _ = try share("Osaka City only", scope: .shared, in: fixture)
        #expect(
            code { () throws(ServiceError) in try fixture.service.download(sha256: hash, range: nil, caller: sakaiStaff)
            } == "200")
    }

    /// A download is audited whatever range its first request asks for (an attack review fetched
    /// all but byte 0 unaudited), once per user and file in the window; HEAD sends nothing and is
    /// not audited.
    @Test func downloadsAreAuditedWhateverTheirRangeOncePerUserAndFile() throws {
        let fixture = try fixture()
        let hash = try share("minutes of the hearing", scope: osaka, in: fixture)
        func downloads() throws -> [String] {
            try fixture.store.access.auditRecords().filter { $0.entry.action == "download" }.map(\.entry.user)
        }
        let before = try downloads()
        let osakaStaff = Self.staff("271004")
        close(try fixture.service.download(sha256: hash, range: nil, sendsBytes: false, caller: osakaStaff).descriptor)
        #expect(try downloads() == before, "HEAD is not audited")
        close(try fixture.service.download(sha256: hash, range: "bytes=1-", caller: osakaStaff).descriptor)
        #expect(try downloads() == before + [osakaStaff.user], "all but byte 0 is a download too")
        close(try fixture.service.download(sha256: hash, range: "bytes=0-0", caller: osakaStaff).descriptor)
        #expect(try downloads().count == before.count + 1, "the pieces of one download: one row")
        close(try fixture.service.download(sha256: hash, range: "bytes=5-", caller: Self.advisor).descriptor)
        #expect(try downloads() == before + [osakaStaff.user, Self.advisor.user])
        let window = AuditWindow(seconds: 600, capacity: 2)
        #expect(window.shouldAudit(user: "a", subject: hash, now: 1_000))
        #expect(!window.shouldAudit(user: "a", subject: hash, now: 500_000))
        #expect(window.shouldAudit(user: "a", subject: hash, now: 601_000), "again after the window")
        #expect(window.shouldAudit(user: "b", subject: hash, now: 601_000))
        #expect(window.shouldAudit(user: "c", subject: hash, now: 601_000), "full: forgets, never skips")
        #expect(window.shouldAudit(user: "a", subject: hash, now: 601_001), "forgotten pairs are audited again")
    }

    @Test func aStoredBlobNoDocumentNamesIsNotDownloadable() throws {
        let fixture = try fixture()
        let file = fixture.directory.url.appendingPathComponent("orphan")
        try Data("uploaded, never named".utf8).write(to: file)
        let stored = try fixture.blobs.ingest(fileAt: file.path)
        #expect(
            code { () throws(ServiceError) in
                try fixture.service.download(sha256: stored.hash, range: nil, caller: Self.advisor)
            } == "not_found")
        #expect(
            code { () throws(ServiceError) in
                try fixture.service.download(sha256: "../../renkei.sqlite", range: nil, caller: Self.advisor)
            } == "invalid_field")
    }

    @Test func startingAnUploadDeduplicatesResumesAndKeepsTheLimit() throws {
        var limits = BlobLimits()
        limits.maxFileBytes = 1_000
        let fixture = try fixture(limits: limits)
        let hash = try share("already here", scope: osaka, in: fixture)
        let again = try fixture.service.startUpload(
            UploadRequest(sha256: hash, size: 12).jsonBytes, caller: Self.advisor)
        #expect(again.status.complete && again.status.id == nil && !again.created)

        let other = String(repeating: "1", count: 64)
        let first = try fixture.service.startUpload(
            UploadRequest(sha256: other, size: 500).jsonBytes, caller: Self.advisor)
        #expect(first.created && !first.status.complete && first.status.offset == 0)
        let second = try fixture.service.startUpload(
            UploadRequest(sha256: other, size: 500).jsonBytes, caller: Self.advisor)
        #expect(!second.created && second.status.id == first.status.id, "the unfinished session is resumed")

        #expect(throws: ServiceError.self) {
            try fixture.service.startUpload(UploadRequest(sha256: other, size: 1_001).jsonBytes, caller: Self.advisor)
        }
        #expect(throws: ServiceError.self) {
            try fixture.service.startUpload(Array(#"{"sha256":"x","size":1}"#.utf8), caller: Self.advisor)
        }

        // The empty file needs no bytes, but its hash must be the empty one's.
        let empty = SHA256.hex(SHA256.hash([UInt8]()))
        #expect(
            try fixture.service.startUpload(UploadRequest(sha256: empty, size: 0).jsonBytes, caller: Self.advisor)
                .status.complete)
        #expect(fixture.blobs.size(of: empty) == 0)
        #expect(throws: ServiceError.self) {
            try fixture.service.startUpload(UploadRequest(sha256: other, size: 0).jsonBytes, caller: Self.advisor)
        }
    }

    @Test func idleUploadsExpireWithTheirBytes() throws {
        let fixture = try fixture()
        let status = try fixture.service.startUpload(
            UploadRequest(sha256: String(repeating: "2", count: 64), size: 10).jsonBytes, caller: Self.advisor
        ).status
        let id = try #require(status.id)
        let writer = try fixture.service.writer(id: id, offset: 0, length: 4, caller: Self.advisor)
        try writer.write(Array("abcd".utf8))
        #expect(try writer.finish().offset == 4)
        let partial = fixture.blobs.temporaryDirectory.appendingPathComponent("upload-\(id)")
        #expect(FileManager.default.fileExists(atPath: partial.path))
        #expect(fixture.service.expireUploads(now: UnixTime.milliseconds()) == 0, "not idle for 24 h yet")
        #expect(fixture.service.expireUploads(now: UnixTime.milliseconds() + 25 * 3_600_000) == 1)
        #expect(!FileManager.default.fileExists(atPath: partial.path))
        #expect(throws: ServiceError.self) { try fixture.service.session(id, caller: Self.advisor) }
    }

    @Test func aPieceAtTheWrongOffsetOrPastTheSizeIsRefusedBeforeItsBytes() throws {
        let fixture = try fixture()
        let status = try fixture.service.startUpload(
            UploadRequest(sha256: String(repeating: "3", count: 64), size: 10).jsonBytes, caller: Self.advisor
        ).status
        let id = try #require(status.id)
        do {
            _ = try fixture.service.writer(id: id, offset: 5, length: 5, caller: Self.advisor)
            Issue.record("a wrong offset was accepted")
        } catch {
            #expect(error.code == .offsetMismatch)
            #expect(error.headers.contains { $0 == ("Upload-Offset", "0") })
        }
        #expect(throws: ServiceError.self) {
            try fixture.service.writer(id: id, offset: 0, length: 11, caller: Self.advisor)
        }
        let writer = try fixture.service.writer(id: id, offset: 0, length: 5, caller: Self.advisor)
        // A second writer while the first is still receiving finds the upload busy.
        do {
            _ = try fixture.service.writer(id: id, offset: 0, length: 5, caller: Self.advisor)
            Issue.record("two writers were allowed")
        } catch {
            #expect(error.code == .uploadBusy)
        }
        writer.abort()
        #expect(try fixture.service.session(id, caller: Self.advisor).offset == 0)
    }
}
