import Models
import SyncStorage

/// The server's checks of one push batch: every field a client sends is a claim, and this type
/// decides which claims stand. Three stages, each with its own consequence:
///
/// 1. `checkIdentity` (before anything is stored; a failure refuses the whole batch with 400):
///    every change's `author` is the pushing replica and its `user` the token's user (an admin's
///    token, which federation uses to relay other replicas' versions, is the one exception);
///    `at` lies between 2020-01-01 and a day after the server's clock; every counter is below
///    2^53.
/// 2. `rejections` (before the transaction, which then makes sure the surveys read here have not
///    changed meanwhile; each failure refuses that change alone): the
///    record id and field are in Unicode NFC (`CanonicalText`); the value fits its
///    collection's `ValueLimits`; an answer's record names the municipality of its scope and
///    is valid for its published, open survey (`SurveyRules`; not for relays, whose answers
///    another server checked); a work log field is one its kind has, in a scope its kind allows,
///    with a value of its type (`WorkLogKind.problem`); a document is written to its one field
///    `file`, as a well-formed document value or `null` (`Document.problem`); only the advisor
///    and admins put a hearing item in the FAQ (`HearingItemRules`).
/// 3. `screen` (inside the push transaction, with the register as stored): a record id in use by
///    another scope is refused alone (`record_taken`, the same answer whatever that scope is);
///    a vector entry for a replica other than the author must not exceed what the server holds
///    of that register (all causality flows through the server), else the batch is refused (400);
///    merged, a change leaves its register with at most `maxConcurrentVersions` current versions
///    (`too_many_versions` alone); the survey lifecycle holds (`SubmissionAuthority`:
///    submitted answers are read-only, a submission passes its check, only the advisor returns);
///    and a table item of one municipality's answers holds at most 500 rows (`TableRowBudget`,
///    `invalid_answer` alone).
struct PushAuthority {
    let caller: Caller
    /// The server's clock, Unix milliseconds.
    let now: Int64
    let store: ServerStore
    /// The lifecycle rules (submit, return, read-only submitted answers) for this batch.
    let lifecycle: SubmissionAuthority
    /// The rows each table item may still take in this batch.
    let tableRows = TableRowBudget()

    /// `checks`: what the caller's submission checks may still cost over time (nil: no limit;
    /// admins, who relay submissions another server checked, are never charged).
    init(caller: Caller, now: Int64, store: ServerStore, checks: SubmissionCheckBudget? = nil) {
        self.caller = caller
        self.now = now
        self.store = store
        self.lifecycle = SubmissionAuthority(
            grant: caller.grant, user: caller.user, checks: caller.grant.role == .admin ? nil : checks)
    }

    /// Counters stay below 2^53 so that every JSON implementation reads them exactly.
    static let maxCounter: UInt64 = 1 << 53 - 1
    /// Earliest accepted `at`: 2020-01-01T00:00:00Z, in Unix milliseconds.
    static let earliestTime: Int64 = 1_577_836_800_000
    /// How far ahead of the server's clock `at` may be, in milliseconds (a day: clocks of offline PCs drift).
    static let allowedClockLead: Int64 = 86_400_000

    /// Current versions one register may hold side by side (a conflict's siblings). Honest
    /// conflicts have a few, one per office that edited a field offline at the same time. An
    /// outside review pushed thousands of concurrent versions of one field, each costing the
    /// push transaction a pass over all the others: one batch held the write lock for 124 s.
    static let maxConcurrentVersions = 32

    /// Federation relays other replicas' versions as they are; only an admin token may.
    private var relays: Bool { caller.grant.role == .admin }

    func checkIdentity(_ request: PushRequest) throws(ServiceError) {
        for (index, change) in request.changes.enumerated() {
            let version = change.version
            for entry in version.vector.entries where entry.counter > Self.maxCounter {
                throw ServiceError(
                    .invalidField,
                    "changes[\(index)].vector: counter \(entry.counter) of replica \(entry.replica.hex) is not below 2^53; nothing was applied"
                )
            }
            guard !relays else { continue }
            guard version.author == request.replica else {
                throw ServiceError(
                    .invalidField,
                    "changes[\(index)].author: a replica pushes only its own versions (author must be \(request.replica.hex)); nothing was applied"
                )
            }
            // Bytes, not `==`: a canonically equivalent twin of the name is another name.
            guard version.user.utf8.elementsEqual(caller.user.utf8) else {
                throw ServiceError(
                    .invalidField,
                    "changes[\(index)].user: must be \(Printable.quoted(caller.user)), the user of your token; nothing was applied"
                )
            }
            guard version.at >= Self.earliestTime, version.at <= now + Self.allowedClockLead else {
                throw ServiceError(
                    .invalidField,
                    "changes[\(index)].at: \(version.at) is not a time between 2020-01-01 and now (Unix milliseconds; check the PC's clock); nothing was applied"
                )
            }
        }
    }

