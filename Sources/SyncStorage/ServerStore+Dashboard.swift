import Models

/// One register as the dashboard counts it: where it is, how many current versions it has, and
/// whether it holds a value; never the value itself.
public struct RegisterPresence: Hashable, Sendable {
    public let record: String
    public let field: String
    /// `shared` or a municipality code.
    public let scope: String
    /// Current versions of the register (at least 1); more than one is an open conflict.
    public let siblings: Int
    /// Whether at least one current version's value is not JSON `null` (a deletion). With one
    /// sibling: whether the register holds a value.
    public let anyValue: Bool

    /// Whether the register holds exactly one current value and it is not a deletion: what a
    /// report takes as answered.
    public var hasValue: Bool { siblings == 1 && anyValue }
}

extension ServerStore {
    /// The registers of `collection` whose record starts with `recordPrefix`, in key order (record,
    /// then field), each with its scope, sibling count and whether it holds a value.
    ///
    /// Values are judged inside SQLite (`json_type` of the stored change's `value`) and never
    /// decoded here: memory is one `RegisterPresence` per register (its record id and field) and
    /// the scan connection's 2 MiB page cache, however large the values are (answers may be
    /// 64 KiB each). Uses the key index (a range scan), not a full scan.
    public func registerPresence(in collection: String, recordPrefix: String) throws -> [RegisterPresence] {
        // On the small-cache connection: the stored changes are read whole to judge their value,
        // and hundreds of megabytes of answers must not fill the main connection's cache.
        try scanQueue.read { database in
            var result: [RegisterPresence] = []
            // The records with the prefix as `VersionTable.records(startingWith:)` bounds them. A
            // register's versions share one scope.
            let range = VersionTable.records(startingWith: recordPrefix)
            try database.cachedStatement(
                """
                SELECT record, field, min(scope), count(*), max(json_type(change, '$.value') IS NOT 'null')
                FROM versions WHERE collection = ?1 AND record >= ?2 AND record < ?3
                GROUP BY record, field ORDER BY record, field
                """
            ).forEachRow([collection, range.lowest, range.above]) { row in
                result.append(
                    RegisterPresence(
                        record: row.text(0), field: row.text(1), scope: row.text(2), siblings: Int(row.int64(3)),
                        anyValue: row.int64(4) != 0))
            }
            return result
        }
    }
}
