import Foundation
import HTTP1
import Models
import SyncStorage
import Synchronization
import TestSupport
import Testing

/// A replica driven through the real `renkei` binary.
struct CLIReplica {
    let home: String

    /// A replica that has never talked to a server (`token`: a stored token, e.g. for a server
    /// that cannot be reached).
    init(
        _ directory: TemporaryDirectory, _ name: String, scope: String, user: String, server: String,
        token: String? = nil
    ) throws {
        home = directory.path(name)
        let result = try run(["init", "--scope", scope, "--user", user, "--server", server])
        guard result.status == 0 else { throw CLIError(result: result) }
        if let token { try Self.storeToken(token, home: home) }
    }

    /// A replica of `server`'s municipality `scope` (staff) or the advisor (`shared`), with a
    /// token the server issued; `url` replaces the server's own (a relay in front of it).
    init(
        _ directory: TemporaryDirectory, _ name: String, scope: String, user: String, server: ServerProcess,
        url: String? = nil
    ) throws {
        let token = try server.token(
            for: user, role: scope == "shared" ? "advisor" : "staff", scope: scope == "shared" ? nil : scope)
        try self.init(directory, name, scope: scope, user: user, server: url ?? server.url, token: token)
    }

    /// Writes the token file as `renkei login` does (0600).
    static func storeToken(_ token: String, home: String) throws {
        let path = home + "/token"
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown) }
    }

    /// Runs `renkei` on this replica; `environment` adds to the test's (`SOURCE_DATE_EPOCH` for
    /// reports made the same whenever they are made).
    @discardableResult
    func run(
        _ arguments: [String], retryDelays: String = "0.05,0.05", directory: String? = nil,
        environment: [String: String] = [:]
    ) throws -> CommandRunner.Result {
        try CommandRunner.run(
            "renkei", ["--home", home] + arguments,
            environment: environment.merging(["RENKEI_RETRY_DELAYS": retryDelays]) { own, _ in own },
            directory: directory)
    }

    func put(_ collection: String, _ record: String, _ field: String, _ json: String, scope: String? = nil) throws {
        let result = try run(["put", collection, record, field, json] + (scope.map { ["--scope", $0] } ?? []))
        guard result.status == 0 else { throw CLIError(result: result) }
    }

    func sync() throws -> JSONValue {
        let result = try run(["sync", "--json"])
        guard result.status == 0 else { throw CLIError(result: result) }
        return try JSONValue(parsing: result.stdout.trimmingCharacters(in: .newlines))
    }

    func dump() throws -> String { try run(["dump"]).stdout }

    /// The dump lines a replica of `scope` may hold (its own scope and `shared`): what a staff
    /// replica must match of an advisor's dump.
    func dump(readableBy scope: String) throws -> String {
        try dump().split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            line.isEmpty || line.contains(#""scope":"shared""#) || line.contains(#""scope":"\#(scope)""#)
        }.joined(separator: "\n")
    }

    func register(_ collection: String, _ record: String, _ field: String) throws -> JSONValue {
        try JSONValue(
            parsing: try run(["get", collection, record, field, "--json"]).stdout.trimmingCharacters(in: .newlines))
    }

    /// The vector of the register's first current version as this replica holds it (empty when
    /// it holds none): what a raw push must carry to supersede it.
    func currentVector(_ collection: String, _ record: String, _ field: String) throws -> VersionVector {
        guard case .array(let versions) = try register(collection, record, field),
            case .object(let version)? = versions.first, case .array(let pairs)? = version["vector"]
        else { return VersionVector() }
        return try VersionVector(
            validating: pairs.compactMap { pair -> (ReplicaID, UInt64)? in
                guard case .array(let parts) = pair, parts.count == 2, case .string(let hex) = parts[0],
                    case .integer(let counter) = parts[1], let replica = try? ReplicaID(validating: hex)
                else { return nil }
                return (replica, UInt64(counter))
            })
    }

    var storePath: String { home + "/replica.sqlite" }
}

struct CLIError: Error, CustomStringConvertible {
    let result: CommandRunner.Result
    var description: String { "exit \(result.status): \(result.stderr)" }
}