    /// Changes refused alone, from what each says (size, record layout, survey rules), and the
    /// mark of the surveys those verdicts read, taken before them (for `ServerStore.push` to make
    /// sure inside its transaction that no survey changed meanwhile; nil when the batch has no
    /// answer or submission to judge). Each judgement has its own pattern budget
    /// (`SurveyRules.patternWorkPerBatch`).
    func rejections(_ request: PushRequest) throws(ServiceError) -> (
        rejected: [RejectedChange], surveysMark: CollectionMark?
    ) {
        var mark: CollectionMark?
        if !relays, request.changes.contains(where: { CollectionName.isJudgedAgainstSurveys($0.key.collection) }) {
            do { mark = try store.mark(of: CollectionName.surveys) } catch {
                throw ServiceError(.internalError, "the server failed to read its surveys")
            }
        }
        var surveys = SurveyRules(store: store, cache: store.surveySchemas)
        if !relays {
            for change in request.changes where change.key.collection == CollectionName.surveys {
                surveys.writtenByTheBatch.insert(change.key.record)
            }
        }
        var rejected: [RejectedChange] = []
        // Hearings this batch writes, by id: an item may name one created earlier in the batch.
        var hearings: [String: Scope] = [:]
        // Each change is judged where it lies in the batch (a borrowed argument), not copied out
        // of it: a copy retains and releases every string and array in the change.
        func judge(_ change: Change, at index: Int) throws(ServiceError) {
            var found = try problem(with: change, surveys: &surveys)
            if found == nil, change.key.collection == CollectionName.hearingItems, change.key.field == "hearing" {
                found = try hearingProblem(change, batch: hearings)
            }
            if let (code, message) = found {
                rejected.append(RejectedChange(index: index, key: change.key, code: code, message: message))
            } else if change.key.collection == CollectionName.hearings {
                hearings[change.key.record] = change.scope
            }
        }
        for index in request.changes.indices { try judge(request.changes[index], at: index) }
        // What the verdicts read of the surveys: a write to another survey leaves them standing.
        mark?.readKeys = surveys.readSequences
        return (rejected, mark)
    }

    /// A hearing item belongs to a hearing of its own scope: its `hearing` field must name a
    /// hearing this batch or the server holds in that scope (else another municipality's items
    /// would show under a hearing they do not belong to). Not for relays, whose hearing may come
    /// in a later page. Deleting the field (`null`) is allowed.
    private func hearingProblem(_ change: Change, batch: [String: Scope]) throws(ServiceError) -> (ErrorCode, String)? {
        guard !relays, change.version.value != .null else { return nil }
        let refusal = (
            ErrorCode.recordOutOfScope,
            "\(change.key): a hearing item names a hearing of its own scope (\(change.scope)), written before it"
        )
        guard case .string(let id) = change.version.value, !id.isEmpty, CanonicalText.isNFC(id) else { return refusal }
        // A hearing of this batch counts only as its own scope's, and only when the server holds
        // no hearing of that id in another scope (a write to one would be refused as taken).
        if let scope = batch[id], scope != change.scope { return refusal }
        let stored: String?
        do {
            stored = try store.recordScope(collection: CollectionName.hearings, record: id)
        } catch is ModelError {
            return refusal  // not a valid record id
        } catch {
            throw ServiceError(.internalError, "the server failed to read the hearing \(Printable.quoted(id))")
        }
        if batch[id] != nil && stored == nil { return nil }
        return stored == change.scope.description ? nil : refusal
    }

