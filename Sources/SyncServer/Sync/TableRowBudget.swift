import Models
import SyncStorage

/// At most `maxRows` rows per table item in one municipality's answers to one survey: the
/// answer form offers as many, and the check a submission runs reads every stored answer inside
/// the push transaction. An outside review stored 150,000 rows in one free-row table; each
/// submission attempt afterwards, refused but repeatable, held the write lock, and with it every
/// other municipality's requests, for 3-4.6 s.
///
/// The rule holds for every answer record with a row (`{survey}/{code}/{item}/{row}`), of a
/// published survey or not (answers to a survey not yet published are stored unchecked, and
/// would be read once it is). One per push batch: it counts a table's stored rows once, then
/// the new rows the batch adds. A change for a row already stored (another of its fields) is
/// never refused. A removed row keeps its record (its cells are emptied), so it still counts;
/// each survey (each year's) starts from none.
final class TableRowBudget {
    /// Rows one table item may hold per municipality and survey.
    static let maxRows = AnswerRecord.maxRowsPerTable

    /// One table's rows as this batch sees them.
    private final class Rows {
        /// Rows stored before the batch (counted up to `maxRows`).
        let stored: Int
        /// The new rows the batch added so far (records).
        var added: Set<String> = []
        init(stored: Int) { self.stored = stored }
    }

    /// `{survey}/{code}/{item}/` -> its rows.
    private var tables: [String: Rows] = [:]
    /// The table of the row checked last: a batch writes a table's rows one after the other,
    /// and they are recognised by the prefix, without parsing the record again.
    private var last: (prefix: String, item: String, rows: Rows)?

    /// Why a change that would write a new register is refused, or nil. Call it only for a
    /// change about to be merged, as the last check: it counts the row as added.
    func refusal(_ index: Int, _ change: Change, _ stored: StoredRegister, _ reader: TransactionReader) throws
        -> RejectedChange?
    {
        guard change.key.collection == CollectionName.answers, stored.scope == nil, stored.versionsAfter != nil
        else { return nil }
        let rows: Rows
        let item: String
        if let last, Self.isRow(change.key.record, of: last.prefix) {
            rows = last.rows
            item = last.item
        } else {
            guard let record = AnswerRecord(parsing: change.key.record), record.row != nil else { return nil }
            let table = "\(record.survey)/\(record.municipality)/\(record.item)/"
            if let known = tables[table] {
                rows = known
            } else {
                rows = Rows(
                    stored: try reader.recordCount(in: CollectionName.answers, recordPrefix: table, upTo: Self.maxRows))
                tables[table] = rows
            }
            last = (table, record.item, rows)
            item = record.item
        }
        if rows.added.contains(change.key.record) { return nil }
        // A table that held no row before the batch holds none of its new ones: not looked up.
        if rows.stored > 0, try reader.holdsRecord(of: change.key) { return nil }
        guard rows.stored + rows.added.count < Self.maxRows else {
            return RejectedChange(
                index: index, key: change.key, code: .invalidAnswer,
                message:
                    "\(change.key): 表 \(item) に書ける行は1つの調査で \(Self.maxRows) 行までです（削除した行も数えます）。空いている行に書いてください / table \(item) takes at most \(Self.maxRows) rows per survey, removed rows included; write into a row already there"
            )
        }
        rows.added.insert(change.key.record)
        return nil
    }

    /// Whether `record` is a row of the table `prefix` (`{survey}/{code}/{item}/`), byte for
    /// byte: it goes on with a non-empty row id without `/`.
    private static func isRow(_ record: String, of prefix: String) -> Bool {
        let bytes = record.utf8
        let count = prefix.utf8.count
        return bytes.count > count && bytes.starts(with: prefix.utf8)
            && !bytes.dropFirst(count).contains(UInt8(ascii: "/"))
    }
}
