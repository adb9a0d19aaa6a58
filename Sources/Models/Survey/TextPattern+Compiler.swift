extension TextPattern {
    /// A parsed pattern.
    indirect enum Node {
        case empty
        case atom(Atom)
        case start
        case end
        case sequence([Node])
        case choice([Node])
        case repeated(Node, min: Int, max: Int?)
    }

    /// Reads a pattern's source into a `Node` (recursive descent over its Unicode scalars).
    struct Parser {
        private let scalars: [Unicode.Scalar]
        private var position = 0
        /// Groups open around the current position: a pattern nested deeper is refused before
        /// the recursion could exhaust the stack.
        private var depth = 0
        static let maxDepth = 32

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        private var atEnd: Bool { position >= scalars.count }
        private var peek: Unicode.Scalar? { atEnd ? nil : scalars[position] }

        private mutating func next() -> Unicode.Scalar? {
            guard let scalar = peek else { return nil }
            position += 1
            return scalar
        }

        private func problem(_ reason: String) -> Problem {
            Problem(reason: "\(reason) (at character \(position + 1))")
        }

        mutating func parse() throws(Problem) -> Node {
            let node = try alternation()
            guard atEnd else { throw problem("a ')' closes no group") }
            return node
        }

        private mutating func alternation() throws(Problem) -> Node {
            var branches = [try sequence()]
            while peek == "|" {
                position += 1
                branches.append(try sequence())
            }
            return branches.count == 1 ? branches[0] : .choice(branches)
        }

        private mutating func sequence() throws(Problem) -> Node {
            var items: [Node] = []
            while let scalar = peek, scalar != "|", scalar != ")" {
                var item = try atom()
                if let (low, high) = try quantifier() {
                    if case .start = item { throw problem("'^' cannot be repeated") }
                    if case .end = item { throw problem("'$' cannot be repeated") }
                    if peek == "?" { position += 1 }  // lazy: the same set of matching texts
                    if let following = peek, "*+?{".unicodeScalars.contains(following) {
                        throw problem("a quantifier follows another; put the first in a group")
                    }
                    item = .repeated(item, min: low, max: high)
                }
                items.append(item)
            }
            return items.count == 1 ? items[0] : items.isEmpty ? .empty : .sequence(items)
        }

        /// `*`, `+`, `?` or `{n}`, `{n,}`, `{n,m}` at the position, as bounds (nil max: no bound).
        private mutating func quantifier() throws(Problem) -> (Int, Int?)? {
            switch peek {
            case "*":
                position += 1
                return (0, nil)
            case "+":
                position += 1
                return (1, nil)
            case "?":
                position += 1
                return (0, 1)
            case "{":
                position += 1
                let low = try number()
                var high: Int? = low
                if peek == "," {
                    position += 1
                    high = peek == "}" ? nil : try number()
                }
                guard next() == "}" else {
                    throw problem("a '{' quantifier is {n}, {n,} or {n,m}; write \\{ for a brace")
                }
                if let high, high < low { throw problem("{\(low),\(high)}: the smaller count comes first") }
                return (low, high)
            default:
                return nil
            }
        }

        private mutating func number() throws(Problem) -> Int {
            var value = 0
            var digits = 0
            while let scalar = peek, let digit = Int(String(scalar)), scalar.isASCII {
                position += 1
                digits += 1
                value = value * 10 + digit
                guard value <= TextPattern.maxRepeat else {
                    throw problem("a count is at most \(TextPattern.maxRepeat)")
                }
            }
            guard digits > 0 else { throw problem("a '{' quantifier is {n}, {n,} or {n,m}; write \\{ for a brace") }
            return value
        }

        private mutating func atom() throws(Problem) -> Node {
            guard let scalar = next() else { throw problem("the pattern ends early") }
            switch scalar {
            case "(":
                if peek == "?" {
                    position += 1
                    guard next() == ":" else {
                        throw problem("look-around and named groups are not supported; use (…) or (?:…)")
                    }
                }
                depth += 1
                guard depth <= Self.maxDepth else { throw problem("groups nest at most \(Self.maxDepth) deep") }
                let inner = try alternation()
                depth -= 1
                guard next() == ")" else { throw problem("a '(' is not closed") }
                return inner
            case "[": return .atom(.set(try characterClass().normalized()))
            case ".": return .atom(.anyButLineBreak)
            case "^": return .start
            case "$": return .end
            case "\\":
                switch try escape() {
                case .scalar(let literal): return .atom(.scalar(literal))
                case .kind(let kind, let negated): return .atom(.set(ScalarClass(kinds: [(kind, negated)])))
                }
            case "*", "+", "?", "{": throw problem("'\(scalar)' repeats nothing; write \\\(scalar) for the character")
            default: return .atom(.scalar(scalar))
            }
        }

        /// What a backslash introduces, in a class or outside one.
        enum Escape {
            case scalar(Unicode.Scalar)
            case kind(ScalarClass.Kind, negated: Bool)
        }

        /// What follows a backslash: a kind of character (`\d`, …) or one character.
        private mutating func escape() throws(Problem) -> Escape {
            guard let scalar = next() else { throw problem("the pattern ends with a lone '\\'") }
            switch scalar {
            case "d": return .kind(.digit, negated: false)
            case "D": return .kind(.digit, negated: true)
            case "w": return .kind(.word, negated: false)
            case "W": return .kind(.word, negated: true)
            case "s": return .kind(.space, negated: false)
            case "S": return .kind(.space, negated: true)
            case "n": return .scalar("\n")
            case "t": return .scalar("\t")
            case "r": return .scalar("\r")
            default:
                // ASCII punctuation and symbols: printable, neither a letter nor a digit.
                guard scalar.value > 0x20, scalar.value < 0x7F, !scalar.properties.isAlphabetic,
                    scalar.properties.numericType == nil
                else {
                    throw problem(
                        "\\\(scalar) is not supported (supported: \\d \\w \\s \\D \\W \\S \\n \\t \\r, and \\ before punctuation)"
                    )
                }
                return .scalar(scalar)
            }
        }

        /// `[…]` after its `[`.
        private mutating func characterClass() throws(Problem) -> ScalarClass {
            var set = ScalarClass()
            if peek == "^" {
                position += 1
                set.negated = true
            }
            var first = true
            while true {
                guard let scalar = next() else { throw problem("a '[' is not closed") }
                if scalar == "]" && !first { return set }
                first = false
                let low: Unicode.Scalar
                switch scalar {
                case "\\":
                    switch try escape() {
                    case .kind(let kind, let negated):
                        set.kinds.append((kind, negated))
                        continue
                    case .scalar(let literal):
                        low = literal
                    }
                case "[": throw problem("write \\[ for a '[' inside a class")
                default: low = scalar
                }
                guard peek == "-", position + 1 < scalars.count, scalars[position + 1] != "]" else {
                    set.ranges.append(low.value...low.value)
                    continue
                }
                position += 1
                guard var high = next() else { throw problem("a '[' is not closed") }
                if high == "\\" {
                    guard case .scalar(let literal) = try escape() else {
                        throw problem("a range ends at one character, not at \\d, \\w or \\s")
                    }
                    high = literal
                }
                guard low.value <= high.value else { throw problem("the range \(low)-\(high) is backwards") }
                set.ranges.append(low.value...high.value)
            }
        }
    }

    /// Turns a `Node` into the program `matches` runs.
    struct Compiler {
        var program: [Instruction] = []

        /// Appends `instruction`, refusing a program past `TextPattern.maxStates`; its index.
        @discardableResult
        mutating func append(_ instruction: Instruction) throws(Problem) -> Int {
            guard program.count < TextPattern.maxStates else {
                throw Problem(
                    reason:
                        "the pattern is too long once its repetitions are counted (at most \(TextPattern.maxStates) states)"
                )
            }
            program.append(instruction)
            return program.count - 1
        }

        mutating func emit(_ node: Node) throws(Problem) {
            switch node {
            case .empty: break
            case .atom(let atom): try append(.atom(atom))
            case .start: try append(.assertStart)
            case .end: try append(.assertEnd)
            case .sequence(let items):
                for item in items { try emit(item) }
            case .choice(let branches):
                var exits: [Int] = []
                for branch in branches.dropLast() {
                    let split = try append(.split(0, 0))
                    try emit(branch)
                    exits.append(try append(.jump(0)))
                    program[split] = .split(split + 1, program.count)
                }
                try emit(branches[branches.count - 1])
                for exit in exits { program[exit] = .jump(program.count) }
            case .repeated(let inner, let low, let high):
                for _ in 0..<low { try emit(inner) }
                guard let high else {
                    let loop = try append(.split(0, 0))
                    try emit(inner)
                    try append(.jump(loop))
                    program[loop] = .split(loop + 1, program.count)
                    return
                }
                var skips: [Int] = []
                for _ in low..<high {
                    skips.append(try append(.split(0, 0)))
                    try emit(inner)
                }
                for skip in skips { program[skip] = .split(skip + 1, program.count) }
            }
        }
    }
}
