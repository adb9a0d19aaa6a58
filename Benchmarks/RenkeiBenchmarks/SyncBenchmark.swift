import Foundation
import Glibc
import Models
import SyncStorage

/// `renkei-bench sync`: the real `renkei-server` and `renkei` binaries over loopback HTTP.
/// One replica pushes N changes (`renkei sync`, batches of 10,000), a fresh replica pulls them
/// all, then a no-change sync is timed; server RSS is read from /proc.
enum SyncBenchmark {
    static func run(count: Int, directory: URL) throws {
        let binaries = SyncBenchmark.binaries
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        print("Renkei sync benchmark: \(Measure.grouped(Double(count))) changes over HTTP on loopback")
        print(String(repeating: "-", count: 96))

        let workload = Workload(count: count, versionsPerRegister: 1, shuffled: false)
        let rawRates = try (0..<3).map { run in
            Double(count) / (try RawInsertBaseline.run(changes: workload.changes, path: path("raw-\(run).sqlite")))
        }.sorted()
        let raw = rawRates[1]
        RenkeiBenchmarks.report("raw SQLite bulk insert (baseline, median of 3)", raw, baseline: nil, unit: "rows/s")

        let server = try Server(binary: binaries.appendingPathComponent("renkei-server").path, data: path("server"))
        defer { server.stop() }
        usleep(300_000)
        let idleRSS = server.residentMiB()

        // The pushing replica: one municipality's staff (every authority check applies: author,
        // user, vectors, scope, and each answer against the published survey: rows of a table
        // item with an integer column), N local writes in one transaction (like an import), then
        // `renkei sync`.
        let pusher = path("pusher")
        try runCLI(
            binaries, ["--home", pusher, "init", "--scope", "271004", "--user", "pusher", "--server", server.url])
        let osaka = try MunicipalityCode(validating: "271004")
        try server.authorize(home: pusher, user: "pusher", grant: Grant(role: .staff, municipality: osaka))
        try server.publishBenchmarkSurvey(rows: workload.changes.count)
        let store = try ReplicaStore.open(at: pusher + "/replica.sqlite")
        let writes = try workload.changes.enumerated().map { index, change in
            (
                key: try RecordKey(
                    validating: "answers", record: Server.benchmarkRecord(index, municipality: "271004"),
                    field: "value"),
                scope: Scope.municipality(osaka), value: JSONValue.integer(Int64(index))
            )
        }
        try store.writeAll(writes, user: "pusher")
        var pushLog = ""
        let pushSeconds = try Measure.seconds {
            pushLog = try runCLI(binaries, ["--home", pusher, "sync", "--verbose"])
        }
        RenkeiBenchmarks.report(
            "push: renkei sync (batches of 10,000)", Double(count) / pushSeconds, baseline: raw, unit: "changes/s")

        let puller = path("puller")
        try runCLI(
            binaries, ["--home", puller, "init", "--scope", "shared", "--user", "bench", "--server", server.url])
        try server.authorize(home: puller, user: "puller")
        var pullLog = ""
        let pullSeconds = try Measure.seconds {
            pullLog = try runCLI(binaries, ["--home", puller, "sync", "--verbose"])
        }
        RenkeiBenchmarks.report(
            "pull: fresh replica (pages of 10,000, next one prefetched)", Double(count) / pullSeconds, baseline: raw,
            unit: "changes/s")

        // Where the client's time went (its own --verbose lines: local database vs waiting for the server).
        for (name, log) in [("push", pushLog), ("pull", pullLog)] {
            if let last = log.split(separator: "\n").last(where: { $0.contains("local") }) {
                print("    \(name) client split: \(last.split(separator: ";").last.map(String.init) ?? "")")
            }
        }
        // Every answer, and the survey's two fields.
        guard try ReplicaStore.open(at: puller + "/replica.sqlite").statistics().versions == Int64(count) + 2 else {
            throw BenchmarkError.wrongResult("the pulling replica does not hold every change")
        }

        // Timed with posix_spawn: Foundation's Process adds tens of milliseconds of its own.
        var noChange: [Double] = []
        for _ in 0..<20 {
            noChange.append(
                try Measure.seconds {
                    try spawn(binaries.appendingPathComponent("renkei").path, ["--home", puller, "sync"])
                })
        }
        noChange.sort()
        print(
            String(
                format: "no-change renkei sync (process start to exit): median %.1f ms, max %.1f ms (target < 50 ms)",
                noChange[10] * 1000, noChange[19] * 1000))
        usleep(17_000_000)  // the server gives memory back after 15 s without connections
        print(
            String(
                format: "server RSS: idle after start %.1f MiB (target < 30 MiB), idle 17 s after the run %.1f MiB",
                idleRSS, server.residentMiB()))
        print(String(repeating: "-", count: 96))
        print("targets: push and pull each >= 40% of the raw SQLite baseline")
    }

    /// Where `renkei`, `renkei-server` and this benchmark were built (the real binaries it drives).
    static let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent()

