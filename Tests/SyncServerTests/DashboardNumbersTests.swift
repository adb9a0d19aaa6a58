import Models
import SyncStorage
import TestSupport
import Testing

@testable import SyncServer

/// The dashboard's numbers come from what replicas claim: no claimed size or share can trap the
/// page (document sizes summing past `Int64`, a share outside 0...1 or NaN).
@Suite struct DashboardNumbersTests {
    @Test func documentSizesPastInt64StopAtTheLargestInsteadOfTrapping() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let scope = try Scope(validating: "271004")
        let author = ReplicaID(high: 7, low: 7)
        let changes = try (1...3).map { index in
            let document = Document(
                name: "file\(index).bin", folder: "", sha256: String(repeating: String(index), count: 64),
                size: .max, mediaType: "application/octet-stream", note: "")
            return Change(
                key: try Document.key(id: "doc-\(index)"), scope: scope,
                version: Version(
                    vector: try VersionVector(validating: [(author, UInt64(index))]), value: document.json,
                    author: author, user: "attacker", at: 0))
        }
        _ = try store.apply(changes)
        let data = try DashboardData(store: store)
        let osaka = try #require(data.municipalities.first { $0.code == "271004" })
        #expect(osaka.documents == 3)
        #expect(osaka.documentBytes == .max)
        #expect(DashboardPage.overview(data, user: "advisor").contains("<td class=\"n documents\">3</td>"))
    }

    @Test func sharesOutsideZeroToOneAreClampedNotTrapped() {
        #expect(DashboardPage.percent(0.756) == "76%")
        #expect(DashboardPage.percent(1) == "100%")
        #expect(DashboardPage.percent(.nan) == "0%")
        #expect(DashboardPage.percent(.infinity) == "100%")
        #expect(DashboardPage.percent(-.infinity) == "0%")
        #expect(DashboardPage.percent(1e300) == "100%")
    }
}
