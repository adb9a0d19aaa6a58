/// Reads the hot wire messages (`Change`, `PushRequest`, `PullResponse`) straight from bytes,
/// without building a `JSONValue` tree for the envelope.
///
/// It accepts only the common shape; on anything else (escaped member names, unknown or repeated
/// members, a failed check) it returns nil and the caller decodes with the general parser,
/// which accepts the same language and words the error. So both paths agree on what is valid.
struct FastWireDecoder {
    private var parser: JSONParser

    /// - Parameter maxValues: values the whole message may hold (`JSONParser.maxValues`); when
    ///   decoded in halves, each half may hold half of them, and a message over it is left to
    ///   the general parser, which counts them in one pass.
    init(bytes: [UInt8], maxValues: Int = .max) {
        parser = JSONParser(bytes: bytes, maxValues: maxValues)
    }

    /// The bytes being read.
    var bytes: [UInt8] { parser.bytes }

    /// Whether only whitespace is left.
    var atEnd: Bool {
        mutating get {
            parser.skipWhitespace()
            return parser.index == parser.bytes.count
        }
    }

    /// A placeholder for the checks' error paths, which the fast path never reports.
    private static let anywhere = try! WireObject(.object([:]), path: "")

    /// - Parameter depth: the nesting depth of this object in the document (1 at the top), so
    ///   nested values obey the same depth limit as in the general parser.
    mutating func change(depth: Int = 1) -> Change? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var collection: String?
        var record: String?
        var field: String?
        var scope: String?
        var vector: VersionVector?
        var value = JSONValue.null
        var hasValue = false
        var author: ReplicaID?
        var user: String?
        var at: Int64?
        // Every piece must parse: a failed one returns nil at once (going on from where it
        // stopped could read a later duplicate member as if the first had never been there).
        repeat {
            guard let name = memberName() else { return nil }
            switch name {
            case .collection where collection == nil: guard let text = string() else { return nil }; collection = text
            case .record where record == nil: guard let text = string() else { return nil }; record = text
            case .field where field == nil: guard let text = string() else { return nil }; field = text
            case .scope where scope == nil: guard let text = string() else { return nil }; scope = text
            case .vector where vector == nil: guard let parsed = versionVector() else { return nil }; vector = parsed
            case .value where !hasValue:
                parser.skipWhitespace()
                guard let parsed = try? parser.parseValue(depth: depth) else { return nil }
                value = parsed
                hasValue = true
            case .author where author == nil:
                guard let parsed = replicaID() else { return nil }
                author = parsed
            case .user where user == nil: guard let text = string() else { return nil }; user = text
            case .at where at == nil: guard let number = integer() else { return nil }; at = number
            default: return nil
            }
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")), hasValue, let collection, let record, let field, let scope, let vector,
            let author, let user, let at
        else { return nil }
        return try? Change.validated(
            collection: collection, record: record, field: field, scope: scope, vector: vector, value: value,
            author: author, user: user, at: at, object: Self.anywhere)
    }

