import Models

/// Random JSON values of every shape, for round-trip and merge tests.
public enum RandomJSON {
    static let samples = ["", "はい", "大阪市", "a\"b\\c", "line\nbreak\t", "🏯", "e\u{301}", "\u{0}\u{1f}", "２７１００４", "CIO"]

    /// A random value nested at most `depth` levels.
    public static func value<G: RandomNumberGenerator>(using generator: inout G, depth: Int = 3) -> JSONValue {
        let kinds = depth > 0 ? 8 : 6
        switch Int.random(in: 0..<kinds, using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2:
            return .integer(
                Int64.random(in: Int64.min...Int64.max, using: &generator)
                    >> Int64.random(in: 0...63, using: &generator))
        case 3:
            let double =
                Double.random(in: -1e6...1e6, using: &generator)
                * Double(sign: .plus, exponent: Int.random(in: -20...20, using: &generator), significand: 1)
            return .double(double)
        case 4, 5:
            return .string(
                samples.randomElement(using: &generator)! + String(Int.random(in: 0...99, using: &generator)))
        case 6:
            return .array(
                (0..<Int.random(in: 0...3, using: &generator)).map { _ in value(using: &generator, depth: depth - 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                members[samples.randomElement(using: &generator)!] = value(using: &generator, depth: depth - 1)
            }
            return .object(members)
        }
    }
}
