/// A strict RFC 8259 parser producing `JSONValue`.
///
/// Strictness beyond the grammar: duplicate object keys, invalid UTF-8, lone surrogate escapes,
/// non-finite numbers and nesting deeper than `maxDepth` are errors. Every error carries the
/// byte offset where it was found.
struct JSONParser {
    /// Deepest accepted nesting of arrays and objects.
    static let maxDepth = 128

    let bytes: [UInt8]
    /// Offset of the next byte to read.
    var index = 0
    /// Values (scalars, arrays and objects, members' names not counted) this parser reads at
    /// most; one more is an error (`tooManyValues`). Each costs a `JSONValue` of 24 bytes and
    /// more while held, so a document's memory is bounded by this, not only by its bytes.
    let maxValues: Int
    /// Values read so far.
    private(set) var values = 0

    init(bytes: [UInt8], maxValues: Int = .max) {
        self.bytes = bytes
        self.maxValues = maxValues
    }

    mutating func parseDocument() throws(ModelError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw fail(.bytesAfterDocument) }
        return value
    }

    private func fail(_ reason: JSONSyntaxProblem) -> ModelError {
        .malformedJSON(offset: index, reason: reason)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(ModelError) -> JSONValue {
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        values += 1
        guard values <= maxValues else { throw fail(.tooManyValues(limit: maxValues)) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail(.unexpectedCharacter)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(ModelError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail(.unexpectedEnd) }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] {
            throw fail(.invalidLiteral)
        }
        index += count
    }

    private mutating func parseObject(depth: Int) throws(ModelError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw fail(.tooDeep(limit: Self.maxDepth)) }
        index += 1  // {
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail(.expectedMemberName) }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail(.expectedColon) }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            if members.updateValue(value, forKey: key) != nil {
                throw .malformedJSON(offset: keyOffset, reason: .duplicateMember(Printable.quoted(key)))
            }
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            } else {
                throw fail(.expectedCommaOrBrace)
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(ModelError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw fail(.tooDeep(limit: Self.maxDepth)) }
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            } else {
                throw fail(.expectedCommaOrBracket)
            }
        }
    }

    mutating func parseString() throws(ModelError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let string = try makeString(bytes[start..<index], offset: start)
                index += 1
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail(.controlCharacter) }
            index += 1
        }
        var decoded = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let string = try makeString(decoded[...], offset: start)
                index += 1
                return string
            case UInt8(ascii: "\\"):
                index += 1
                try parseEscape(into: &decoded)
            default:
                if byte < 0x20 { throw fail(.controlCharacter) }
                decoded.append(byte)
                index += 1
            }
        }
        throw fail(.unterminatedString)
    }

    private func makeString(_ utf8: ArraySlice<UInt8>, offset: Int) throws(ModelError) -> String {
        guard let string = String(validating: utf8, as: UTF8.self) else {
            throw .malformedJSON(offset: offset, reason: .invalidUTF8)
        }
        return string
    }

    private mutating func parseEscape(into decoded: inout [UInt8]) throws(ModelError) {
        guard index < bytes.count else { throw fail(.unterminatedEscape) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): decoded.append(0x22)
        case UInt8(ascii: "\\"): decoded.append(0x5C)
        case UInt8(ascii: "/"): decoded.append(0x2F)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else {
                    throw fail(.unpairedSurrogate)
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw fail(.unpairedSurrogate) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw fail(.unpairedSurrogate)
            }
            decoded.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        default:
            throw fail(.invalidEscape)
        }
    }

    private mutating func parseHex4() throws(ModelError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail(.truncatedUnicodeEscape) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: throw fail(.invalidUnicodeEscape)
            }
            value = value << 4 | UInt32(nibble)
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(ModelError) -> JSONValue {
        let start = index
        var isInteger = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw fail(.expectedDigit) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count && isDigit(bytes[index]) { throw fail(.leadingZero) }
        } else {
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail(.expectedDigitAfterPoint) }
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail(.expectedDigitInExponent) }
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let integer = Int64(text) { return .integer(integer) }
        guard let double = Double(text), double.isFinite else {
            throw .malformedJSON(offset: start, reason: .numberOutOfRange)
        }
        return .double(double)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
