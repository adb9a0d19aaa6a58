import Models

/// Checks answers against their published survey, as a store (the server's for every push, a
/// replica's for every local write) holds it: the survey
/// must be open, the item (and for a table row, the column) must exist, and the value must pass
/// the same `QuestionnaireItem.check` the CLI runs.
///
/// An answer to a survey id the server holds no schema for is stored unchecked (beyond its scope
/// and size, which `PushAuthority` always checks): it can only be its own municipality's, and it
/// reaches a report only once a survey of that id is published, where `survey check` and the
/// reports judge it against that schema. The respondent's own code item
/// (the survey's first item validated with `lg_code_check_digit`, A01 in the Osaka survey) must
/// name the municipality of the answer's scope. Surveys are loaded once per batch, and their
/// schemas worked out once while they stay as stored when a `SurveySchemaCache` is given.
///
/// A survey whose `status` or `items` register is in conflict: open only if every current
/// version says `open`; an answer is valid if any current version of the schema accepts it
/// (both were published by the advisor, and a legitimate answer must not be refused for it).
/// A survey id whose `items` holds a current version but no valid schema (deleted, or a schema
/// that does not parse) is not published: its answers are refused as `survey_closed`, never
/// taken unchecked.
public struct SurveyRules {
    let store: any VersionStore
    let cache: SurveySchemaCache?
    private var loaded: [String: Published?] = [:]
    /// The survey looked up last.
    private var last: (id: String, survey: Published?)?
    /// The survey fields this judgement read (`status` and `items` of each survey id looked up),
    /// with the sequences of their current versions as read, ascending (`CollectionMark.readKeys`).
    public private(set) var readSequences: [RecordKey: [Int64]] = [:]
    /// Ids of the surveys the batch being judged writes itself (`surveys` changes): its answers
    /// and submissions to them are refused (`sameBatchProblem`). They would be judged against
    /// the survey as stored before the batch, then committed together with its change: a fifth
    /// outside review, as an advisor allowed to enter a municipality's answers, closed a survey
    /// and answered it, or published a stricter schema and an answer it refuses, in one batch.
    public var writtenByTheBatch: Set<String> = []
    /// Pattern steps this judgement may still take (see `patternWorkPerBatch`).
    let work: PatternWork

    /// Steps of text pattern matching one judgement of a batch may take (`TextPattern`: one step
    /// per live state for each character read, charged as the match runs; a step is a
    /// comparison, a binary search in a class or a few Unicode property look-ups: the costliest
    /// class found, `[^\d\s\w]{0,80}x` against 60 answers of 60,000 `!`, spent the budget in
    /// about 0.4 s of a release server's CPU. A batch judged again, when a survey changed
    /// meanwhile, gets a new budget, at most three times). An honest batch takes
    /// a small share: 1,500 table rows of 17 characters against a pattern of 202 states
    /// (`^[^\n]{1,100}$`) live in 2-3 states at a time. Past it, the batch's further answers to
    /// patterned items are refused alone (`invalid_answer`, send fewer at a time).
    ///
    /// Before 0.27 the budget charged characters x the pattern's states before each match: a
    /// fourth outside review had 44 of those 1,500 honest rows refused (the work charged was 250
    /// times the work done), and, since one budget served every judgement of a batch, all 900
    /// rows of a batch judged a third time while the advisor edited another survey. A second
    /// review pushed 20 answers of 60,000 characters against a pattern of 1,000 states: 33 s of
    /// a push slot before there was a budget.
    public static let patternWorkPerBatch = 5_000_000

    /// - Parameters:
    ///   - cache: schemas kept across batches (the server's); nil works them out each time.
    ///   - patternWork: steps of pattern matching this judgement may take.
    public init(store: any VersionStore, cache: SurveySchemaCache? = nil, patternWork: Int = patternWorkPerBatch) {
        self.store = store
        self.cache = cache
        work = PatternWork(steps: patternWork)
    }