extension JSONValue {
    subscript(_ name: String) -> JSONValue? {
        if case .object(let members) = self { return members[name] }
        return nil
    }
    var count: Int {
        if case .array(let elements) = self { return elements.count }
        return 0
    }
}

@Suite(.serialized) struct SyncEndToEndTests {
    @Test func threeOfflineReplicasConvergeWhateverTheSyncOrder() throws {
        for seed in [UInt64(1), 2, 3] {
            let directory = try TemporaryDirectory()
            let server = try ServerProcess(dataDirectory: directory.path("server"))
            let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
            let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sato", server: server)
            let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
            let replicas = [osaka, sakai, advisor]
            var generator = SeededGenerator(seed: seed)
            // Offline edits everywhere, different fields and one field edited concurrently.
            try osaka.put("answers", "osaka-dx-2025/271004/A01", "value", "true")
            try osaka.put("answers", "osaka-dx-2025/271004/A05", "value", "12")
            try sakai.put("answers", "osaka-dx-2025/271403/A01", "value", "false")
            try advisor.put("hearings", "0193a8f0-0000-7000-8000-000000000001", "place", #""大阪市役所""#, scope: "271004")
            try advisor.put("surveys", "osaka-dx-2025", "status", #""open""#, scope: "shared")
            for _ in 0..<3 {
                for replica in replicas.shuffled(using: &generator) { _ = try replica.sync() }
            }
            // A concurrent edit of the same field (both may write hearings of Osaka City) becomes
            // a conflict on every replica that may read it.
            let place = ("hearings", "0193a8f0-0000-7000-8000-000000000001", "place")
            try osaka.put(place.0, place.1, place.2, #""大阪市役所 本庁舎""#)
            try advisor.put(place.0, place.1, place.2, #""大阪市役所 4階""#, scope: "271004")
            for _ in 0..<2 {
                for replica in replicas.shuffled(using: &generator) { _ = try replica.sync() }
            }
            for replica in [osaka, advisor] {
                #expect(try replica.register(place.0, place.1, place.2).count == 2, "seed \(seed)")
            }
            // Each replica holds exactly what it may read, identical to the advisor's copy of it.
            let everything = try advisor.dump()
            #expect(everything.split(separator: "\n").count == 5)
            #expect(try osaka.dump() == (try advisor.dump(readableBy: "271004")), "seed \(seed): replicas differ")
            #expect(try sakai.dump() == (try advisor.dump(readableBy: "271403")), "seed \(seed): replicas differ")
            #expect(!(try sakai.dump()).contains("271004"), "Sakai holds nothing of Osaka City")
            // A later write resolves it everywhere.
            try osaka.put(place.0, place.1, place.2, #""大阪市役所 本庁舎4階""#)
            for _ in 0..<2 {
                for replica in replicas.shuffled(using: &generator) { _ = try replica.sync() }
            }
            for replica in [osaka, advisor] {
                #expect(try replica.register(place.0, place.1, place.2).count == 1, "seed \(seed)")
                #expect(try replica.run(["status", "--json"]).stdout.contains(#""conflicts":0"#))
            }
            #expect(try osaka.dump() == (try advisor.dump(readableBy: "271004")), "seed \(seed)")
            #expect(try sakai.dump() == (try advisor.dump(readableBy: "271403")), "seed \(seed)")
            // One more round moves nothing.
            for replica in replicas {
                let report = try replica.sync()
                #expect(report["pushed"] == 0 && report["accepted"] == 0, "seed \(seed)")
            }
            #expect(server.stop() == 0, "SIGTERM ends the server with status 0")
        }
    }

    @Test func aPushWhoseAnswerWasLostIsResentAndChangesNothing() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let proxy = try TCPRelay(upstreamPort: server.port, dropCount: 1)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server, url: proxy.url)
        try osaka.put("answers", "osaka-dx-2025/271004/A01", "value", "true")
        try osaka.put("answers", "osaka-dx-2025/271004/A02", "value", "3")
        // No retries: the client gives up as if it had been killed after sending.
        let first = try osaka.run(["sync"], retryDelays: "")
        #expect(first.status == 69, "\(first.stderr)")
        #expect(first.stderr.contains("2 local change(s) are kept"))
        #expect(proxy.dropped.withLock { $0 } == 1)
        let sequenceAfterFirst = try CommandRunner.run(
            "renkei-server", ["status", "--data", server.dataDirectory, "--json"]
        ).stdout
        #expect(sequenceAfterFirst.contains(#""versions":2"#), "the server committed the batch")

        let retry = try osaka.sync()
        #expect(retry["replayed_batches"] == 1 && retry["pushed"] == 2)
        let status = try CommandRunner.run("renkei-server", ["status", "--data", server.dataDirectory, "--json"]).stdout
        #expect(
            status.contains(#""versions":2"#) && status.contains(#""sequence":2"#),
            "the retry applied nothing twice: \(status)")
        #expect(try osaka.run(["status", "--json"]).stdout.contains(#""pending":0"#))
    }

    @Test func serverKilledMidPushLosesNoAcknowledgedChangeAndAppliesNoHalfBatch() throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("server")
        var server = try ServerProcess(dataDirectory: data)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        // 20,000 local writes (4 batches of 5,000), written straight into the replica file.
        let total = 20_000
        do {
            let store = try ReplicaStore.open(at: osaka.storePath)
            let scope = Scope.municipality(try MunicipalityCode(validating: "271004"))
            let writes = try (0..<total).map { index in
                (
                    key: try RecordKey(validating: "answers", record: "osaka-dx-2025/271004/Q\(index)", field: "value"),
                    scope: scope, value: JSONValue.integer(Int64(index))
                )
            }
            try store.writeAll(writes, user: "tanaka")
        }
        let client = Thread {
            _ = try? osaka.run(["sync"], retryDelays: "")
        }
        client.start()
        usleep(useconds_t(Int.random(in: 150_000...400_000)))
        server.kill9()
        while client.isExecuting { usleep(10_000) }
        usleep(200_000)

        let pending = try ReplicaStore.open(at: osaka.storePath).pendingCount()
        let stored = try ServerStore(path: data + "/renkei.sqlite").statistics().versions
        print("server killed mid-push: \(stored) of \(total) changes on the server, \(pending) pending on the client")
        #expect(stored % 5_000 == 0, "only whole batches (5,000 changes each) are applied: \(stored)")
        #expect(
            stored >= Int64(total) - pending,
            "every acknowledged change is on the server: \(stored) stored, \(pending) pending")

        server = try ServerProcess(dataDirectory: data)
        let report = try osaka.run(["sync", "--json", "--server", server.url])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try osaka.run(["status", "--json"]).stdout.contains(#""pending":0"#))
        #expect(try ServerStore(path: data + "/renkei.sqlite").statistics().versions == Int64(total))
        let fresh = try CLIReplica(directory, "fresh", scope: "shared", user: "advisor", server: server)
        _ = try fresh.sync()
        #expect(try fresh.dump() == (try osaka.dump()))
    }

    /// The server here is http://, so http_proxy / HTTP_PROXY apply (https_proxy is for https://).
    @Test(arguments: ["--proxy", "http_proxy", "HTTP_PROXY"])
    func syncGoesThroughTheConfiguredProxy(_ how: String) throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let proxy = try TCPRelay(upstreamPort: server.port)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        try osaka.put("answers", "osaka-dx-2025/271004/A01", "value", "true")
        var environment = ["RENKEI_RETRY_DELAYS": "", "no_proxy": "", "NO_PROXY": ""]
        var arguments = ["--home", osaka.home, "sync", "--json"]
        for name in ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"] { environment[name] = "" }
        if how == "--proxy" { arguments += ["--proxy", proxy.url] } else { environment[how] = proxy.url }
        let result = try CommandRunner.run("renkei", arguments, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(proxy.connections.withLock { $0 } >= 1, "the requests went through the proxy")
        #expect(try osaka.run(["status", "--json"]).stdout.contains(#""pending":0"#))
    }

    /// A client waiting for a server that has not answered yet must sleep: 43 municipalities
    /// waiting at once on a busy server otherwise take the CPU the server needs (URLSession on
    /// Linux polled: 80% of a core per waiting request, measured).
    @Test func aSyncWaitingForASilentServerUsesNoCPU() throws {
        let directory = try TemporaryDirectory()
        let listener = try Socket.listen(host: "127.0.0.1", port: 0)
        defer { listener.shutdown() }
        let port = try listener.localPort()
        Thread.detachNewThread {
            var held: [Socket] = []  // accepted and never answered
            while let (client, _) = try? listener.accept() { held.append(client) }
            held.forEach { $0.close() }
            listener.close()
        }
        let osaka = try CLIReplica(
            directory, "osaka", scope: "271004", user: "tanaka", server: "http://127.0.0.1:\(port)",
            token: "rk_" + String(repeating: "0", count: 64))
        try osaka.put("answers", "osaka-dx-2025/271004/A01", "value", "true")
        let sync = try CommandRunner.start("renkei", ["--home", osaka.home, "sync"])
        defer { sync.terminate() }
        Thread.sleep(forTimeInterval: 2)
        #expect(sync.isRunning, "the sync is still waiting for its answer")
        // utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks.
        let stat = try String(contentsOfFile: "/proc/\(sync.processIdentifier)/stat", encoding: .utf8)
        let fields = stat[stat.range(of: ") ")!.upperBound...].split(separator: " ")
        let ticks = (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)
        let cpuSeconds = ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
        #expect(cpuSeconds < 0.5, "renkei used \(cpuSeconds) s of CPU in 2 s of waiting")
    }

    /// The small version of `renkei-bench crowd`: more clients at once than the server takes.
    @Test func clientsPastTheConnectionCapAreRefusedCleanlyAndLoseNothing() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(
            dataDirectory: directory.path("server"), extraArguments: ["--max-connections", "2"])
        let codes = ["271004", "271403", "272027", "272035", "272043", "272051"]
        let replicas = try codes.flatMap { code in
            try (0..<2).map { pc in
                try CLIReplica(directory, "m\(code)-\(pc)", scope: code, user: "staff-\(code)-\(pc)", server: server)
            }
        }
        for replica in replicas {
            let code = String(replica.home.suffix(8).prefix(6))
            for item in 0..<5 {
                try replica.put("answers", "crowd/\(code)/\(replica.home.suffix(1))/Q\(item)", "value", "\(item)")
            }
        }
        let statuses = Mutex<[Int32]>([])
        let threads = replicas.map { replica in
            Thread {
                let result = try? replica.run(["sync"], retryDelays: "0.1,0.2,0.4,0.8,1.6,3.2")
                statuses.withLock { $0.append(result?.status ?? -1) }
            }
        }
        threads.forEach { $0.start() }
        while statuses.withLock({ $0.count }) < replicas.count { usleep(20_000) }
        #expect(statuses.withLock { $0 }.allSatisfy { $0 == 0 }, "every sync finished: \(statuses.withLock { $0 })")
        #expect(server.logShows("at capacity"), "some connections met the cap")
        let status = try CommandRunner.run("renkei-server", ["status", "--data", server.dataDirectory, "--json"]).stdout
        #expect(status.contains(#""versions":60"#), "nothing lost: \(status)")
        for replica in replicas {
            #expect(try replica.run(["status", "--json"]).stdout.contains(#""pending":0"#))
        }
    }

    @Test func syncWithoutAServerKeepsEverythingAndSaysWhy() throws {
        let directory = try TemporaryDirectory()
        let osaka = try CLIReplica(
            directory, "osaka", scope: "271004", user: "tanaka", server: "http://127.0.0.1:9",
            token: "rk_" + String(repeating: "0", count: 64))
        try osaka.put("answers", "osaka-dx-2025/271004/A01", "value", "true")
        let result = try osaka.run(["sync"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("cannot reach the server after 3 attempts"))
        #expect(result.stderr.contains("1 local change(s) are kept"))
        #expect(try osaka.run(["status", "--json"]).stdout.contains(#""pending":1"#))
        let badURL = try osaka.run(["sync", "--server", "ftp://x"])
        #expect(badURL.status == 64)
    }
}
