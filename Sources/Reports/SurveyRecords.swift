import Models

/// How survey data is laid out in registers and read back into tables: the one reading that the
/// client (`renkei survey …`, `renkei report survey|progress|faq`), the server (`renkei-server
/// admin export survey`) and the dashboard share, so that the same registers give the same table,
/// byte for byte, on every replica and on the server.
///
/// **Record layout.** A survey is record `{survey}` of collection `surveys` (fields `title`,
/// `fiscal_year`, `status`, and `items`: the schema as published). An answer is record
/// `{survey}/{code}/{item}` of collection `answers` (field `value`), or for a row of a table item
/// `{survey}/{code}/{item}/{row}` (one field per column): `AnswerRecord` parses and builds these
/// ids. An answer counts only for the municipality of its scope: a register whose record names
/// another municipality than its scope (or that lives in `shared`) counts for nobody.
///
/// **Which sibling is shown.** Where a table shows one version of a register (a survey's schema,
/// title or status, a hearing's field, a document on the dashboard), it shows the first of
/// `Register.versions`. Siblings are kept in canonical vector order
/// (`VersionVector.canonicallyPrecedes`, a total order on the versions alone), so every replica
/// and the server that hold the same siblings show the same one, whatever order they merged them
/// in. Wall-clock time (`Version.at`) never decides: clocks are skewed and ties are common. An
/// answer cell is different: a conflicted answer shows every sibling (`SurveyReport.conflictMark`
/// and the values, sorted) and counts as unanswered until someone resolves it.
///
/// **Municipalities.** A survey table lists the 43 municipalities of Osaka Prefecture built into
/// Renkei (`OsakaMunicipalities`), plus any other municipality whose scope holds an answer of the
/// survey, in code order. A municipality is named by the built-in list, or by its code outside
/// it. The server's registered municipalities (`admin municipality import`) decide who may sign
/// in, not which rows a table has: a replica has no copy of that list, and the client's report and
/// the server's export must have the same rows.
///
/// **Codelists.** A survey that declares the code list `osaka_municipalities` (for
/// `in_codelist:osaka_municipalities`) is checked against the 43 built-in codes; no other list is
/// built in, and an item naming an unknown list is not checked against one.
public enum SurveyRecords {
    /// The collection of survey schemas and their title, fiscal year and status.
    public static let surveys = CollectionName.surveys
    /// The collection of answers.
    public static let answers = CollectionName.answers

    // MARK: - Record layout

    /// The key of one field of survey `survey` (`title`, `fiscal_year`, `status` or `items`).
    public static func surveyKey(_ survey: String, field: String) throws(ModelError) -> RecordKey {
        try RecordKey(validating: surveys, record: survey, field: field)
    }

    /// The key of one answer: field `value` of an item, or a column of a table row.
    public static func answerKey(_ record: AnswerRecord, field: String) throws(ModelError) -> RecordKey {
        try RecordKey(validating: answers, record: record.record, field: field)
    }

    /// The record prefix of every answer to `survey` (`{survey}/`), or only of municipality
    /// `code`'s (`{survey}/{code}/`), for `registers(in:recordPrefix:)`.
    public static func answerPrefix(survey: String, municipality code: String? = nil) -> String {
        code.map { "\(survey)/\($0)/" } ?? "\(survey)/"
    }

    /// The answer that a register of `answers` holds, when it is an answer to `survey` that
    /// counts: its record id parses as an `AnswerRecord` of `survey` and names the municipality
    /// of its scope (`scope` as text: a municipality code; `shared` never matches). Nil otherwise.
    public static func answer(record: String, scope: String, survey: String) -> AnswerRecord? {
        guard let answer = AnswerRecord(parsing: record), answer.survey == survey, answer.municipality == scope,
            scope != Scope.shared.description
        else { return nil }
        return answer
    }

    // MARK: - Which sibling is shown

    /// The version a table shows of `register`: the first in canonical vector order; nil when
    /// the register is empty.
    public static func shown(_ register: Register) -> Version? { register.versions.first }

