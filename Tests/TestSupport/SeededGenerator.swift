import Foundation

/// A small, fast, seedable random generator (SplitMix64) so every random test can be replayed
/// from the seed it prints.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Settings of property tests, overridable from the environment:
/// `RENKEI_SEED=<n>` replays one seed, `RENKEI_CASES=<n>` changes how many cases run.
public enum PropertyTestSettings {
    /// The cases to run: the seed in `RENKEI_SEED` alone, or `count` seeds derived from `base`.
    public static func seeds(base: UInt64, count: Int = 10_000) -> [UInt64] {
        let environment = ProcessInfo.processInfo.environment
        if let text = environment["RENKEI_SEED"], let seed = UInt64(text) { return [seed] }
        let cases = environment["RENKEI_CASES"].flatMap(Int.init) ?? count
        var generator = SeededGenerator(seed: base)
        return (0..<cases).map { _ in generator.next() }
    }
}