    /// A survey as stored: its valid schemas (one per current version that parses; none when it
    /// is not published) and whether it takes answers (published and every status `open`).
    struct Published {
        let schemas: [AnswerSchema]
        let isOpen: Bool
    }

    /// Why `change` (an answer at `record`) is refused (`survey_closed` or `invalid_answer`, with
    /// a Japanese and English message), or nil when it is valid.
    public mutating func problem(with change: Change, at record: AnswerRecord) throws -> (ErrorCode, String)? {
        if let refusal = sameBatchProblem(survey: record.survey, key: change.key) { return refusal }
        guard let survey = try published(record.survey) else { return nil }
        guard survey.isOpen else {
            return (
                .surveyClosed,
                "\(change.key): 調査 \(record.survey) は回答を受け付けていません（締切済みまたは未公開） / the survey is not open for answers"
            )
        }
        var last: AnswerProblem?
        for schema in survey.schemas {
            let before = work.remaining
            let problem = schema.problem(change.version.value, at: record, field: change.key.field, work: work)
            if work.isExhausted && work.remaining != before {
                return (
                    .invalidAnswer,
                    "\(change.key): この送信には調査の書式（パターン）で確かめる文字が多すぎます。回答を分けて送ってください / too much text to check against the survey's patterns in one batch; send fewer answers at a time"
                )
            }
            guard let problem else { return nil }
            last = problem
        }
        guard let last else { return nil }
        return (.invalidAnswer, "\(change.key): \(last.japanese) / \(last.english)")
    }

    /// Why an answer or submission (`key`) to survey `id` is refused because its own batch writes
    /// that survey (`writtenByTheBatch`), or nil. The client keeps it aside; entered again after
    /// the survey change has synced, it is judged against the survey as changed.
    public func sameBatchProblem(survey id: String, key: RecordKey) -> (ErrorCode, String)? {
        guard writtenByTheBatch.contains(id) else { return nil }
        return (
            .surveyClosed,
            "\(key): この送信は調査 \(id) 自体も変更しています。調査の変更を同期した後で入力し直してください / this batch also changes survey \(id); answers and submissions to it are taken in a later batch, once the survey change is synced"
        )
    }

    /// Whether survey `id` is published (a valid schema is stored) and open for answers.
    public mutating func standing(of id: String) throws -> (published: Bool, open: Bool) {
        guard let survey = try published(id) else { return (false, false) }
        return (!survey.schemas.isEmpty, survey.isOpen)
    }

    private mutating func published(_ id: String) throws -> Published? {
        // A batch usually answers one survey: compare with the last one before hashing the id.
        if let last, last.id == id { return last.survey }
        if let known = loaded[id] {
            last = (id, known)
            return known
        }
        let statusKey = try RecordKey(validating: CollectionName.surveys, record: id, field: "status")
        let itemsKey = try RecordKey(validating: CollectionName.surveys, record: id, field: "items")
        let status = try store.storedChanges(for: statusKey)
        let items = try store.storedChanges(for: itemsKey)
        readSequences[statusKey] = status.map(\.sequence)  // in sequence order (`VersionStore`)
        readSequences[itemsKey] = items.map(\.sequence)
        func workOut() throws -> [AnswerSchema] {
            try items.map { try $0.decoded() }.compactMap { try? Questionnaire(json: $0.version.value) }
                .map(AnswerSchema.init)
        }
        let schemas = try cache?.schemas(of: id, stored: items, workOut: workOut) ?? workOut()
        let statuses = try status.map { try $0.decoded().version.value }
        let isOpen = !schemas.isEmpty && !statuses.isEmpty && statuses.allSatisfy { $0 == .string("open") }
        // No schema ever stored: an id no survey has (yet); its answers are stored unchecked.
        let survey = items.isEmpty ? nil : Published(schemas: schemas, isOpen: isOpen)
        loaded[id] = survey
        last = (id, survey)
        return survey
    }
}
