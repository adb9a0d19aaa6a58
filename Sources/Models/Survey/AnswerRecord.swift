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

    public init(survey: String, municipality: String, item: String, row: String? = nil) {
        self.survey = survey
        self.municipality = municipality
        self.item = item
        self.row = row
    }

    /// Splits a record id; nil when it does not have three or four non-empty parts.
    public init?(parsing record: String) {
        // One pass over the bytes, no array of parts: the server parses every answer it receives.
        let bytes = record.utf8
        var parts: (Substring, Substring, Substring, Substring?) = ("", "", "", nil)
        var start = bytes.startIndex
        var count = 0
        var index = start
        while true {
            let atEnd = index == bytes.endIndex
            if atEnd || bytes[index] == UInt8(ascii: "/") {
                guard start < index, count < 4 else { return nil }
                let part = record[start..<index]
                switch count {
                case 0: parts.0 = part
                case 1: parts.1 = part
                case 2: parts.2 = part
                default: parts.3 = part
                }
                count += 1
                if atEnd { break }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        guard count >= 3 else { return nil }
        survey = String(parts.0)
        municipality = String(parts.1)
        item = String(parts.2)
        row = parts.3.map(String.init)
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
