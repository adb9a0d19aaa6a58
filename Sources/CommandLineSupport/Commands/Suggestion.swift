import Localization

/// "Did you mean …?" for a mistyped verb or option: the known word closest to what was typed,
/// when it is close enough to be the likely intent.
enum Suggestion {
    /// The candidate with the smallest edit distance to `typed`, if that distance is at most
    /// a third of the typed length (at least 1, at most 3), else nil.
    static func closest(to typed: String, among candidates: [String]) -> String? {
        let limit = min(3, max(1, typed.count / 3))
        var best: (word: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, candidate)
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.word
    }

    /// " (did you mean `x`?)" or "".
    static func hint(for typed: String, among candidates: [String]) -> String {
        closest(to: typed, among: candidates).map { localized("usage.did.you.mean", ["word": $0]) } ?? ""
    }

    /// Levenshtein distance over characters, with a transposition counted as one edit.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