    mutating func pushRequest() -> PushRequest? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var replica: ReplicaID?
        var batch: String?
        var number: Int64?
        var changes: [Change]?
        repeat {
            guard let name = memberName() else { return nil }
            switch name {
            case .replica where replica == nil:
                guard let parsed = replicaID() else { return nil }
                replica = parsed
            case .batch where batch == nil: guard let text = string() else { return nil }; batch = text
            case .number where number == nil:
                guard let parsed = integer(), PushRequest.isValidNumber(parsed) else { return nil }
                number = parsed
            case .changes where changes == nil:
                guard let parsed = changeArray(limit: PushRequest.maxChanges, inHalves: true) else { return nil }
                changes = parsed
            default: return nil
            }
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")), let replica, let batch, let changes, PushRequest.isValidBatch(batch) else {
            return nil
        }
        return PushRequest(replica: replica, batch: batch, number: number, changes: changes)
    }

    mutating func pullResponse() -> PullResponse? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var changes: [Change]?
        var next: Int64?
        var more: Bool?
        repeat {
            guard let name = memberName() else { return nil }
            switch name {
            case .changes where changes == nil:
                guard let parsed = changeArray(limit: Int.max, inHalves: false) else { return nil }
                changes = parsed
            case .next where next == nil: guard let number = integer() else { return nil }; next = number
            case .more where more == nil:
                parser.skipWhitespace()
                guard case .bool(let flag)? = try? parser.parseValue(depth: 1) else { return nil }
                more = flag
            default: return nil
            }
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")), let changes, let next, let more, next >= 0 else { return nil }
        return PullResponse(changes: changes, next: next, more: more)
    }

    // MARK: - Pieces

    private enum Member {
        case collection, record, field, scope, vector, value, author, user, at
        case replica, batch, number, changes, next, more
    }

    private static let names: [(String, Member)] = [
        ("collection", .collection), ("record", .record), ("field", .field), ("scope", .scope), ("vector", .vector),
        ("value", .value), ("author", .author), ("user", .user), ("at", .at), ("replica", .replica),
        ("batch", .batch), ("number", .number), ("changes", .changes), ("next", .next), ("more", .more),
    ]
    private static let members: [(name: [UInt8], member: Member)] = names.map { (Array($0.0.utf8), $0.1) }

    /// A member name without escapes followed by `:`.
    private mutating func memberName() -> Member? {
        guard let name = plainString(), consume(UInt8(ascii: ":")), let first = name.first else { return nil }
        // Only the names starting with the same letter are compared (at most three).
        for candidate in Self.members where candidate.name[0] == first && candidate.name.elementsEqual(name) {
            return candidate.member
        }
        return nil
    }

    /// The raw bytes of a string without escapes or control characters, or nil.
    private mutating func plainString() -> ArraySlice<UInt8>? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let bytes = parser.bytes
        let start = parser.index
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                parser.index = index + 1
                return bytes[start..<index]
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// A string value; escaped strings go through the general parser.
    private mutating func string() -> String? {
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") else { return nil }
        let start = parser.index
        if let raw = plainString() {
            // ASCII is valid UTF-8 as it is: decoding it cannot repair anything, and is much
            // cheaper than validating (which is not specialized in the standard library).
            let ascii = raw.withUnsafeBytes { buffer in buffer.allSatisfy { $0 < 0x80 } }
            return ascii ? String(decoding: raw, as: UTF8.self) : String(validating: raw, as: UTF8.self)
        }
        parser.index = start
        return try? parser.parseString()
    }

    /// A replica id: its digits read in place, or (escaped) through `string()`.
    private mutating func replicaID() -> ReplicaID? {
        parser.skipWhitespace()
        let start = parser.index
        if let digits = plainString() { return ReplicaID(hexDigits: digits) }
        parser.index = start
        return string().flatMap { try? ReplicaID(validating: $0) }
    }

    /// An integer without fraction or exponent.
    private mutating func integer() -> Int64? {
        parser.skipWhitespace()
        let bytes = parser.bytes
        var index = parser.index
        var negative = false
        if index < bytes.count && bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let digitsStart = index
        var magnitude: UInt64 = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            magnitude = sum
            index += 1
        }
        let count = index - digitsStart
        guard count > 0, count == 1 || bytes[digitsStart] != UInt8(ascii: "0") else { return nil }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
            return nil
        }
        parser.index = index
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// `[["<replica>",counter],…]`.
    private mutating func versionVector() -> VersionVector? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var entries: [VersionVector.Entry] = []
        if consume(UInt8(ascii: "]")) { return VersionVector() }
        repeat {
            guard consume(UInt8(ascii: "[")), let hex = plainString(), let replica = ReplicaID(hexDigits: hex),
                consume(UInt8(ascii: ",")), let counter = integer(), counter > 0, consume(UInt8(ascii: "]"))
            else { return nil }
            entries.append(VersionVector.Entry(replica: replica, counter: UInt64(counter)))
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { return nil }
        return try? VersionVector(validatingEntries: entries)
    }

    /// A push's changes are decoded in two halves at once when at least this many bytes follow.
    static let parallelThreshold = 256 * 1024

    /// `[change,…]`. With `inHalves` (a push, decoded by the server while its client waits, so a
    /// second core is free) a large array is decoded on two threads; a pulled page is not (the
    /// client decodes the next page while it applies the current one).
    private mutating func changeArray(limit: Int, inHalves: Bool) -> [Change]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        if consume(UInt8(ascii: "]")) { return [] }
        if inHalves, parser.bytes.count - parser.index >= Self.parallelThreshold,
            let comma = ElementBoundary.separator(in: parser.bytes, from: parser.index)
        {
            return changeArrayInHalves(separatedAt: comma, limit: limit)
        }
        return changeElements(limit: limit, until: nil)
    }

    /// Decodes the elements before and after the top-level comma at `comma` on two threads:
    /// the same elements, in the same order, as one pass would give, and nil when either half
    /// is not the common shape (a cut inside malformed JSON cannot make both halves parse).
    private mutating func changeArrayInHalves(separatedAt comma: Int, limit: Int) -> [Change]? {
        let start = self
        let (before, (after, end)) = BothAtOnce.run(
            {
                var decoder = start
                decoder.parser = JSONParser(bytes: start.bytes, maxValues: start.parser.maxValues / 2)
                decoder.parser.index = start.parser.index
                // Room for the whole array: the second half is appended without growing it.
                return decoder.changeElements(
                    limit: limit, until: comma,
                    reserving: Self.estimatedCount(bytes: start.bytes.count - start.parser.index))
            },
            {
                var decoder = start
                // A copy of its own of the bytes after the comma: both threads retaining and
                // releasing one array buffer fight over its reference count (a 10,000-change
                // push took 21 ms instead of 11).
                decoder.parser = JSONParser(
                    bytes: Array(start.bytes[(comma + 1)...]), maxValues: start.parser.maxValues / 2)
                return (decoder.changeElements(limit: limit, until: nil), comma + 1 + decoder.parser.index)
            })
        guard var before, let after, before.count + after.count <= limit else { return nil }
        parser.index = end
        // Appended to the first half (moved, not copied, when its buffer grows) instead of
        // `before + after`, which would copy and retain both halves.
        before.append(contentsOf: after)
        return before
    }

    /// Bytes of JSON per change, at least (a change with one-letter names takes more than this):
    /// an array of changes is reserved from its length in bytes, so that it never grows (each
    /// growth copies the changes so far and touches fresh pages), at the price of unused
    /// (untouched) capacity.
    static let minimumChangeBytes = 128

    /// How many changes `bytes` bytes of JSON may hold, for reserving an array.
    static func estimatedCount(bytes: Int) -> Int { max(bytes, 0) / minimumChangeBytes + 1 }

    /// Changes separated by commas, from the current position: up to the comma at `stop` (not
    /// taken), or with `stop` nil through the array's closing `]` (taken).
    /// - Parameter reserving: room to reserve, in changes (capped at `limit`); by default what
    ///   the bytes up to `stop` (or the end) may hold.
    private mutating func changeElements(limit: Int, until stop: Int?, reserving: Int? = nil) -> [Change]? {
        var changes: [Change] = []
        changes.reserveCapacity(
            min(limit, reserving ?? Self.estimatedCount(bytes: (stop ?? parser.bytes.count) - parser.index)))
        while true {
            guard changes.count < limit, let change = change(depth: 3) else { return nil }
            changes.append(change)
            parser.skipWhitespace()
            if let stop, parser.index >= stop { return parser.index == stop ? changes : nil }
            guard consume(UInt8(ascii: ",")) else { break }
        }
        return stop == nil && consume(UInt8(ascii: "]")) ? changes : nil
    }

    /// Skips whitespace and takes `byte` if it comes next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == byte else { return false }
        parser.index += 1
        return true
    }
}