    /// Runs a program with stdout and stderr to /dev/null and waits; throws unless it exits 0.
    static func spawn(_ path: String, _ arguments: [String]) throws {
        _ = try FileBenchmark.spawnMeasured(path, arguments)
    }

    @discardableResult
    static func runCLI(_ binaries: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = binaries.appendingPathComponent("renkei")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError.wrongResult(
                "renkei \(arguments.joined(separator: " ")): \(String(decoding: data, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A `renkei-server serve` child process on a free port.
    final class Server {
        let process = Process()
        let url: String

        /// - Parameters:
        ///   - options: more `serve` options, e.g. `--max-connections 128`.
        ///   - logPath: where the server's log goes (at level info); else `RENKEI_BENCH_SERVER_LOG`
        ///     (durations per request), else nowhere.
        init(binary: String, data: String, options: [String] = [], logPath: String? = nil) throws {
            self.data = data
            process.executableURL = URL(fileURLWithPath: binary)
            let logPath = logPath ?? ProcessInfo.processInfo.environment["RENKEI_BENCH_SERVER_LOG"]
            process.arguments =
                [
                    "serve", "--data", data, "--listen", "127.0.0.1:0", "--log-level",
                    logPath == nil ? "warning" : "info",
                ]
                + options
            let output = Pipe()
            process.standardOutput = output
            if let logPath {
                _ = FileManager.default.createFile(atPath: logPath, contents: nil)
                process.standardError = FileHandle(forWritingAtPath: logPath)
            }
            try process.run()
            var line = Data()
            while !line.contains(0x0A) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: "listening on ") else {
                throw BenchmarkError.wrongResult("server: \(text)")
            }
            url = String(text[range.upperBound...].prefix { !$0.isNewline })
        }

        let data: String

        /// Gives the replica in `home` an admin token of this server (written straight into the
        /// server database and the replica's token file, as `admin token issue` and `renkei
        /// login` would), so the benchmark measures sync, not provisioning.
        /// The survey the pusher answers: table items `T0`, `T1`, … whose rows have an integer
        /// `value`, each as full as the server allows (`AnswerRecord.maxRowsPerTable` rows).
        static let benchmarkSurvey = "bench-survey"

        /// The record of answer number `index` (from 0): row `index % 500` of table `index / 500`.
        static func benchmarkRecord(_ index: Int, municipality: String) -> String {
            let rows = AnswerRecord.maxRowsPerTable
            return "\(benchmarkSurvey)/\(municipality)/T\(index / rows)/r\(index % rows)"
        }

        /// Publishes `benchmarkSurvey` (open) straight into the server's database, as the advisor
        /// would, with enough tables for `rows` answers.
        func publishBenchmarkSurvey(rows: Int) throws {
            let tables = max(1, (rows + AnswerRecord.maxRowsPerTable - 1) / AnswerRecord.maxRowsPerTable)
            let items = (0..<tables).map {
                """
                {"id":"T\($0)","label":"行","type":"table","columns":[{"id":"value","label":"値","type":"integer","min":0}]}
                """
            }
            let schema = try JSONValue(
                parsing: Array(
                    """
                    {"survey_id":"\(Self.benchmarkSurvey)","title":"benchmark","sections":[{"id":"T","title":"表",
                     "items":[\(items.joined(separator: ","))]}]}
                    """.utf8))
            _ = try Questionnaire(json: schema)
            let advisor = ReplicaID.random()
            func change(_ field: String, _ value: JSONValue) throws -> Change {
                var register = Register()
                return Change(
                    key: try RecordKey(validating: "surveys", record: Self.benchmarkSurvey, field: field),
                    scope: .shared,
                    version: register.write(value, by: advisor, user: "advisor", at: UnixTime.milliseconds()))
            }
            _ = try ServerStore(path: data + "/renkei.sqlite").push(
                PushRequest(
                    replica: advisor, batch: "publish",
                    changes: [try change("status", "open"), try change("items", schema)]))
        }

        func authorize(home: String, user: String, grant: Grant = Grant(role: .admin, municipality: nil)) throws {
            let access = try ServerStore(path: data + "/renkei.sqlite").access
            if let code = grant.municipality { try access.importMunicipalities([(code, code.rawValue)]) }
            try access.addUser(user, grant: grant)
            var generator = SystemRandomNumberGenerator()
            let token =
                "rk_"
                + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
            _ = try access.addToken(hash: SHA256.hex(SHA256.hash(Array(token.utf8))), user: user)
            guard
                FileManager.default.createFile(
                    atPath: home + "/token", contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600]
                )
            else { throw BenchmarkError.wrongResult("cannot write the token file in \(home)") }
        }

        /// VmRSS of the server, in MiB.
        func residentMiB() -> Double { statusMiB("VmRSS:") }

        /// Peak resident size of the server so far (VmHWM), in MiB.
        func peakMiB() -> Double { statusMiB("VmHWM:") }

        private func statusMiB(_ field: String) -> Double {
            guard
                let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
                let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
            else { return -1 }
            return kib / 1024
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
