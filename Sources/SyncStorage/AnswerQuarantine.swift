import Models

/// Answers whose record id names another municipality than their scope (written before the
/// server checked it: "record-id squatting"). Migration 011 moves every such version, current
/// or superseded, out of `versions` and `history` into `quarantined_versions`, where `admin`
/// can still read them, so that no report, export or dashboard ever counts them for the
/// municipality their record id names.
enum AnswerQuarantine {
    static func migrate(_ database: Database) throws {
        try database.execute(
            sql: """
                CREATE TABLE quarantined_versions (
                    seq           INTEGER PRIMARY KEY,  -- the sequence it had
                    collection    TEXT NOT NULL,
                    record        TEXT NOT NULL,
                    field         TEXT NOT NULL,
                    scope         TEXT NOT NULL,        -- the scope it claimed
                    change        TEXT NOT NULL,        -- its wire JSON, as stored
                    reason        TEXT NOT NULL,        -- why it was set aside
                    quarantined_at INTEGER NOT NULL     -- Unix milliseconds
                ) STRICT;
                """)
        var foreign: [(table: String, seq: Int64)] = []
        for table in ["versions", "history"] {
            try database.cachedStatement("SELECT seq, record, scope FROM \(table) WHERE collection = 'answers'")
                .forEachRow([]) { row in
                    let scope = try? Scope(validating: row.text(2))
                    guard let scope, let record = AnswerRecord(parsing: row.text(1)), record.belongs(to: scope) else {
                        foreign.append((table, row.int64(0)))
                        return
                    }
                }
        }
        let now = UnixTime.milliseconds()
        for (table, seq) in foreign {
            try database.execute(
                sql: """
                    INSERT INTO quarantined_versions (seq, collection, record, field, scope, change, reason, quarantined_at)
                    SELECT seq, collection, record, field, scope, change,
                           'the record id names another municipality than the scope', ?2
                    FROM \(table) WHERE seq = ?1
                    """, [seq, now])
            try database.execute(sql: "DELETE FROM \(table) WHERE seq = ?1", [seq])
        }
        // Conflicts of registers that lost versions are counted again from what is left.
        try database.execute(
            sql: """
                DELETE FROM conflicts WHERE collection = 'answers';
                INSERT INTO conflicts (collection, record, field, siblings)
                    SELECT collection, record, field, count(*) FROM versions WHERE collection = 'answers'
                    GROUP BY collection, record, field HAVING count(*) > 1;
                """)
    }
}
