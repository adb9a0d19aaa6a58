import Foundation
import Glibc
import HTTP1
import Models
import SyncStorage
import Synchronization

/// `renkei-bench crowd`: `clients` real `renkei sync` processes start at once against a server
/// whose connection cap (`maxConnections`) is below their number: several staff PCs per
/// municipality, spread over the 43 Osaka municipalities, each with `changes` answers.
///
/// What it shows: the server stays up and answers past its cap by refusing cleanly (503 with
/// `Retry-After`, or closing the connection waiting longest for a head); a client that gives
/// up (exit 69) keeps its changes and sends them at its next sync; in the end the server holds
/// every change and no replica has anything pending.
enum CrowdBenchmark {
    static func run(clients: Int, changes: Int, maxConnections: Int, directory: URL) throws {
        let binaries = SyncBenchmark.binaries
        let renkei = binaries.appendingPathComponent("renkei").path
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let codes = Workload.codes
        print(
            "Renkei crowd: \(clients) clients sync at once, \(changes) changes each, server capped at \(maxConnections) connections"
        )
        print(String(repeating: "-", count: 96))
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        limit.rlim_cur = limit.rlim_max
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let logPath = path("server.log")
        let server = try SyncBenchmark.Server(
            binary: binaries.appendingPathComponent("renkei-server").path, data: path("server"),
            // Every client comes from 127.0.0.1: the per-address cap must not be what is measured.
            options: [
                "--max-connections", "\(maxConnections)", "--max-connections-per-address",
                "\(max(maxConnections, clients))",
            ], logPath: logPath)
        defer { server.stop() }

        let homes = (0..<clients).map { path("c\($0)") }
        let preparing = Date()
        for (index, home) in homes.enumerated() {
            let code = codes[index % codes.count]
            let user = "staff-\(code)-\(index / codes.count)"
            try SyncBenchmark.runCLI(
                binaries, ["--home", home, "init", "--scope", code, "--user", user, "--server", server.url])
            try server.authorize(
                home: home, user: user, grant: Grant(role: .staff, municipality: try MunicipalityCode(validating: code))
            )
            let store = try ReplicaStore.open(at: home + "/replica.sqlite")
            let scope = Scope.municipality(try MunicipalityCode(validating: code))
            try store.writeAll(
                try (0..<changes).map { item in
                    (
                        try RecordKey(
                            validating: "answers", record: "crowd/\(code)/pc\(index)/Q\(item)", field: "value"),
                        scope, JSONValue.integer(Int64(item))
                    )
                }, user: user)
        }
        print(String(format: "prepared %d replicas in %.1f s", clients, Date().timeIntervalSince(preparing)))

        var remaining = Array(homes.indices)
        var round = 0
        var firstRoundTimes: [Double] = []
        while !remaining.isEmpty && round < 5 {
            round += 1
            let results = Mutex<[Int: (seconds: Double, status: Int32)]>([:])
            let started = Date()
            let threads = remaining.map { index in
                Thread {
                    let outcome = FileBenchmark.spawn(renkei, ["--home", homes[index], "sync"])
                    results.withLock { $0[index] = (outcome.seconds, outcome.status) }
                }
            }
            threads.forEach {
                $0.stackSize = 256 << 10
                $0.start()
            }
            while results.withLock({ $0.count }) < remaining.count { usleep(20_000) }
            let wall = Date().timeIntervalSince(started)
            let outcomes = results.withLock { $0 }
            let times = outcomes.values.map(\.seconds).sorted()
            if round == 1 { firstRoundTimes = times }
            let gaveUp = outcomes.values.filter { $0.status == 69 }.count
            let otherFailures = outcomes.values.filter { $0.status != 0 && $0.status != 69 }
            print(
                String(
                    format:
                        "round %d: %d syncs at once, %d done, %d gave up with exit 69 (changes kept); p50 %.2f s, p99 %.2f s; all in %.2f s",
                    round, remaining.count, outcomes.values.filter { $0.status == 0 }.count, gaveUp,
                    percentile(times, 0.5), percentile(times, 0.99), wall))
            guard otherFailures.isEmpty else {
                throw BenchmarkError.wrongResult("syncs failed with statuses \(otherFailures.map(\.status))")
            }
            remaining = outcomes.filter { $0.value.status != 0 }.map(\.key).sorted()
        }

        // The server is still up and answering.
        let health = try HTTPClientConnection(
            host: "127.0.0.1", port: UInt16(server.url.split(separator: ":").last!)!, timeout: 5
        ).send(method: "GET", target: "/v1/health")
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        let refused = log.components(separatedBy: "connection refused: at capacity").count - 1
        let evicted = log.components(separatedBy: "connection closed to admit another").count - 1
        let store = try ServerStore(path: path("server") + "/renkei.sqlite")
        let versions = try store.statistics().versions
        var pending: Int64 = 0
        for home in homes { pending += try ReplicaStore.open(at: home + "/replica.sqlite").pendingCount() }
        let expected = Int64(clients * changes)
        print(
            "server: up (health \(health.status)), \(refused) connections refused with 503, \(evicted) closed to admit others; peak RSS \(String(format: "%.1f", server.peakMiB())) MiB"
        )
        print(
            "server holds \(versions) of \(expected) versions; \(pending) changes pending on the replicas; rounds needed: \(round)"
        )
        print(
            String(
                format: "first round: p50 %.2f s, p99 %.2f s, max %.2f s", percentile(firstRoundTimes, 0.5),
                percentile(firstRoundTimes, 0.99), firstRoundTimes.last ?? 0))
        guard health.status == 200, remaining.isEmpty, versions == expected, pending == 0 else {
            throw BenchmarkError.wrongResult("something was lost or never synced")
        }
        print(String(repeating: "-", count: 96))
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
    }
}
