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
        let parts = record.split(separator: "/", omittingEmptySubsequences: false)
        guard (3...4).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        survey = String(parts[0])
        municipality = String(parts[1])
        item = String(parts[2])
        row = parts.count == 4 ? String(parts[3]) : nil
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
