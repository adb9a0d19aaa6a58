/// A byte-level JSON writer for the hot wire types: no `Foundation`, no intermediate strings.
///
/// Output is canonical: no whitespace, object keys sorted by UTF-8 bytes (for `JSONValue`),
/// strings escaped minimally (`"`, `\`, and control characters), integers in decimal, doubles in
/// Swift's shortest round-trip form. Commas are inserted automatically between members and
/// elements.
public struct JSONWriter: Sendable {
    /// The document so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether the next member or element needs a comma in front.
    private var needsComma = false

    public init(reservingCapacity capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Drops the output but keeps the allocated capacity (reuse one writer in loops).
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    private mutating func beginValue() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    public mutating func beginObject() {
        beginValue()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        beginValue()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name and the colon; the value follows with any `write` call.
    public mutating func key(_ name: String) {
        write(string: name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func writeNull() {
        beginValue()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
    }

    public mutating func write(bool: Bool) {
        beginValue()
        if bool {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
    }

    public mutating func write(integer: Int64) {
        beginValue()
        appendDecimal(integer)
    }

    public mutating func write(unsigned: UInt64) {
        beginValue()
        appendDecimal(unsigned)
    }

    /// Writes a finite double; integral values keep a `.0` so they read back as doubles.
    /// Negative zero is written as `-0.0`: it is a different value, kept as sent.
    public mutating func write(double: Double) {
        precondition(double.isFinite, "JSON cannot represent \(double)")
        beginValue()
        bytes.append(contentsOf: double.description.utf8)
    }

    public mutating func write(string: String) {
        beginValue()
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func write(_ replica: ReplicaID) {
        beginValue()
        bytes.append(UInt8(ascii: "\""))
        replica.appendHex(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes a vector as `[["<replica>",counter],…]` (flat pairs: fast to write and to read).
    public mutating func write(_ vector: VersionVector) {
        beginArray()
        for entry in vector.entries {
            beginArray()
            write(entry.replica)
            write(unsigned: entry.counter)
            endArray()
        }
        endArray()
    }

    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: writeNull()
        case .bool(let bool): write(bool: bool)
        case .integer(let integer): write(integer: integer)
        case .double(let double): write(double: double)
        case .string(let string): write(string: string)
        case .array(let elements):
            beginArray()
            for element in elements { write(element) }
            endArray()
        case .object(let members):
            beginObject()
            for (name, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                key(name)
                write(member)
            }
            endObject()
        }
    }

    /// Appends bytes that already are one complete JSON value (e.g. a stored record).
    public mutating func writeRaw(_ json: some Collection<UInt8>) {
        beginValue()
        bytes.append(contentsOf: json)
    }

    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            let hex = Array("0123456789abcdef".utf8)  // control characters only: a rare path
            bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }

    private mutating func appendDecimal(_ value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendDecimal(value.magnitude)
        } else {
            appendDecimal(UInt64(value))
        }
    }

    private mutating func appendDecimal(_ value: UInt64) {
        let start = bytes.count
        var rest = value
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }
}
