import Models
import Synchronization

/// Survey schemas worked out once and kept across batches, so that a server does not parse a
/// survey's `items` again for every push that answers it (a survey of 2,000 table items took
/// about a tenth of the server's time in a push of 1,000,000 answers: renkei-bench sync).
///
/// An entry is found by the survey id and is used only while the stored versions it came from
/// are byte for byte what the store holds now (compared, not trusted by sequence or time), so
/// a survey published again, a conflict, a restored backup or another database never reuses
/// a stale schema. Only surveys with a stored schema are kept (answers to ids never published
/// cannot grow it; only advisors publish surveys), at most `capacity` of them and
/// `capacityBytes` of stored schema: a survey as large as allowed (2 MiB) fits, several such do
/// not stay in memory at once (the worked-out schema takes a few times its bytes).
public final class SurveySchemaCache: Sendable {
    /// Most surveys kept at once; past it the whole cache is emptied and refilled.
    public static let capacity = 16
    /// Most bytes of stored schema (`StoredChange.bytes`) kept at once; past it the whole cache
    /// is emptied and refilled, and a survey larger than this alone is never kept.
    public static let capacityBytes = 4 << 20

    private struct Entry {
        /// The `items` register's current versions as stored, in sequence order.
        let stored: [StoredChange]
        let schemas: [AnswerSchema]

        /// What `capacityBytes` counts of `stored`: the bytes of its versions.
        static func size(of stored: [StoredChange]) -> Int { stored.reduce(0) { $0 + $1.bytes.count } }
    }

    private struct Entries {
        var byID: [String: Entry] = [:]
        /// Sum of the stored bytes of every entry.
        var bytes = 0
    }

    private let entries = Mutex(Entries())

    public init() {}

    /// Surveys kept now.
    var count: Int { entries.withLock { $0.byID.count } }

    /// Stored bytes kept now.
    var bytes: Int { entries.withLock { $0.bytes } }

    /// The schemas of survey `id` whose `items` versions are stored as `stored`, from the cache
    /// when those bytes are unchanged, else from `workOut` (then kept).
    func schemas(
        of id: String, stored: [StoredChange], workOut: () throws -> [AnswerSchema]
    ) rethrows -> [AnswerSchema] {
        if let entry = entries.withLock({ $0.byID[id] }), entry.stored == stored { return entry.schemas }
        let schemas = try workOut()
        let size = Entry.size(of: stored)
        guard !schemas.isEmpty, size <= Self.capacityBytes else { return schemas }
        entries.withLock { entries in
            if let replaced = entries.byID.removeValue(forKey: id) {
                entries.bytes -= Entry.size(of: replaced.stored)
            }
            if entries.byID.count >= Self.capacity || entries.bytes + size > Self.capacityBytes {
                entries = Entries()
            }
            entries.byID[id] = Entry(stored: stored, schemas: schemas)
            entries.bytes += size
        }
        return schemas
    }
}