    /// The survey schema a `surveys/{id}` field `items` register holds (its shown version), or
    /// nil when it was never published or was withdrawn (the shown version is a deletion).
    ///
    /// - Throws: `ModelError` when the shown version is not a valid survey.
    public static func survey(from register: Register) throws(ModelError) -> Questionnaire? {
        guard let version = shown(register), version.value != .null else { return nil }
        return try Questionnaire(json: version.value)
    }

    // MARK: - Municipalities

    /// What a table calls municipality `code`: its Japanese name from the built-in list, or the
    /// code itself outside it.
    public static func name(of code: String) -> String { OsakaMunicipalities.name(of: code) ?? code }

    /// The municipalities a table lists, in code order: the 43 built in, plus `others` (codes
    /// outside that list; repeats and built-in codes are ignored), each named by `name(of:)`.
    public static func municipalities(adding others: some Sequence<String> = []) -> [(code: String, name: String)] {
        let builtIn = OsakaMunicipalities.all.map { (code: $0.code, name: $0.name) }
        let known = Set(builtIn.map(\.code))
        let extra = Set(others).subtracting(known).map { (code: $0, name: $0) }
        return (builtIn + extra).sorted { $0.code < $1.code }
    }

    /// Every municipality's answers to `survey`, one per row of its tables: the municipalities of
    /// `municipalities(adding:)` with every scope that holds an answer of the survey added.
    ///
    /// - Parameter registers: the `answers` registers whose records start with
    ///   `answerPrefix(survey:)`, with their scopes, as a store lists them; registers that are not
    ///   answers of the survey that count (see `answer(record:scope:survey:)`) are ignored.
    /// - Parameter submissions: the `submissions` registers whose records start with
    ///   `answerPrefix(survey:)`; one counts only in the scope of the municipality it names.
    public static func municipalities(
        _ survey: Questionnaire, answers registers: [(key: RecordKey, scope: Scope, register: Register)],
        submissions: [(key: RecordKey, scope: Scope, register: Register)] = []
    ) -> [SurveyReport.Municipality] {
        let states = submissionStates(survey.surveyID, submissions)
        var byCode: [String: [(key: RecordKey, scope: Scope, register: Register)]] = [:]
        for entry in registers {
            guard let answer = answer(record: entry.key.record, scope: entry.scope.description, survey: survey.surveyID)
            else { continue }
            byCode[answer.municipality, default: []].append(entry)
        }
        return municipalities(adding: byCode.keys).map { municipality in
            SurveyReport.Municipality(
                code: municipality.code, name: municipality.name,
                answers: SurveyAnswers(
                    survey: survey, municipality: municipality.code, registers: byCode[municipality.code] ?? []),
                submission: states[municipality.code] ?? .answering)
        }
    }

    /// Each municipality's `SubmissionStatus` of `survey`, from `submissions` registers (those of
    /// another survey, another field or a record that does not name its own scope are ignored).
    public static func submissionStates(
        _ survey: String, _ registers: [(key: RecordKey, scope: Scope, register: Register)]
    ) -> [String: SubmissionStatus] {
        var states: [String: SubmissionStatus] = [:]
        for (key, scope, register) in registers where key.field == Submission.field {
            guard let parts = Submission.parse(record: key.record), parts.survey == survey,
                parts.municipality == scope.description
            else { continue }
            states[parts.municipality] = SubmissionStatus(register: register)
        }
        return states
    }

    /// The key of `code`'s submission of `survey`.
    public static func submissionKey(survey: String, municipality code: String) throws(ModelError) -> RecordKey {
        try RecordKey(
            validating: CollectionName.submissions, record: Submission.record(survey: survey, municipality: code),
            field: Submission.field)
    }

    // MARK: - Codelists

    /// The code lists `survey` refers to that Renkei knows, by name, for
    /// `QuestionnaireItem.check` and `SurveyCheck.run` (`externalCodes`). The server's check of
    /// every pushed answer (`AnswerSchema`, in Models) reads the same definition.
    public static func codelists(for survey: Questionnaire) -> [String: Set<String>] {
        OsakaMunicipalities.codelists(for: survey)
    }
}
