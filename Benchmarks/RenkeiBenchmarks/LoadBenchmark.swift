import Foundation
import Glibc
import Models
import SyncStorage
import Synchronization

/// `renkei-bench load`: the 43 Osaka municipalities sync at once against one server, each with
/// `changes` answers and one document of `megabytes` MB (real binaries, loopback). Prints the
/// p50/p99/max of the `renkei sync` times and checks that the server holds everything.
enum LoadBenchmark {
    static func run(changes: Int, megabytes: Int, directory: URL) throws {
        let binaries = SyncBenchmark.binaries
        let renkei = binaries.appendingPathComponent("renkei").path
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let codes = Workload.codes
        print(
            "Renkei load: \(codes.count) municipalities sync at once, each \(changes) changes + a \(megabytes) MB document"
        )
        print(String(repeating: "-", count: 96))
        let server = try SyncBenchmark.Server(
            binary: binaries.appendingPathComponent("renkei-server").path, data: path("server"))
        defer { server.stop() }

        // Each municipality's replica, prepared offline: answers and a document of its own.
        for code in codes {
            let home = path("m\(code)")
            try SyncBenchmark.runCLI(
                binaries, ["--home", home, "init", "--scope", code, "--user", "staff-\(code)", "--server", server.url])
            try server.authorize(
                home: home, user: "staff-\(code)",
                grant: Grant(role: .staff, municipality: try MunicipalityCode(validating: code)))
            let store = try ReplicaStore.open(at: home + "/replica.sqlite")
            let scope = Scope.municipality(try MunicipalityCode(validating: code))
            try store.writeAll(
                try (0..<changes).map { index in
                    (
                        try RecordKey(validating: "answers", record: "load/\(code)/Q\(index)", field: "value"), scope,
                        JSONValue.integer(Int64(index))
                    )
                }, user: "staff-\(code)")
            let file = path("doc-\(code).bin")
            try FileBenchmark.writeRandomFile(file, bytes: megabytes * 1_000_000 + Int(code)!)
            try SyncBenchmark.runCLI(binaries, ["--home", home, "docs", "put", file, "--name", "計画書.bin"])
        }

        // All at once.
        let results = Mutex<[(seconds: Double, status: Int32)]>([])
        let started = Date()
        let threads = codes.map { code in
            let home = path("m\(code)")
            return Thread {
                var seconds = 0.0
                var status: Int32 = 0
                do {
                    let measured = try FileBenchmark.spawnMeasured(renkei, ["--home", home, "sync"])
                    seconds = measured.seconds
                } catch {
                    status = 1
                }
                results.withLock { $0.append((seconds, status)) }
            }
        }
        threads.forEach { $0.start() }
        while results.withLock({ $0.count }) < codes.count { usleep(10_000) }
        let wall = Date().timeIntervalSince(started)
        let times = results.withLock { $0 }.map(\.seconds).sorted()
        let failed = results.withLock { $0 }.filter { $0.status != 0 }.count
        func percentile(_ p: Double) -> Double {
            times[min(times.count - 1, Int((Double(times.count) * p).rounded(.up)) - 1)]
        }
        print(
            String(
                format: "renkei sync, %d at once: p50 %.2f s, p99 %.2f s, max %.2f s; all done in %.2f s; %d failed",
                codes.count, percentile(0.5), percentile(0.99), times.last ?? 0, wall, failed))

        // After the burst the server should give its memory back: RSS sampled every 250 ms.
        let peak = server.peakMiB()
        var settledAfter: Double?
        var residentAt10 = 0.0
        let burstEnded = Date()
        while Date().timeIntervalSince(burstEnded) < 10.5 {
            let resident = server.residentMiB()
            if settledAfter == nil, resident < 40 { settledAfter = Date().timeIntervalSince(burstEnded) }
            if Date().timeIntervalSince(burstEnded) <= 10 { residentAt10 = resident }
            usleep(250_000)
        }
        let settled = settledAfter.map { String(format: "after %.1f s", $0) } ?? "not within 10 s"
        print(
            String(format: "server RSS: peak %.1f MiB, %.1f MiB 10 s after the burst; ", peak, residentAt10)
                + "under 40 MiB \(settled)")

        let store = try ServerStore(path: path("server") + "/renkei.sqlite")
        let versions = try store.statistics().versions
        let files = try BlobStore(root: URL(fileURLWithPath: path("server") + "/blobs")).storedHashes().count
        let expected = Int64(codes.count * (changes + 1))
        print(
            "server holds \(versions) of \(expected) versions and \(files) of \(codes.count) files"
        )
        guard failed == 0, versions == expected, files == codes.count else {
            throw BenchmarkError.wrongResult("something was lost or refused under load")
        }
        print(String(repeating: "-", count: 96))
        print("targets: p99 <= 2 s; server peak RSS <= 64 MiB, back under 40 MiB within 10 s")
    }
}
