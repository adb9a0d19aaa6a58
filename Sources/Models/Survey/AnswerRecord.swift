/// The record layout of the `answers` collection, in one place: `{survey}/{code}/{item}` (field
/// `value`) for an item, `{survey}/{code}/{item}/{row}` (one field per column) for a row of a
/// table item. `code` is the answering municipality, and it must be the record's scope: the
/// server refuses an answer whose record names another municipality than its scope.
///
/// ```swift
/// let record = AnswerRecord(parsing: "osaka-dx-2025/271004/D01/r1")
/// record?.municipality   // "271004"
/// record?.row            // "r1"
/// ```
public struct AnswerRecord: Hashable, Sendable {
    public let survey: String
    /// The municipality code in the record id (6 digits, not yet checked against the scope).
    public let municipality: String
    public let item: String
    /// The table row, nil for items that are not tables.
    public let row: String?

    /// Rows one table item takes per municipality and survey, removed rows included (a removed
    /// row keeps its record, its cells emptied): the answer form offers as many, and the server
    /// refuses a row beyond them (`invalid_answer`).
    public static let maxRowsPerTable = 500

    public init(survey: String, municipality: String, item: String, row: String? = nil) {
        self.survey = survey
        self.municipality = municipality
        self.item = item
        self.row = row
    }

    /// Splits a record id; nil when it does not have three or four non-empty parts.
    public init?(parsing record: String) {
        // One pass over the contiguous UTF-8 bytes, no array of parts: the server parses every
        // answer it receives (parts of up to 15 bytes become small strings, without allocating).
        var text = record
        guard
            let parts = text.withUTF8({ bytes -> (String, String, String, String?)? in
                var found: (String, String, String, String?) = ("", "", "", nil)
                var count = 0
                var start = 0
                for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                    guard start < index, count < 4 else { return nil }
                    let part = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    switch count {
                    case 0: found.0 = part
                    case 1: found.1 = part
                    case 2: found.2 = part
                    default: found.3 = part
                    }
                    count += 1
                    start = index + 1
                }
                return count >= 3 ? found : nil
            })
        else { return nil }
        (survey, municipality, item, row) = parts
    }

    /// The record id.
    public var record: String {
        [survey, municipality, item].joined(separator: "/") + (row.map { "/" + $0 } ?? "")
    }

    /// Whether this record belongs in `scope`: the municipality it names is that scope.
    public func belongs(to scope: Scope) -> Bool {
        guard case .municipality(let code) = scope else { return false }
        return code.rawValue == municipality
    }
}
