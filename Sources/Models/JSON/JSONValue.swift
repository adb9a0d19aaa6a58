/// A JSON document of any shape, kept exactly: integers stay integers (no trip through
/// `Double`), strings keep their bytes (no Unicode normalisation).
///
/// Objects have no member order: they are written with keys sorted by their UTF-8 bytes, so
/// equal values always serialise to the same bytes. Non-finite numbers cannot be represented.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number written without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number; always finite.
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses one JSON document (RFC 8259), rejecting duplicate keys, invalid UTF-8 and
    /// trailing bytes.
    ///
    /// - Throws: `ModelError.malformedJSON` with the byte offset of the problem.
    /// - Parameter maxValues: values the document may hold at most (`JSONParser.maxValues`).
    public init(parsing bytes: some Collection<UInt8>, maxValues: Int = .max) throws(ModelError) {
        let array = Array(bytes)
        var parser = JSONParser(bytes: array, maxValues: maxValues)
        self = try parser.parseDocument()
    }

    /// Parses one JSON document from text.
    public init(parsing text: String) throws(ModelError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// The canonical serialisation (sorted keys, no insignificant whitespace).
    public var canonicalBytes: [UInt8] {
        var writer = JSONWriter()
        writer.write(self)
        return writer.bytes
    }

    /// The canonical serialisation as text.
    public var canonicalText: String { String(decoding: canonicalBytes, as: UTF8.self) }

    /// A short name of the kind of value, for error messages ("string", "object", …).
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { canonicalText }
}

/// Literals for building values in code and tests. Deliberately not `ExpressibleByNilLiteral`:
/// with it, `nil` in a `JSONValue?` context silently means `.null` instead of "absent".
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
