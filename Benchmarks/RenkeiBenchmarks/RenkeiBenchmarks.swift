import Foundation
import Models
import SyncStorage

/// `renkei-bench`: merge and store throughput, each beside raw SQLite in the same run.
///
///     swift run -c release renkei-bench [--versions N] [--batch N]
///     swift run -c release renkei-bench sync [--versions N]
///     swift run -c release renkei-bench hash
///     swift run -c release renkei-bench files [--megabytes N]
///     swift run -c release renkei-bench load [--changes N] [--megabytes N]
///     swift run -c release renkei-bench crowd [--clients N] [--changes N] [--max-connections N]
///     swift run -c release renkei-bench wire [--changes N] [--rounds N]
///
/// Figures are versions per second; ratios compare a store with the raw-insert baseline.
@main
struct RenkeiBenchmarks {
    static let usage = """
        usage: renkei-bench [BENCHMARK] [options]   (build with -c release for real figures)

          (none)   merge and store apply beside raw SQLite
                   --versions N (1000000)  --batch N (10000)  --scenario 0|1|2 (first sync,
                   revisions, random keys; all when left out)
          sync     push and pull through renkei-server and renkei  --versions N (1000000)
          hash     SHA-256 through libcrypto (what Renkei uses) beside pure Swift and the disk
          files    one file up and down through the server, beside disk and loopback
                   --megabytes N (1024)
          load     the 43 municipalities sync at once  --changes N (2000)  --megabytes N (10)
          crowd    clients against the connection cap  --clients N (500)  --changes N (100)
                   --max-connections N (128)
          wire     a push body decoded and its rows encoded, beside JSONSerialization
                   --changes N (10000)  --rounds N (15)

        Figures are per second, each beside its baseline of the same run (ratios).
        RENKEI_BENCH_KEEP=1 keeps the databases for a closer look.
        """

    static func main() throws {
        let arguments = CommandLine.arguments
        func option(_ name: String, default value: Int) -> Int {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
                let number = Int(arguments[index + 1])
            else { return value }
            return number
        }
        if arguments.contains("--help") || arguments.contains("-h") {
            print(usage)
            return
        }
        let count = option("--versions", default: 1_000_000)
        let batch = option("--batch", default: 10_000)
        #if DEBUG
            print("warning: debug build; run `swift run -c release renkei-bench` for real figures\n")
        #endif
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "renkei-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            // RENKEI_BENCH_KEEP=1 leaves the databases behind for a closer look.
            if ProcessInfo.processInfo.environment["RENKEI_BENCH_KEEP"] == nil {
                try? FileManager.default.removeItem(at: directory)
            } else {
                print("kept \(directory.path)")
            }
        }
        switch arguments.dropFirst().first {
        case "hash":
            try HashBenchmark.run(directory: directory)
            return
        case "load":
            try LoadBenchmark.run(
                changes: option("--changes", default: 2_000), megabytes: option("--megabytes", default: 10),
                directory: directory)
            return
        case "crowd":
            try CrowdBenchmark.run(
                clients: option("--clients", default: 500), changes: option("--changes", default: 100),
                maxConnections: option("--max-connections", default: 128), directory: directory)
            return
        case "files":
            try FileBenchmark.run(megabytes: option("--megabytes", default: 1024), directory: directory)
            return
        case "wire":
            try WireBenchmark.run(
                changes: option("--changes", default: 10_000), rounds: option("--rounds", default: 15))
            return
        case "sync":
            try SyncBenchmark.run(count: count, directory: directory)
            return
        case let command? where !command.hasPrefix("-"):
            FileHandle.standardError.write(Data("renkei-bench: unknown benchmark '\(command)'\n\n\(usage)\n".utf8))
            try? FileManager.default.removeItem(at: directory)  // exit skips the defer above
            exit(64)
        default:
            break  // the merge and store benchmark below
        }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

        print(
            "Renkei benchmark: \(Measure.grouped(Double(count))) versions, store batches of \(Measure.grouped(Double(batch)))"
        )
        print(String(repeating: "-", count: 96))

        // 1. Pure merge in memory.
        let mergeFigure = try MergeBenchmark.run(count: count)
        report("merge (Register.merge, 4 versions/register, 20% echoes)", mergeFigure, baseline: nil)

        // 2. Stores against raw SQLite, same rows, same run.
        let initial = Workload(count: count, versionsPerRegister: 1, shuffled: false)
        // The disk makes single runs noisy: the baseline is the median of three.
        let rawRates = try (0..<3).map { run in
            Double(count) / (try RawInsertBaseline.run(changes: initial.changes, path: path("raw-\(run).sqlite")))
        }.sorted()
        let raw = rawRates[1]
        report("raw SQLite bulk insert (baseline, 1 transaction, median of 3)", raw, baseline: nil)
        print("    raw runs: " + rawRates.map { Measure.grouped($0) }.joined(separator: ", "))

        let scenarios: [(String, () -> Workload)] = [
            ("first sync: 1 version per register", { initial }),
            (
                "revisions: 4 sync rounds, each supersedes",
                { Workload(count: count, versionsPerRegister: 4, shuffled: false) }
            ),
            ("first sync, keys in random order", { Workload(count: count, versionsPerRegister: 1, shuffled: true) }),
        ]
        let only = option("--scenario", default: -1)
        for (index, (name, makeWorkload)) in scenarios.enumerated() where only < 0 || only == index {
            let workload = makeWorkload()
            let server = try ServerStore(path: path("server-\(index).sqlite"))
            let serverRate = try StoreBenchmark.server(server, workload.changes, batch: batch)
            report("ServerStore.push, \(name)", serverRate, baseline: raw)
            let replica = try ReplicaStore.create(at: path("replica-\(index).sqlite"))
            // Committed in groups of 50,000 changes, as `renkei sync` does (`SyncEngine.commitGroup`).
            let replicaRate = try StoreBenchmark.replica(
                replica, workload.changes, batch: batch, pagesPerCommit: max(1, 50_000 / batch))
            report("ReplicaStore.applyPulledPages, \(name)", replicaRate, baseline: raw)
        }
        print(String(repeating: "-", count: 96))
        print("peak RSS \(String(format: "%.0f", Measure.peakRSSMiB())) MiB")
        print(
            "targets: merge >= 2,000,000 versions/s; store apply of a first sync >= 50% of the raw SQLite baseline, revisions and random keys >= 30%"
        )
    }

    static func report(_ name: String, _ rate: Double, baseline: Double?, unit: String = "versions/s") {
        let ratio = baseline.map { String(format: "%5.1f%% of raw", 100 * rate / $0) } ?? ""
        let padded = name.padding(toLength: 62, withPad: " ", startingAt: 0)
        print("\(padded) \(Measure.grouped(rate).leftPadded(11)) \(unit)  \(ratio)")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
