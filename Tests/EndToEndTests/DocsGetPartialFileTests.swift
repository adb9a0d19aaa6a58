import Foundation
import TestSupport
import Testing

/// `renkei docs get -o FILE` writes `.FILE.renkei-partial` first and renames it into place; a
/// symbolic link planted at that name (in a shared directory such as /tmp) must not redirect
/// the write.
@Suite struct DocsGetPartialFileTests {
    @Test func aSymbolicLinkAtThePartialNameIsRefusedAndNothingOutsideIsWritten() throws {
        let directory = try TemporaryDirectory()
        let replica = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: "http://127.0.0.1:9")
        let file = directory.path("計画.txt")
        try Data("DX推進計画 第2版".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try replica.run(["docs", "put", file]).status == 0, "offline: into the local cache")

        let shared = directory.path("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        let outside = directory.path("outside.txt")
        try Data("someone else's file".utf8).write(to: URL(fileURLWithPath: outside))
        let destination = shared + "/out.txt"
        let partial = shared + "/.out.txt.renkei-partial"
        let missing = directory.path("created-by-renkei.txt")
        for target in [outside, missing] {
            try? FileManager.default.removeItem(atPath: partial)
            try FileManager.default.createSymbolicLink(atPath: partial, withDestinationPath: target)
            let refused = try replica.run(["docs", "get", "計画.txt", "-o", destination])
            #expect(refused.status == 1, "\(refused.stdout) \(refused.stderr)")
            #expect(
                refused.stderr.contains("symbolic link") && refused.stderr.contains(".out.txt.renkei-partial"),
                "\(refused.stderr)")
            #expect(try String(contentsOfFile: outside, encoding: .utf8) == "someone else's file", "unchanged")
            #expect(!FileManager.default.fileExists(atPath: missing), "no file created through a dangling link")
            #expect(!FileManager.default.fileExists(atPath: destination), "nothing written")
            let link = try? FileManager.default.destinationOfSymbolicLink(atPath: partial)
            #expect(link == target, "the link is left alone")
        }

        // A regular partial file left by an interrupted run is replaced, and the copy lands.
        try FileManager.default.removeItem(atPath: partial)
        try Data("half a file".utf8).write(to: URL(fileURLWithPath: partial))
        let written = try replica.run(["docs", "get", "計画.txt", "-o", destination])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try String(contentsOfFile: destination, encoding: .utf8) == "DX推進計画 第2版")
        #expect(!FileManager.default.fileExists(atPath: partial))
    }
}
