/// A text item's `pattern`: a regular expression matched in time linear in the text, whatever
/// the pattern (Thompson's construction: the text is read once, with every way the pattern could
/// be matching it so far kept as a set of states, never by backtracking).
///
/// Swift's `Regex` backtracks: an outside review published `^(a+)+$` as an advisor and one
/// answer of 20 characters held a push slot of the server for 35 s (each two more characters,
/// seven times longer); `\d*\d*\d*x` is slow in the same way on long answers. Here a check costs
/// at most (characters of the answer) x (states of the pattern) steps, each a comparison or a
/// binary search in a class; a pattern is at most `maxSourceScalars` characters and `maxStates`
/// states (`stateCount`, which `SurveyRules` charges to a batch's budget). A second review
/// found a class of 2,000,000 ranges, each tried in turn for every character: 4.75 s for a
/// 100-character answer.
///
/// The language: literal characters; `.` (any character but a line break); classes `[abc]`,
/// `[a-z0-9]`, `[^…]`; `\d`, `\w`, `\s` and their negations `\D`, `\W`, `\S` (Unicode digits,
/// letters and digits and `_`, white space), also inside classes; `\n`, `\t`, `\r`; a backslash
/// before any other ASCII punctuation takes it literally (`\.`, `\-`, `\(`); groups `(…)` and
/// `(?:…)`; alternation `|`; quantifiers `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (n, m at most
/// `maxRepeat`; a trailing `?` for a lazy quantifier is accepted and changes nothing, since only
/// whether the text matches counts); anchors `^` (start of the text) and `$` (its end). Without
/// anchors the pattern may match any part of the text, as `Regex.firstMatch` does. Characters are
/// Unicode scalars (answers are stored in NFC, where a kana with its mark is one scalar).
/// Anything else (back references, look-around, `\b`, `\p{…}`, named groups) is refused when
/// the survey is read, with the reason.
public struct TextPattern: Sendable, Equatable {
    /// The pattern as written in the survey.
    public let source: String
    private let program: [Instruction]

    /// Most states (instructions) a compiled pattern may have: a check reads each character of
    /// the answer once per live state.
    public static let maxStates = 256
    /// Longest pattern source, in Unicode scalars (a class holds at most this many ranges).
    public static let maxSourceScalars = 256
    /// The largest count a `{n,m}` quantifier may name.
    public static let maxRepeat = 100

    /// States of the compiled pattern: a check costs at most this many steps per character.
    public var stateCount: Int { program.count }

    /// Why a pattern was refused (English; the survey check wraps it in its own message).
    public struct Problem: Error, Sendable, Equatable {
        public let reason: String
    }

    public init(_ source: String) throws(Problem) {
        let scalars = Array(source.unicodeScalars)
        guard scalars.count <= Self.maxSourceScalars else {
            throw Problem(reason: "a pattern is at most \(Self.maxSourceScalars) characters long")
        }
        var parser = Parser(scalars)
        let tree = try parser.parse()
        var compiler = Compiler()
        try compiler.emit(tree)
        try compiler.append(.match)
        self.source = source
        self.program = compiler.program
    }

    public static func == (lhs: TextPattern, rhs: TextPattern) -> Bool { lhs.source == rhs.source }

    /// How many named kinds (`\d`, `\W`, …) each class of the pattern tries per character, in
    /// program order (at most six each: every kind once, plain or negated). For tests.
    var classKindCounts: [Int] {
        program.compactMap { instruction in
            guard case .atom(.set(let set)) = instruction else { return nil }
            return set.kinds.count
        }
    }

