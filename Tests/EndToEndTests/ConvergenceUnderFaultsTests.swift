import Foundation
import TestSupport
import Testing

/// The convergence-under-faults scenario (`ConvergenceHarness`) for 20 seeds: a faulty proxy,
/// server SIGKILLs, then every promise checked. `renkei-chaos` runs the long mode (500 seeds,
/// 43 municipalities).
@Suite(.serialized) struct ConvergenceUnderFaultsTests {
    @Test func twentySeedsConvergeWithNothingLost() throws {
        var failures: [String] = []
        for seed in PropertyTestSettings.seeds(base: 500, count: 20) {
            failures += try ConvergenceHarness(seed: seed, municipalities: 3, rounds: 3).run { print($0) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }
}
