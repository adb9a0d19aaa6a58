import Foundation
import Synchronization
import TestSupport

/// `renkei-chaos`: the convergence-under-faults scenario over many seeds (the long mode of the
/// test CI runs with 20). Prints each failure with its seed; exit status 1 when any seed failed.
///
///     swift build -c release && .build/release/renkei-chaos [--seeds 500] [--start 1]
///         [--municipalities 43] [--rounds 4] [--jobs 1]
///
/// `--jobs N` runs N seeds at a time, each with its own server, proxy and replicas: a seed
/// spends most of its time waiting for the processes it starts, so on two cores three jobs
/// finish about three times sooner.
@main
struct ChaosMain {
    static func main() throws {
        let arguments = CommandLine.arguments
        func option(_ name: String, _ fallback: Int) -> Int {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
                let value = Int(arguments[index + 1])
            else { return fallback }
            return value
        }
        let seeds = option("--seeds", 500)
        let start = option("--start", 1)
        let municipalities = option("--municipalities", 43)
        let rounds = option("--rounds", 4)
        let jobs = max(1, option("--jobs", 1))
        let failedSeeds = Mutex<[Int]>([])
        let output = Mutex(())
        let say: @Sendable (String) -> Void = { line in
            output.withLock { _ in
                print(line)
                fflush(nil)
            }
        }
        let began = Date()
        let next = Mutex(start)
        let workers = (0..<jobs).map { _ in
            Thread {
                while true {
                    let seed = next.withLock { value -> Int? in
                        guard value < start + seeds else { return nil }
                        defer { value += 1 }
                        return value
                    }
                    guard let seed else { return }
                    do {
                        let failures = try ConvergenceHarness(
                            seed: UInt64(seed), municipalities: municipalities, rounds: rounds
                        ).run { say($0) }
                        if !failures.isEmpty {
                            failedSeeds.withLock { $0.append(seed) }
                            failures.forEach { say("FAIL \($0)") }
                        }
                    } catch {
                        failedSeeds.withLock { $0.append(seed) }
                        say("FAIL seed \(seed): \(error)")
                    }
                }
            }
        }
        workers.forEach { $0.start() }
        while workers.contains(where: { !$0.isFinished }) { usleep(100_000) }
        let failed = failedSeeds.withLock { $0.sorted() }
        say(
            "\(seeds) seed(s) from \(start), \(municipalities) municipalities + the advisor, \(jobs) at a time: \(failed.count) failed\(failed.isEmpty ? "" : " (seeds \(failed.map(String.init).joined(separator: ", ")))"), in \(Int(Date().timeIntervalSince(began))) s"
        )
        if !failed.isEmpty { exit(1) }
    }
}