    /// Whether the pattern matches `text` (anywhere in it, unless anchored). With `work`, each
    /// character read takes one step per live state (and one more); false once `work` is spent
    /// (`isExhausted` then tells that the text was not judged).
    public func matches(_ text: String, work: PatternWork? = nil) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var current = StateSet(capacity: program.count)
        var next = StateSet(capacity: program.count)
        for position in 0...scalars.count {
            // A match may start at every position (an unanchored search).
            if add(0, at: position, of: scalars.count, to: &current) { return true }
            guard position < scalars.count else { break }
            if let work, !work.charge(current.members.count + 1) { return false }
            let scalar = scalars[position]
            next.removeAll()
            for state in current.members {
                guard case .atom(let atom) = program[state], atom.accepts(scalar) else { continue }
                if add(state + 1, at: position + 1, of: scalars.count, to: &next) { return true }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Adds `state` and every state reachable from it without reading a character; true when
    /// one of them is the match.
    private func add(_ state: Int, at position: Int, of count: Int, to set: inout StateSet) -> Bool {
        var stack = [state]
        while let state = stack.popLast() {
            guard set.insert(state) else { continue }
            switch program[state] {
            case .match: return true
            case .atom: break
            case .jump(let target): stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assertStart: if position == 0 { stack.append(state + 1) }
            case .assertEnd: if position == count { stack.append(state + 1) }
            }
        }
        return false
    }

    // MARK: - program

    enum Instruction: Sendable {
        case atom(Atom)
        case split(Int, Int)
        case jump(Int)
        case assertStart
        case assertEnd
        case match
    }

    /// One character's test.
    enum Atom: Sendable {
        case scalar(Unicode.Scalar)
        case anyButLineBreak
        case set(ScalarClass)

        func accepts(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .scalar(let expected): return scalar == expected
            case .anyButLineBreak: return scalar != "\n" && scalar != "\r"
            case .set(let set): return set.contains(scalar)
            }
        }
    }

    /// A class: ranges and named kinds (`\d`, …), or their complement. `ranges` are sorted and
    /// merged once parsed (`normalized`), and searched by halves.
    struct ScalarClass: Sendable {
        var ranges: [ClosedRange<UInt32>] = []
        /// Named kinds, each (kind, negated) pair once (`normalized`): at most six to try.
        var kinds: [(kind: Kind, negated: Bool)] = []
        var negated = false

        enum Kind: Sendable, Equatable {
            case digit, word, space

            func contains(_ scalar: Unicode.Scalar) -> Bool {
                switch self {
                case .digit: return scalar.properties.numericType == .decimal
                case .word:
                    return scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
                case .space: return scalar.properties.isWhitespace
                }
            }
        }

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            let inside = inRanges(scalar.value) || kinds.contains { $0.kind.contains(scalar) != $0.negated }
            return inside != negated
        }

        /// Binary search in the sorted, disjoint `ranges`.
        private func inRanges(_ value: UInt32) -> Bool {
            var low = 0
            var high = ranges.count
            while low < high {
                let middle = (low + high) / 2
                if ranges[middle].upperBound < value {
                    low = middle + 1
                } else if ranges[middle].lowerBound > value {
                    high = middle
                } else {
                    return true
                }
            }
            return false
        }

        /// The same class with its ranges sorted and overlapping or adjacent ones merged, and each
        /// named kind once (an outside review wrote `\d` 127 times in one class: 127 Unicode
        /// property look-ups for each character of an answer, 11.6 s for one push).
        func normalized() -> ScalarClass {
            var merged: [ClosedRange<UInt32>] = []
            for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                    merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
                } else {
                    merged.append(range)
                }
            }
            var copy = self
            copy.ranges = merged
            copy.kinds = []
            for kind in kinds where !copy.kinds.contains(where: { $0 == kind }) { copy.kinds.append(kind) }
            return copy
        }
    }

    /// States added in one step, each once (a sparse set: clearing is O(1)).
    struct StateSet {
        private(set) var members: [Int] = []
        private var isMember: [Bool]

        init(capacity: Int) { isMember = [Bool](repeating: false, count: capacity) }

        /// Adds `state`; false when it was there already.
        mutating func insert(_ state: Int) -> Bool {
            if isMember[state] { return false }
            isMember[state] = true
            members.append(state)
            return true
        }

        mutating func removeAll() {
            for state in members { isMember[state] = false }
            members.removeAll(keepingCapacity: true)
        }
    }
}
