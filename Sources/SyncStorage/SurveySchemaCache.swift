import Models
import Synchronization

/// Survey schemas worked out once and kept across batches, so that a server does not parse a
/// survey's `items` again for every push that answers it (a survey of 2,000 table items took
/// about a tenth of the server's time in a push of 1,000,000 answers: renkei-bench sync).
///
/// An entry is found by the survey id and is used only while the stored versions it came from
/// are byte for byte what the store holds now (compared, not trusted by sequence or time), so
/// a survey published again, a conflict, a restored backup or another database never reuses
/// a stale schema. Only surveys with a stored schema are kept, at most `capacity` of them
/// (answers to ids never published cannot grow it; only advisors publish surveys).
public final class SurveySchemaCache: Sendable {
    /// Most surveys kept at once; past it the whole cache is emptied and refilled.
    public static let capacity = 16

    private struct Entry {
        /// The `items` register's current versions as stored, in sequence order.
        let stored: [StoredChange]
        let schemas: [AnswerSchema]
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// Surveys kept now.
    var count: Int { entries.withLock { $0.count } }

    /// The schemas of survey `id` whose `items` versions are stored as `stored`, from the cache
    /// when those bytes are unchanged, else from `workOut` (then kept).
    func schemas(
        of id: String, stored: [StoredChange], workOut: () throws -> [AnswerSchema]
    ) rethrows -> [AnswerSchema] {
        if let entry = entries.withLock({ $0[id] }), entry.stored == stored { return entry.schemas }
        let schemas = try workOut()
        guard !schemas.isEmpty else { return schemas }
        entries.withLock { entries in
            if entries[id] == nil && entries.count >= Self.capacity { entries.removeAll() }
            entries[id] = Entry(stored: stored, schemas: schemas)
        }
        return schemas
    }
}