    private func problem(with change: Change, surveys: inout SurveyRules) throws(ServiceError) -> (
        ErrorCode, String
    )? {
        guard CanonicalText.isNFC(change.key.record), CanonicalText.isNFC(change.key.field) else {
            return (
                .invalidField,
                "\(change.key): IDと項目名は Unicode の NFC（濁点などを文字と合成した形）で書いてください。濁点を別の文字にしたIDは、同じ見た目の別のIDになります / record ids and fields are taken in Unicode NFC only (a mark such as ゛ written apart from its letter, or a look-alike such as the Kelvin sign, makes a second id that looks the same)"
            )
        }
        let limit = ValueLimits.maxBytes(for: change.key.collection)
        if Self.canonicalSize(of: change.version.value, above: limit) {
            return (
                .valueTooLarge,
                "\(change.key): the value is larger than \(limit / 1024) KiB, the most \(change.key.collection) allows"
            )
        }
        if change.key.collection == CollectionName.hearingItems,
            let refusal = HearingItemRules.refusal(
                field: change.key.field, value: change.version.value, role: caller.grant.role)
        {
            return (.invalidField, "\(change.key): \(refusal)")
        }
        if change.key.collection == Document.collection,
            let problem = Document.problem(field: change.key.field, value: change.version.value)
        {
            return (.invalidField, "\(change.key): \(problem)")
        }
        if let problem = WorkLogKind.problem(
            collection: change.key.collection, field: change.key.field, value: change.version.value,
            scope: change.scope)
        {
            return (.invalidField, "\(change.key): \(problem)")
        }
        if change.key.collection == CollectionName.submissions, !relays {
            do { return try lifecycle.problem(with: change, surveys: &surveys) } catch {
                throw ServiceError(.internalError, "the server failed to read the survey of \(change.key)")
            }
        }
        guard change.key.collection == CollectionName.answers else { return nil }
        guard let record = AnswerRecord(parsing: change.key.record), record.belongs(to: change.scope) else {
            return (
                .recordOutOfScope,
                "\(change.key): an answer's record is {survey}/{municipality}/{item}[/{row}] and names the municipality of its scope (\(change.scope))"
            )
        }
        // A relay (federation) forwards answers another server checked; their survey may arrive later.
        guard !relays else { return nil }
        do { return try surveys.problem(with: change, at: record) } catch {
            throw ServiceError(
                .internalError, "the server failed to read the survey \(Printable.quoted(record.survey))")
        }
    }

    /// Whether `value`'s canonical JSON is longer than `limit` bytes (scalars and short strings
    /// are decided without encoding them).
    static func canonicalSize(of value: JSONValue, above limit: Int) -> Bool {
        switch value {
        case .null, .bool, .integer, .double: return false
        case .string(let text):
            // At worst every byte is escaped as \u00XX (6 bytes), plus the quotes.
            if text.utf8.count * 6 + 2 <= limit { return false }
            return value.canonicalBytes.count > limit
        case .array, .object: return value.canonicalBytes.count > limit
        }
    }

    /// The check run inside the transaction on each change not refused before.
    func screen(_ index: Int, _ change: Change, _ stored: StoredRegister, _ reader: TransactionReader) throws
        -> PushScreening
    {
        if let scope = stored.scope, scope != change.scope {
            return .reject(
                RejectedChange(
                    index: index, key: change.key, code: .recordTaken,
                    message: "\(change.key): this record id is already in use; write a new record instead"))
        }
        guard !relays else { return .merge }
        for entry in change.version.vector.entries where entry.replica != change.version.author {
            let known = stored.vector[entry.replica]
            if entry.counter > known {
                throw ServiceError(
                    .invalidField,
                    "changes[\(index)].vector: replica \(entry.replica.hex) has \(entry.counter) there, but the server holds only \(known) of its writes to \(change.key); a version can only have seen what came through the server. Nothing was applied"
                )
            }
        }
        // A change that would make one sibling too many is refused; a resolution (one version
        // after the merge) or a change that replaces as many as it adds still goes in.
        if let after = stored.versionsAfter, after > Self.maxConcurrentVersions {
            return .reject(
                RejectedChange(
                    index: index, key: change.key, code: .tooManyVersions,
                    message:
                        "\(change.key): the field already has \(Self.maxConcurrentVersions) conflicting versions, the most the server keeps; resolve them (a version that has seen them all), then write it again"
                ))
        }
        // The survey lifecycle first: it words its own refusals (a submission state repeated
        // under its stored vector is `submission_refused`).
        if let rejection = try lifecycle.screen(index, change, stored, reader) { return .reject(rejection) }
        if let rejection = try reusedVersion(index, change, stored, reader) { return .reject(rejection) }
        // Last: it counts the change's row as added.
        if let rejection = try tableRows.refusal(index, change, stored, reader) { return .reject(rejection) }
        return .merge
    }

    /// A replica's counter names one write: a change whose vector equals a current version's
    /// but whose content differs would replace it through the merge's tie-break, rewriting a
    /// write under its old name. Only a vector the server has seen all of can be such a reuse
    /// (anything newer is not looked up).
    private func reusedVersion(
        _ index: Int, _ change: Change, _ stored: StoredRegister, _ reader: TransactionReader
    ) throws -> RejectedChange? {
        switch change.version.vector.compare(stored.vector) {
        case .equal, .before: break
        case .after, .concurrent: return nil
        }
        let canonical = change.version.canonicalBytes
        let reused = try reader.register(for: change.key).versions.contains {
            $0.vector == change.version.vector && $0.canonicalBytes != canonical
        }
        guard reused else { return nil }
        return RejectedChange(
            index: index, key: change.key, code: .versionReused,
            message:
                "\(change.key): vector \(change.version.vector) names a version the server holds with other content; a new write needs a new counter"
        )
    }
}
