import Localization

/// The address of one register: one field of one record of one collection.
///
/// Rules (checked by `init(validating:)`):
/// - `collection`: 1-64 characters `a-z`, `0-9`, `-`, starting with a letter (e.g. `hearing-items`);
/// - `record`: 1-256 UTF-8 bytes without control characters (e.g. `osaka-dx-2025/271004/A05`);
/// - `field`: 1-128 UTF-8 bytes without control characters (e.g. `value`, `value.amount`).
public struct RecordKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let collection: String
    public let record: String
    public let field: String

    /// Largest accepted sizes, in UTF-8 bytes.
    public static let maxCollectionBytes = 64
    public static let maxRecordBytes = 256
    public static let maxFieldBytes = 128

    public init(validating collection: String, record: String, field: String) throws(ModelError) {
        try Self.checkCollection(collection)
        try Self.checkText(record, part: "record", limit: Self.maxRecordBytes)
        try Self.checkText(field, part: "field", limit: Self.maxFieldBytes)
        self.collection = collection
        self.record = record
        self.field = field
    }

    /// Checks a collection name.
    public static func checkCollection(_ name: String) throws(ModelError) {
        let bytes = name.utf8
        guard !bytes.isEmpty, bytes.count <= maxCollectionBytes else {
            throw .invalidKey(
                part: "collection", value: name,
                reason: localized("model.key.collection.length", ["limit": maxCollectionBytes]))
        }
        guard let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else {
            throw .invalidKey(part: "collection", value: name, reason: localized("model.key.collection.start"))
        }
        for byte in bytes {
            let allowed =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            if !allowed {
                throw .invalidKey(part: "collection", value: name, reason: localized("model.key.collection.characters"))
            }
        }
    }

    /// Checks free text used as an identifier: non-empty, bounded, no control characters.
    public static func checkText(_ text: String, part: String, limit: Int) throws(ModelError) {
        guard !text.isEmpty, text.utf8.count <= limit else {
            throw .invalidKey(part: part, value: text, reason: localized("model.key.text.length", ["limit": limit]))
        }
        if containsControlCharacter(text) {
            throw .invalidKey(part: part, value: text, reason: localized("model.key.control.characters"))
        }
    }

    /// Whether `text` holds a C0 or C1 control character or DEL (U+0000-001F, U+007F-009F).
    /// Reads the UTF-8 bytes: U+0080-009F are encoded as C2 80 to C2 9F.
    static func containsControlCharacter(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte < 0x20 || byte == 0x7F { return true }
                if byte == 0xC2, index + 1 < utf8.count, (0x80...0x9F).contains(utf8[index + 1]) { return true }
                index += 1
            }
            return false
        }
    }

    public var description: String { "\(collection)/\(record)#\(field)" }

    public static func < (lhs: RecordKey, rhs: RecordKey) -> Bool {
        (lhs.collection, lhs.record, lhs.field) < (rhs.collection, rhs.record, rhs.field)
    }
}
