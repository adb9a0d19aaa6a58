import Foundation
import Glibc
import HTTP1
import Models
import SyncStorage
import TestSupport
import Testing

/// The shared file store through the real binaries: `renkei docs` on both ends of the real
/// server, interrupted and killed transfers, and the HTTP rules of uploads and downloads.
@Suite(.serialized) struct FileStoreEndToEndTests {
    static func randomFile(_ url: URL, bytes: Int, seed: UInt64) throws -> String {
        var generator = SeededGenerator(seed: seed)
        var data = [UInt8](repeating: 0, count: bytes)
        for index in stride(from: 0, to: bytes, by: 8) {
            let word = generator.next()
            for byte in 0..<min(8, bytes - index) { data[index + byte] = UInt8(truncatingIfNeeded: word >> (8 * byte)) }
        }
        try Data(data).write(to: url)
        return SHA256.hex(SHA256.hash(data))
    }

    static func sha256(of path: String) throws -> String { try BlobStore.hashFile(atPath: path).hash }

    /// Files in the server's blob store (not counting unfinished uploads).
    static func storedBlobs(_ data: String) throws -> [String] {
        try BlobStore(root: URL(fileURLWithPath: data + "/blobs")).storedHashes()
    }

    /// Bytes of the unfinished upload on the server (0 when none yet).
    static func uploadBytes(_ data: String) -> Int64 {
        let tmp = data + "/blobs/tmp"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []
        return names.filter { $0.hasPrefix("upload-") }.compactMap { name in
            (try? FileManager.default.attributesOfItem(atPath: tmp + "/" + name)[.size] as? NSNumber)?.int64Value
        }.max() ?? 0
    }

