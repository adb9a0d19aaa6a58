import Foundation
import TestSupport

/// `renkei-chaos`: the convergence-under-faults scenario over many seeds (the long mode of the
/// test CI runs with 20). Prints each failure with its seed; exit status 1 when any seed failed.
///
///     swift build && .build/debug/renkei-chaos [--seeds 500] [--start 1] [--municipalities 43] [--rounds 4]
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
        var failed = 0
        let began = Date()
        for seed in start..<(start + seeds) {
            let failures = try ConvergenceHarness(seed: UInt64(seed), municipalities: municipalities, rounds: rounds)
                .run { print($0) }
            if !failures.isEmpty {
                failed += 1
                failures.forEach { print("FAIL \($0)") }
            }
            fflush(nil)
        }
        print(
            "\(seeds) seed(s), \(municipalities) municipalities + the advisor, \(failed) failed, in \(Int(Date().timeIntervalSince(began))) s"
        )
        if failed > 0 { exit(1) }
    }
}
