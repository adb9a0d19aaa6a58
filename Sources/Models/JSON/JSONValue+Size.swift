extension JSONValue {
    /// About how many bytes the value holds, for charging work by size: a string's UTF-8 bytes,
    /// 8 for any other scalar, and for an array or object 8 plus its elements (and an object's
    /// member names). Linear in the value; nothing is encoded.
    public var approximateBytes: Int {
        switch self {
        case .null, .bool, .integer, .double: return 8
        case .string(let text): return text.utf8.count
        case .array(let elements): return elements.reduce(8) { $0 + $1.approximateBytes }
        case .object(let members): return members.reduce(8) { $0 + $1.key.utf8.count + $1.value.approximateBytes }
        }
    }
}
