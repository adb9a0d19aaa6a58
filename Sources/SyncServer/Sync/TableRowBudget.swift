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

    /// `{survey}/{code}/{item}/` -> rows stored before this batch (counted up to `maxRows`),
    /// and the new rows the batch added so far.
    private var tables: [String: (stored: Int, added: Set<String>)] = [:]

    /// Why a change that would write a new register is refused, or nil. Call it only for a
    /// change about to be merged, as the last check: it counts the row as added.
    func refusal(_ index: Int, _ change: Change, _ stored: StoredRegister, _ reader: TransactionReader) throws
        -> RejectedChange?
    {
        guard change.key.collection == CollectionName.answers, stored.scope == nil, stored.versionsAfter != nil,
            let record = AnswerRecord(parsing: change.key.record), record.row != nil
        else { return nil }
        let table = "\(record.survey)/\(record.municipality)/\(record.item)/"
        var entry =
            try tables[table] ?? (
                try reader.recordCount(in: CollectionName.answers, recordPrefix: table, upTo: Self.maxRows), []
            )
        if entry.added.contains(change.key.record) { return nil }
        if try reader.holds(CollectionName.answers, record: change.key.record) { return nil }
        guard entry.stored + entry.added.count < Self.maxRows else {
            return RejectedChange(
                index: index, key: change.key, code: .invalidAnswer,
                message:
                    "\(change.key): 表 \(record.item) に書ける行は1つの調査で \(Self.maxRows) 行までです（削除した行も数えます）。空いている行に書いてください / table \(record.item) takes at most \(Self.maxRows) rows per survey, removed rows included; write into a row already there"
            )
        }
        entry.added.insert(change.key.record)
        tables[table] = entry
        return nil
    }
}
