import Foundation
import Glibc
import Models
import SyncStorage
import TestSupport
import Testing

/// Power cuts and full disks: clients killed at random points keep sound replicas and converge;
/// a server whose disk fills refuses pushes whole and resumes when space returns.
@Suite(.serialized) struct DurabilityTests {
    @Test func clientsKilledAtTwoHundredRandomPointsKeepSoundReplicasThatConverge() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        var generator = SeededGenerator(seed: PropertyTestSettings.seeds(base: 88, count: 1)[0])
        let file = directory.path("資料.bin")
        var killedMidway = 0
        for point in 0..<200 {
            // Something to send: 200 answers, sometimes a 2 MB document too.
            let store = try ReplicaStore.open(at: osaka.storePath)
            let writes = try (0..<200).map { index in
                (
                    key: try RecordKey(validating: "answers", record: "r/271004/P\(point)-\(index)", field: "value"),
                    scope: Scope.municipality(try MunicipalityCode(validating: "271004")),
                    value: JSONValue.integer(Int64(index))
                )
            }
            try store.writeAll(writes, user: "tanaka")
            let arguments: [String]
            if point % 4 == 0 {
                try Data((0..<2_000_000).map { UInt8(truncatingIfNeeded: $0 &* (point + 1)) }).write(
                    to: URL(fileURLWithPath: file))
                arguments = point % 8 == 0 ? ["docs", "put", file, "--name", "資料\(point).bin"] : ["sync"]
            } else {
                arguments = ["sync"]
            }
            let process = try CommandRunner.start(
                "renkei", ["--home", osaka.home] + arguments, environment: ["RENKEI_RETRY_DELAYS": ""])
            usleep(useconds_t(Int.random(in: 0...80_000, using: &generator)))
            if process.isRunning { killedMidway += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let problems = try ReplicaStore.open(at: osaka.storePath).integrityProblems()
            #expect(problems.isEmpty, "point \(point): \(problems)")
        }
        print("client killed at 200 points (\(killedMidway) while still running)")
        #expect(killedMidway >= 50, "many kills landed mid-command: \(killedMidway)")
        // The next syncs converge: nothing pending, the server holds what the replica holds.
        let result = try osaka.run(["sync", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try osaka.run(["status", "--json"]).stdout.contains(#""pending":0"#))
        #expect(try osaka.run(["docs", "verify"]).status == 0, "the file cache is sound")
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        _ = try advisor.sync()
        #expect(try osaka.dump() == (try advisor.dump(readableBy: "271004")))
    }

    @Test func aFullDiskRefusesPushesWholeAndServiceResumesWhenSpaceReturns() throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("server")
        let outside = directory.path("outside")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let server = try CommandRunner.executable("renkei-server").path
        // A 12 MiB file system of its own (a tmpfs in a private mount namespace, no root needed),
        // 6 MiB of it taken by ballast the test can ask to remove. No disk reserve: this is the
        // disk really filling up (SQLite's and the file store's own errors); the reserve has its
        // own test (`AuthorityAttackTests.writesStopAtTheDiskReserveAndReadsGoOn`).
        let script = """
            set -e
            mount -t tmpfs -o size=12m tmpfs "$DATA"
            "$SERVER" admin municipality import "$CSV" --data "$DATA" >/dev/null
            "$SERVER" admin user add tanaka --role staff --scope 271004 --data "$DATA" >/dev/null
            "$SERVER" admin token issue tanaka --data "$DATA" 2>/dev/null >"$OUT/token"
            dd if=/dev/zero of="$DATA/ballast" bs=1M count=6 2>/dev/null
            "$SERVER" serve --data "$DATA" --listen 127.0.0.1:0 --disk-reserve 0 &
            pid=$!
            trap 'kill -TERM $pid' TERM
            while [ ! -e "$OUT/free" ]; do sleep 0.1; done
            rm "$DATA/ballast"
            wait $pid
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["--user", "--map-root-user", "--mount", "sh", "-c", script]
        process.environment = ProcessInfo.processInfo.environment.merging(
            [
                "DATA": data, "OUT": outside, "SERVER": server, "CSV": ServerProcess.municipalitiesCSV,
                "RENKEI_LANG": "en",
            ]
        ) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "listening on ") else {
            Issue.record("the server in its small file system did not start: \(text)")
            return
        }
        let url = String(text[range.upperBound...].prefix { !$0.isNewline })
        let token = try String(contentsOfFile: outside + "/token", encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: url, token: token)
        let port = UInt16(url.split(separator: ":").last!)!
        let client = HTTPTestClient(port: port, token: token)
        func sequence() throws -> String {
            let health = try client.send("GET", "/v1/health")
            return String(health.text.split(separator: ",").first { $0.contains("sequence") } ?? "")
        }

        // Fill it: 8,000 answers of 1 KB each do not fit in what is left.
        let store = try ReplicaStore.open(at: osaka.storePath)
        let big = String(repeating: "あ", count: 340)
        try store.writeAll(
            try (0..<8_000).map { index in
                (
                    key: try RecordKey(validating: "answers", record: "r/271004/Q\(index)", field: "value"),
                    scope: Scope.municipality(try MunicipalityCode(validating: "271004")), value: JSONValue.string(big)
                )
            }, user: "tanaka")
        let before = try sequence()
        let full = try osaka.run(["sync"], retryDelays: "")
        #expect(full.status != 0 && full.stderr.contains("storage_full"), "\(full.stderr)")
        #expect(full.stderr.contains("kept"), "nothing local is lost")
        let after = try sequence()
        print("disk full: sequence before \(before), after \(after); \(full.stderr.prefix(160))")
        #expect(try ReplicaStore.open(at: osaka.storePath).pendingCount() > 0)
        // Whole batches only: the server holds exactly the batches it acknowledged (they left the
        // outbox), nothing of the one that failed (it waits in the outbox, resent under its name).
        if let first = Int(before.filter(\.isNumber)), let number = Int(after.filter(\.isNumber)) {
            let pending = try ReplicaStore.open(at: osaka.storePath).pendingCount()
            #expect(
                Int64(number - first) == 8_000 - pending,
                "no half-applied batch: \(before) -> \(after), \(pending) pending")
        }

        // Space comes back: the same sync finishes and nothing was lost.
        #expect(FileManager.default.createFile(atPath: outside + "/free", contents: nil))
        usleep(500_000)
        let resumed = try osaka.run(["sync", "--json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try osaka.run(["status", "--json"]).stdout.contains(#""pending":0"#))
        // Pages end at 8 MiB: read them all.
        var pulled = 0
        var cursor: Int64 = 0
        while true {
            let page = try PullResponse(decoding: try client.send("GET", "/v1/pull?since=\(cursor)&limit=10000").body)
            pulled += page.changes.count
            cursor = page.next
            if !page.more { break }
        }
        #expect(pulled == 8_000)
    }
}