    @Test func documentsTravelBetweenMunicipalitiesByteIdenticalWhateverTheirNames() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let files = directory.url.appendingPathComponent("files")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)

        let big = try Self.randomFile(files.appendingPathComponent("調査票.xlsx"), bytes: 3_000_001, seed: 7)
        try Data().write(to: files.appendingPathComponent("empty.txt"))
        let nfd = "データ一覧.csv".decomposedStringWithCanonicalMapping
        try Data("nfd".utf8).write(to: files.appendingPathComponent(nfd))
        try Data("slash".utf8).write(to: files.appendingPathComponent("令和7年度／報告.txt"))
        try Data("device".utf8).write(to: files.appendingPathComponent("CON.txt"))

        for (name, folder) in [
            ("調査票.xlsx", "/調査/2026/"), ("empty.txt", ""), (nfd, "調査"), ("令和7年度／報告.txt", ""), ("CON.txt", ""),
        ] {
            let result = try osaka.run(["docs", "put", files.appendingPathComponent(name).path, "--folder", folder])
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
        // A name that would act as a path is refused, nothing is stored.
        let traversal = try osaka.run([
            "docs", "put", files.appendingPathComponent("empty.txt").path, "--name", "../escape.txt",
        ])
        #expect(traversal.status == 64 && traversal.stderr.contains("must not contain /"))
        let listing = try JSONValue(parsing: try osaka.run(["docs", "ls", "--json"]).stdout)
        guard case .array(let entries) = listing else { Issue.record("not a list"); return }
        #expect(entries.count == 5)
        #expect(listing.canonicalText.contains("調査/データ一覧.csv"), "NFD names are stored in NFC")
        #expect(Data(listing.canonicalText.utf8).range(of: Data(nfd.utf8)) == nil, "compared by bytes")

        _ = try osaka.sync()
        _ = try advisor.sync()
        let out = directory.path("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for (reference, local) in [
            ("調査/2026/調査票.xlsx", "調査票.xlsx"), ("empty.txt", "empty.txt"), ("調査/データ一覧.csv", "データ一覧.csv"),
            ("令和7年度／報告.txt", "令和7年度／報告.txt"), ("CON.txt", "_CON.txt"),
        ] {
            let result = try advisor.run(["docs", "get", reference], directory: out)
            #expect(result.status == 0, "\(reference): \(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: out + "/" + local), "\(reference) -> \(local)")
        }
        #expect(try Self.sha256(of: out + "/調査票.xlsx") == big)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/empty.txt")).isEmpty)
        #expect(try String(contentsOfFile: out + "/_CON.txt", encoding: .utf8) == "device")
        // An existing output is not overwritten without --force.
        let again = try advisor.run(["docs", "get", "empty.txt"], directory: out)
        #expect(again.status != 0 && again.stderr.contains("--force"))
        #expect(try advisor.run(["docs", "get", "empty.txt", "--force"], directory: out).status == 0)
        #expect(try advisor.run(["docs", "verify"]).status == 0)
    }

    /// A cached copy whose size is wrong (cut short or grown on the local disk) is downloaded
    /// again, and the verified download replaces it: before, the download was dropped because a
    /// file already sat under that hash, and the damaged copy was what `get` wrote out.
    @Test func aCachedCopyOfTheWrongSizeIsReplacedByTheNextDownload() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let source = directory.url.appendingPathComponent("計画.xlsx")
        let hash = try Self.randomFile(source, bytes: 300_001, seed: 3)
        #expect(try osaka.run(["docs", "put", source.path]).status == 0)
        _ = try osaka.sync()
        _ = try advisor.sync()
        let out = directory.path("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        #expect(try advisor.run(["docs", "get", "計画.xlsx", "-o", out + "/first.xlsx"]).status == 0)

        let cached = try BlobStore(root: URL(fileURLWithPath: advisor.home).appendingPathComponent("blobs")).url(
            for: hash)
        let handle = try FileHandle(forWritingTo: cached)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("grown on the local disk".utf8))
        try handle.close()
        let second = try advisor.run(["docs", "get", "計画.xlsx", "-o", out + "/second.xlsx"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Self.sha256(of: out + "/second.xlsx") == hash, "downloaded again, not the damaged copy")
        #expect(try Self.sha256(of: cached.path) == hash, "the cached copy was replaced")
        #expect(try advisor.run(["docs", "verify"]).status == 0)
    }

    /// An output that exists already is refused before anything is downloaded: before, a
    /// large file came down whole first, and only then was the clerk told to choose a name.
    @Test func anExistingOutputIsRefusedBeforeTheDownload() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let source = directory.url.appendingPathComponent("計画.xlsx")
        let hash = try Self.randomFile(source, bytes: 300_001, seed: 5)
        #expect(try osaka.run(["docs", "put", source.path]).status == 0)
        _ = try osaka.sync()
        _ = try advisor.sync()
        let existing = directory.path("既存.xlsx")
        try Data("the clerk's own file".utf8).write(to: URL(fileURLWithPath: existing))
        let refused = try advisor.run(["docs", "get", "計画.xlsx", "-o", existing])
        #expect(refused.status != 0 && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "the clerk's own file")
        let cache = try BlobStore(root: URL(fileURLWithPath: advisor.home).appendingPathComponent("blobs"))
        #expect(cache.size(of: hash) == nil, "nothing was downloaded")
        let partial = cache.temporaryDirectory.appendingPathComponent("download-\(hash)").path
        #expect(!FileManager.default.fileExists(atPath: partial))
        let forced = try advisor.run(["docs", "get", "計画.xlsx", "-o", existing, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Self.sha256(of: existing) == hash)
    }

    @Test func twoMunicipalitiesUploadingTheSameFileStoreItOnce() throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("server")
        let server = try ServerProcess(dataDirectory: data)
        let file = directory.url.appendingPathComponent("共通様式.pdf")
        let hash = try Self.randomFile(file, bytes: 1_500_000, seed: 11)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sato", server: server)
        #expect(try osaka.run(["docs", "put", file.path]).status == 0)
        #expect(try sakai.run(["docs", "put", file.path]).status == 0)
        _ = try osaka.sync()
        _ = try sakai.sync()
        #expect(try Self.storedBlobs(data) == [hash], "stored once")
        // Sakai was not told the file exists (it may not read Osaka City's document): it sent the
        // bytes itself, and they were not stored a second time.
        #expect(server.standardError.components(separatedBy: "msg=\"upload complete\"").count == 3)
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        _ = try advisor.sync()
        let listing = try advisor.run(["docs", "ls"]).stdout
        #expect(listing.contains("271004") && listing.contains("271403"))
    }

    @Test func concurrentReplacementsOfOneDocumentKeepBothVersionsAndBothFiles() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let tanaka = try CLIReplica(directory, "tanaka", scope: "271004", user: "tanaka", server: server)
        let suzuki = try CLIReplica(directory, "suzuki", scope: "271004", user: "suzuki", server: server)
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        func write(_ text: String) throws -> String {
            let path = directory.path("名簿.txt")
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        #expect(try tanaka.run(["docs", "put", try write("version 1")]).status == 0)
        _ = try tanaka.sync()
        _ = try suzuki.sync()
        #expect(try tanaka.run(["docs", "put", try write("tanaka's version 2")]).status == 0)
        #expect(try suzuki.run(["docs", "put", try write("suzuki's version 2")]).status == 0)
        _ = try tanaka.sync()
        _ = try suzuki.sync()
        _ = try advisor.sync()

        #expect(try advisor.run(["docs", "ls"]).stdout.contains("CONFLICT"))
        let unsure = try advisor.run(["docs", "get", "名簿.txt", "-o", "-"])
        #expect(unsure.status == 65 && unsure.stderr.contains("conflicting versions"))
        let history = try JSONValue(parsing: try advisor.run(["docs", "history", "名簿.txt", "--json"]).stdout)
        guard case .array(let versions) = history else { Issue.record("no history"); return }
        #expect(versions.count == 3, "version 1 and the two concurrent ones")
        var contents: Set<String> = []
        for number in 1...versions.count {
            let result = try advisor.run(["docs", "get", "名簿.txt", "--version", "\(number)", "-o", "-"])
            #expect(result.status == 0, "\(result.stderr)")
            contents.insert(result.stdout)
        }
        #expect(contents == ["version 1", "tanaka's version 2", "suzuki's version 2"])

        // Putting again (having seen both versions) settles it everywhere.
        _ = try tanaka.sync()
        #expect(try tanaka.run(["docs", "put", try write("merged")]).status == 0)
        _ = try tanaka.sync()
        _ = try suzuki.sync()
        #expect(!(try suzuki.run(["docs", "ls"]).stdout.contains("CONFLICT")))
        #expect(try suzuki.run(["docs", "get", "名簿.txt", "-o", "-"]).stdout == "merged")
    }

    @Test(arguments: [UInt64(21), 22])
    func anUploadInterruptedByKillingTheClientResumesToAByteIdenticalFile(seed: UInt64) throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("server")
        let server = try ServerProcess(dataDirectory: data)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let size: Int64 = 48 << 20
        let file = directory.url.appendingPathComponent("記録映像.mp4")
        let hash = try Self.randomFile(file, bytes: Int(size), seed: seed)
        #expect(try osaka.run(["docs", "put", file.path]).status == 0)

        var generator = SeededGenerator(seed: seed)
        var interrupted = 0
        for round in 0..<3 {
            // Somewhere in the next 1-12 MiB of the upload.
            let threshold = min(
                Self.uploadBytes(data) + Int64.random(in: (1 << 20)...(12 << 20), using: &generator), size - 1)
            let client = try CommandRunner.start(
                "renkei", ["--home", osaka.home, "sync"], environment: ["RENKEI_RETRY_DELAYS": ""])
            while client.isRunning && Self.uploadBytes(data) < threshold { usleep(500) }
            let exitedByItself = !client.isRunning
            kill(client.processIdentifier, SIGKILL)
            client.waitUntilExit()
            if exitedByItself {
                #expect(client.terminationStatus == 0, "the client failed by itself in round \(round)")
            } else if try Self.storedBlobs(data).isEmpty {
                interrupted += 1
                print(
                    "seed \(seed) round \(round): client killed with \(Self.uploadBytes(data)) of \(size) bytes on the server"
                )
            }
        }
        #expect(interrupted >= 1, "at least one kill landed mid-upload")
        #expect(try osaka.run(["status", "--json"]).stdout.contains(#""pending":1"#), "the record waits for its file")

        let report = try osaka.sync()
        #expect(report["files"] == 1)
        #expect(try Self.storedBlobs(data) == [hash])
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        _ = try advisor.sync()
        let copy = directory.path("copy.mp4")
        #expect(try advisor.run(["docs", "get", "記録映像.mp4", "-o", copy]).status == 0)
        #expect(try Self.sha256(of: copy) == hash)
    }

    @Test func aServerKilledMidUploadKeepsOnlyDurableBytesAndNeverShowsAPartialFile() throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("server")
        var server = try ServerProcess(dataDirectory: data)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let size: Int64 = 48 << 20
        let file = directory.url.appendingPathComponent("台帳.zip")
        let hash = try Self.randomFile(file, bytes: Int(size), seed: 5)
        #expect(try osaka.run(["docs", "put", file.path]).status == 0)

        let client = try CommandRunner.start(
            "renkei", ["--home", osaka.home, "sync"], environment: ["RENKEI_RETRY_DELAYS": ""])
        while client.isRunning && Self.uploadBytes(data) < size / 2 { usleep(500) }
        server.kill9()
        client.waitUntilExit()
        #expect(client.terminationStatus != 0)
        #expect(try Self.storedBlobs(data).isEmpty, "no partial file became visible")
        let onDisk = Self.uploadBytes(data)
        let store = try ServerStore(path: data + "/renkei.sqlite")
        let recorded = try #require(try store.uploads.unfinished(sha256: hash, size: size, user: "tanaka"))
        #expect(recorded.offset <= onDisk, "the recorded offset never exceeds the bytes on disk")
        print("server killed mid-upload: \(recorded.offset) bytes durable, \(onDisk) on disk, of \(size)")

        server = try ServerProcess(dataDirectory: data)
        let result = try osaka.run(["sync", "--json", "--server", server.url])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.storedBlobs(data) == [hash])
        #expect(
            try Self.sha256(of: data + "/blobs/" + hash.prefix(2) + "/" + hash.dropFirst(2).prefix(2) + "/" + hash)
                == hash)
    }

    @Test func anInterruptedDownloadResumesAndShowsProgressOnATerminal() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let size = 48 << 20
        let file = directory.url.appendingPathComponent("資料.pdf")
        let hash = try Self.randomFile(file, bytes: size, seed: 31)
        #expect(try osaka.run(["docs", "put", file.path]).status == 0)
        _ = try osaka.sync()
        _ = try advisor.sync()

        let partial = advisor.home + "/blobs/tmp/download-" + hash
        func partialBytes() -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? NSNumber)?.intValue) ?? 0
        }
        let client = try CommandRunner.start(
            "renkei", ["--home", advisor.home, "docs", "get", "資料.pdf", "-o", directory.path("first.pdf")])
        while client.isRunning && partialBytes() < size / 3 { usleep(500) }
        kill(client.processIdentifier, SIGKILL)
        client.waitUntilExit()
        let kept = partialBytes()
        #expect(kept > 0 && kept < size, "killed mid-download with \(kept) bytes kept")
        #expect(!FileManager.default.fileExists(atPath: directory.path("first.pdf")), "no partial output file")

        // Run again on a pseudo-terminal: it resumes, and draws a progress line.
        func pieceRequests() -> Int {
            server.standardError.split(separator: "\n").filter {
                $0.contains("path=/v1/blobs/\(hash)") && $0.contains("status=206")
            }.count
        }
        let before = pieceRequests()
        let output = directory.path("copy.pdf")
        let command =
            "\(try CommandRunner.executable("renkei").path) --home \(advisor.home) docs get 資料.pdf -o \(output)"
        let terminal = try CommandRunner.run("/usr/bin/script", ["-q", "-e", "-c", command, "/dev/null"])
        #expect(terminal.status == 0, "\(terminal.stdout)")
        #expect(terminal.stdout.contains("↓ 資料.pdf") && terminal.stdout.contains("MB/s"), "\(terminal.stdout)")
        // Each update returns to the start of the line and erases it: no end of a longer line left.
        #expect(terminal.stdout.contains("\r\u{1B}[K↓ 資料.pdf"), "\(terminal.stdout.debugDescription)")
        #expect(try Self.sha256(of: output) == hash)
        #expect(!FileManager.default.fileExists(atPath: partial))
        let piece = 2 << 20
        #expect(
            pieceRequests() - before <= (size - kept) / piece + 2,
            "the second run asked only for what was missing")
    }
}
