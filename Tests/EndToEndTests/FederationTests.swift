import Foundation
import Models
import SyncStorage
import TestSupport
import Testing

/// `renkei-server federate`: a prefecture server sending its data up to a national server, as
/// one more replica of it. The national server ends up holding everything; nothing comes back.
@Suite(.serialized) struct FederationTests {
    /// The prefecture with two municipalities' answers, the advisor's hearing and a shared
    /// document; the national server with a token for the prefecture.
    struct Federation {
        let directory: TemporaryDirectory
        let prefecture: ServerProcess
        /// Replaced when the test restarts it.
        var national: ServerProcess
        let advisor: CLIReplica
        let osaka: CLIReplica
        let tokenFile: String

        init() throws {
            directory = try TemporaryDirectory()
            prefecture = try ServerProcess(dataDirectory: directory.path("prefecture"))
            national = try ServerProcess(dataDirectory: directory.path("national"))
            advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: prefecture)
            osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: prefecture)
            let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sato", server: prefecture)
            try osaka.put("answers", "osaka-dx-2025/271004/B07", "value", "12")
            try sakai.put("answers", "osaka-dx-2025/271403/B07", "value", "31")
            try sakai.put("answers", "osaka-dx-2025/271403/B07", "value", "32")  // supersedes 31: four current versions
            try advisor.put("hearings", "h-271403", "place", #""堺市役所""#, scope: "271403")
            let file = directory.path("計画書.txt")
            try Data("大阪府 DX 推進計画".utf8).write(to: URL(fileURLWithPath: file))
            #expect(try advisor.run(["docs", "put", file, "--folder", "共有"]).status == 0)
            for replica in [osaka, sakai, advisor, osaka] { _ = try replica.sync() }
            tokenFile = directory.path("uplink-token")
            let token = try national.token(for: "osaka-prefecture", role: "admin")
            #expect(
                FileManager.default.createFile(
                    atPath: tokenFile, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600]))
        }

        /// One `renkei-server federate` round (to `url`, else the national server), as JSON.
        func federate(to url: String? = nil) throws -> JSONValue {
            let result = try CommandRunner.run(
                "renkei-server",
                [
                    "federate", "--upstream", url ?? national.url, "--token-file", tokenFile, "--data",
                    prefecture.dataDirectory, "--json",
                ])
            guard result.status == 0 else { throw CLIError(result: result) }
            return try JSONValue(parsing: result.stdout.trimmingCharacters(in: .newlines))
        }

        func sequence(_ server: ServerProcess) throws -> String {
            let status = try CommandRunner.run("renkei-server", ["status", "--data", server.dataDirectory, "--json"])
            return String(status.stdout.split(separator: ",").first { $0.contains("\"sequence\"") } ?? "")
        }

        /// A new advisor replica of the national server, synced.
        func nationalAdvisor(_ name: String) throws -> CLIReplica {
            let replica = try CLIReplica(directory, name, scope: "shared", user: "national-advisor", server: national)
            _ = try replica.sync()
            return replica
        }
    }

    @Test func theNationalServerGetsEverythingOnceAndNothingComesBack() throws {
        let federation = try Federation()
        let before = try federation.sequence(federation.prefecture)
        let first = try federation.federate()
        #expect(first["versions"] == 4 && first["files"] == 1 && first["batches"] == 1, "\(first)")

        let national = try federation.nationalAdvisor("national-advisor")
        #expect(
            try national.dump() == (try federation.advisor.dump()),
            "the national server holds what the prefecture holds")
        #expect(
            try national.run(["docs", "get", "共有/計画書.txt", "-o", "-"]).stdout == "大阪府 DX 推進計画",
            "the document's file went up with it")

        // Nothing echoes: the prefecture moved no sequence, a second round sends nothing, and
        // the prefecture's replicas receive nothing new.
        #expect(try federation.sequence(federation.prefecture) == before)
        let second = try federation.federate()
        #expect(second["versions"] == 0 && second["batches"] == 0 && second["files"] == 0, "\(second)")
        let quiet = try federation.osaka.sync()
        #expect(quiet["pulled"] == 0 && quiet["pushed"] == 0, "\(quiet)")

        // One change later, exactly one version goes up, and the national copy follows.
        try federation.osaka.put("answers", "osaka-dx-2025/271004/B07", "value", "14")
        _ = try federation.osaka.sync()
        let third = try federation.federate()
        #expect(third["versions"] == 1 && third["files"] == 0, "\(third)")
        _ = try national.sync()
        _ = try federation.advisor.sync()
        #expect(try national.dump() == (try federation.advisor.dump()))
        #expect(try national.run(["get", "answers", "osaka-dx-2025/271004/B07", "value"]).stdout == "14\n")
        let audit = try CommandRunner.run(
            "renkei-server", ["admin", "audit", "--data", federation.prefecture.dataDirectory])
        #expect(audit.stdout.contains("federate"), "the prefecture's audit log says what left it")
    }

    /// Values up to their limits (hearing text 256 KiB) add up past the upstream's 8 MiB push
    /// limit in one page of versions: federation sends them in batches bounded by bytes.
    @Test func largeValuesGoUpInBatchesThatFitThePushLimit() throws {
        let federation = try Federation()
        let text = String(repeating: "あ", count: 80_000)  // 240 KB of UTF-8, under 256 KiB
        let writes = try (0..<40).map { index in
            (
                key: try RecordKey(validating: "hearings", record: "h-large-\(index)", field: "notes"),
                scope: Scope.shared, value: JSONValue.string(text)
            )
        }
        let store = try ReplicaStore.open(at: federation.advisor.storePath)
        try store.writeAll(writes, user: "advisor")
        let pushed = try federation.advisor.sync()
        #expect(pushed["pushed"] == .integer(40) && pushed["rejected"] == .integer(0), "\(pushed)")
        let round = try federation.federate()
        #expect(round["batches"].map { $0 != .integer(1) && $0 != .integer(0) } == true, "\(round)")
        let national = try federation.nationalAdvisor("national-large")
        #expect(try national.dump() == (try federation.advisor.dump()), "the national server has every version")
    }

    @Test func aBatchWhoseAnswerWasLostIsAppliedOnce() throws {
        let federation = try Federation()
        let relay = try TCPRelay(upstreamPort: federation.national.port, dropCount: 1)
        let round = try federation.federate(to: relay.url)
        #expect(relay.dropped.withLock { $0 } == 1)
        #expect(round["replayed_batches"] == 1, "the batch went again under its name: \(round)")
        #expect(try federation.sequence(federation.national).contains(":4"), "four versions, applied once")
        let national = try federation.nationalAdvisor("national-advisor")
        #expect(try national.dump() == (try federation.advisor.dump()))
        #expect(try federation.federate(to: relay.url)["batches"] == 0, "the round that lost its answer counts as sent")
    }

    @Test func aNationalServerRestoredFromABackupGetsEverythingAgain() throws {
        var federation = try Federation()
        // The national server's address stays the same across its restart (the uplink's
        // progress is kept per upstream URL).
        let address = try FaultProxy(upstreamPort: federation.national.port, seed: 1)
        address.faulty = false
        let backup = federation.directory.path("national-backup")
        #expect(
            try CommandRunner.run(
                "renkei-server", ["admin", "backup", backup, "--data", federation.national.dataDirectory]
            )
            .status == 0)
        _ = try federation.federate(to: address.url)
        #expect(try federation.federate(to: address.url)["batches"] == 0)
        #expect(federation.national.stop() == 0)
        let restored = try CommandRunner.run(
            "renkei-server", ["admin", "restore", backup, "--force", "--data", federation.national.dataDirectory])
        #expect(restored.status == 0, "\(restored.stderr)")
        federation.national = try ServerProcess(dataDirectory: federation.national.dataDirectory)
        address.setUpstream(federation.national.port)
        let again = try federation.federate(to: address.url)
        #expect(again["restarted"] == true && again["versions"] == 4 && again["files"] == 1, "\(again)")
        let national = try federation.nationalAdvisor("national-advisor-after-restore")
        #expect(try national.dump() == (try federation.advisor.dump()))
    }

    @Test func badUpstreamsAndTokenFilesAreClearErrors() throws {
        let federation = try Federation()
        let https = try CommandRunner.run(
            "renkei-server",
            [
                "federate", "--upstream", "https://national.example", "--token-file", federation.tokenFile, "--data",
                federation.prefecture.dataDirectory,
            ])
        #expect(https.status == 64 && https.stderr.contains("http://"), "\(https.stderr)")
        let open = federation.directory.path("open-token")
        try FileManager.default.copyItem(atPath: federation.tokenFile, toPath: open)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: open)
        let readable = try CommandRunner.run(
            "renkei-server",
            [
                "federate", "--upstream", federation.national.url, "--token-file", open, "--data",
                federation.prefecture.dataDirectory,
            ])
        #expect(readable.status == 66 && readable.stderr.contains("chmod 600"), "\(readable.stderr)")
        let wrong = federation.directory.path("wrong-token")
        _ = FileManager.default.createFile(
            atPath: wrong, contents: Data(("rk_" + String(repeating: "0", count: 64)).utf8),
            attributes: [.posixPermissions: 0o600])
        let refused = try CommandRunner.run(
            "renkei-server",
            [
                "federate", "--upstream", federation.national.url, "--token-file", wrong, "--data",
                federation.prefecture.dataDirectory,
            ])
        #expect(refused.status == 77 && refused.stderr.contains("401"), "\(refused.stderr)")
        let staffToken = try federation.national.token(for: "osaka-staff", role: "staff", scope: "271004")
        _ = FileManager.default.createFile(
            atPath: wrong, contents: Data(staffToken.utf8), attributes: [.posixPermissions: 0o600])
        let forbidden = try CommandRunner.run(
            "renkei-server",
            [
                "federate", "--upstream", federation.national.url, "--token-file", wrong, "--data",
                federation.prefecture.dataDirectory,
            ])
        #expect(forbidden.status == 77 && forbidden.stderr.contains("403"), "\(forbidden.stderr)")
        #expect(try federation.sequence(federation.national).contains(":0"), "nothing was applied upstream")
    }
}
