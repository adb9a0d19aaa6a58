import Models
import Reports
import SyncStorage

/// The server's authority over the survey lifecycle (`Submission`): who may submit or return,
/// when, and that submitted answers stay as submitted. One per push batch (it remembers, for the
/// batch's transaction, which municipalities' answers are locked).
///
/// - Before the transaction (`problem(with:surveys:)`): a `submissions` change has the layout
///   `{survey}/{code}` in scope `{code}`, field `state`, a valid `Submission` value, and its
///   survey is published and open.
/// - Inside it (`screen`), with what the store holds (earlier changes of the batch included):
///   a new state must have seen the stored one (its vector dominates the register's, so the
///   register never holds two states); the transition and the role are allowed
///   (`Submission.refusal`); a submission passes `survey check` with no error on the answers
///   as stored, its patterns within one budget per batch (`work`) and within the user's share
///   over time (`checks`; a user whose share is spent has the submission refused unchecked);
///   an answer to a survey its municipality has submitted is refused.
///
/// Relays (federation, admin tokens) forward states and answers another server checked.
final class SubmissionAuthority {
    let grant: Grant
    /// `{survey}/{code}` -> whether those answers are submitted, as read in this transaction.
    private var locked: [String: Bool] = [:]
    /// `submissions` records this batch already changed: one state change per register and
    /// batch (a client's outbox never holds two; each submission runs the survey's whole check,
    /// so copies of one would hold the write lock for nothing).
    private var changed: Set<String> = []
    /// The record prefix `{survey}/{code}/` of the answers screened last, and whether it is locked.
    private var lastAnswers: (prefix: String, locked: Bool)?
    /// The user whose token pushes: its checks are charged to `checks`.
    let user: String
    /// What the user's submission checks may still cost over time (nil: no limit over time, as
    /// for admins).
    let checks: SubmissionCheckBudget?
    /// What the text patterns of this batch's submission checks may cost, all of them together:
    /// they run inside the write transaction. Without it an outside review held every
    /// municipality's pushes and pulls for 96 s with one refused submission (answers of 60,000
    /// characters stored before the survey was published, then a costly pattern). Made at the
    /// batch's first check: the batch's budget, or what the user's `checks` have room for when
    /// that is less.
    private var work: PatternWork?

    init(grant: Grant, user: String, checks: SubmissionCheckBudget?) {
        self.grant = grant
        self.user = user
        self.checks = checks
    }

    /// Why a `submissions` change is refused before the transaction, or nil.
    func problem(with change: Change, surveys: inout SurveyRules) throws -> (ErrorCode, String)? {
        guard let parts = Submission.parse(record: change.key.record),
            case .municipality(let code) = change.scope, code.rawValue == parts.municipality
        else {
            return (
                .recordOutOfScope,
                "\(change.key): a submission's record is {survey}/{municipality} and names the municipality of its scope (\(change.scope))"
            )
        }
        guard change.key.field == Submission.field else {
            return (.submissionRefused, "\(change.key): a submission has one field, \(Submission.field)")
        }
        do { _ = try Submission(json: change.version.value) } catch {
            return (.submissionRefused, "\(change.key): \(error)")
        }
        if let refusal = surveys.sameBatchProblem(survey: parts.survey, key: change.key) { return refusal }
        guard try surveys.standing(of: parts.survey).open else {
            return (
                .surveyClosed,
                "\(change.key): 調査 \(parts.survey) は受け付けていません（締切済みまたは未公開） / the survey is not open"
            )
        }
        return nil
    }

    /// The check inside the transaction of a change not refused before; nil to merge it.
    func screen(_ index: Int, _ change: Change, _ stored: StoredRegister, _ reader: TransactionReader) throws
        -> RejectedChange?
    {
        func refuse(_ code: ErrorCode, _ message: String) -> RejectedChange {
            RejectedChange(index: index, key: change.key, code: code, message: "\(change.key): \(message)")
        }
        switch change.key.collection {
        case CollectionName.answers:
            // A batch usually holds one municipality's answers to one survey: decided once, then
            // recognised by the record's prefix, without parsing it again.
            let locked: Bool
            if let last = lastAnswers, change.key.record.hasPrefix(last.prefix) {
                locked = last.locked
            } else {
                guard let record = AnswerRecord(parsing: change.key.record) else { return nil }
                locked = try isLocked(survey: record.survey, municipality: record.municipality, reader)
                lastAnswers = ("\(record.survey)/\(record.municipality)/", locked)
            }
            guard locked else { return nil }
            return refuse(
                .answersSubmitted,
                "提出済みの回答は差戻しまで変更できません / the answers are submitted and read-only until the advisor returns them")
        case CollectionName.submissions:
            guard let parts = Submission.parse(record: change.key.record),
                let code = try? MunicipalityCode(validating: parts.municipality),
                let next = try? Submission(json: change.version.value)
            else { return nil }  // refused before the transaction
            locked[change.key.record] = nil
            lastAnswers = nil
            guard changed.insert(change.key.record).inserted else {
                return refuse(
                    .submissionRefused,
                    "1回の送信で変えられる提出状態は1つです / one submission state change per register and batch")
            }
            let register = try reader.register(for: change.key)
            let current = SubmissionStatus(register: register)
            switch stored.vector.compare(change.version.vector) {
            case .equal:
                // This very version again (the merge ignores it); the same vector with another value
                // would win the merge's tie on its bytes, past every rule below: refused.
                if register.versions.contains(where: {
                    $0.value == change.version.value && $0.author == change.version.author
                }) {
                    return nil
                }
                return refuse(
                    .submissionRefused,
                    "提出状態が先に変わっています。同期してからやり直してください / a state with the vector of the stored one; sync and try again"
                )
            case .before: break
            case .after, .concurrent:
                return refuse(
                    .submissionRefused,
                    "提出状態が先に変わっています。同期してからやり直してください / the submission state changed meanwhile; sync and try again"
                )
            }
            if let (japanese, english) = next.refusal(from: current.submission, by: grant, for: code) {
                return refuse(.submissionRefused, "\(japanese) / \(english)")
            }
            guard next.state == .submitted else { return nil }
            return try checkProblem(survey: parts.survey, municipality: code.rawValue, reader).map {
                refuse(.submissionRefused, $0)
            }
        default:
            return nil
        }
    }

    /// Why `code`'s answers to `survey`, as stored, may not be submitted: `survey check` finds
    /// errors (the first three are named). Nil when they pass.
    private func checkProblem(survey id: String, municipality code: String, _ reader: TransactionReader) throws
        -> String?
    {
        let work: PatternWork
        switch batchWork() {
        case .steps(let given): work = given
        case .spent(let seconds):
            return
                "提出前の確認が短い間に続いたため、この提出は確認できませんでした。約\(seconds)秒後にもう一度提出してください / this user's submission checks have used their share of the server's time; submit again in about \(seconds) s"
        }
        // An earlier check of the batch spent the budget: this one does not even read its survey.
        guard !work.isExhausted else { return Self.overBudget }
        let spentBefore = work.spent
        defer { checks?.charge(user: user, steps: work.spent - spentBefore, now: UnixTime.milliseconds()) }
        guard
            let survey = try SurveyRecords.survey(
                from: reader.register(for: SurveyRecords.surveyKey(id, field: "items")))
        else { return "調査 \(id) がありません / no such survey" }
        // The check's own work grows with the survey: charged before it runs, so a batch of
        // submissions to large surveys (or one user's stream of them) stops at the budgets
        // even where no pattern is matched.
        guard work.charge(Self.sizeSteps(of: survey)) else { return Self.overBudget }
        // Only the survey's own items are read (the check judges nothing else): an item's record,
        // and its rows (at most `TableRowBudget.maxRows` per table). Records of other item ids,
        // stored before the survey was published, are never read: an outside review showed that
        // every answer read here holds the write lock of every municipality.
        let prefix = SurveyRecords.answerPrefix(survey: id, municipality: code)
        var registers: [(key: RecordKey, scope: Scope, register: Register)] = []
        // Judging them is work too, as much as they are many and long (weighed as they are read,
        // by their item's passes): a third outside review held the lock 50 s with 500 rows of
        // 60 KB cells under unique rules.
        var weighedBytes = 0
        for item in survey.items {  // item ids are unique (`Questionnaire` refuses a repeat)
            let read =
                try reader.registers(in: CollectionName.answers, record: prefix + item.id)
                + reader.registers(in: CollectionName.answers, recordPrefix: "\(prefix)\(item.id)/")
            let passes = Self.passes(over: item)
            for (_, _, register) in read {
                for version in register.versions { weighedBytes += version.value.approximateBytes * passes }
            }
            registers += read
        }
        let answerSteps = registers.count * Self.stepsPerAnswer + weighedBytes / Self.bytesPerStep
        guard work.charge(answerSteps) else { return Self.overBudget }
        let answers = SurveyAnswers(survey: survey, municipality: code, registers: registers)
        let errors = answers.check(against: survey, work: work).findings.filter { $0.severity == "error" }
        if work.isExhausted { return Self.overBudget }
        guard !errors.isEmpty else { return nil }
        let named = errors.prefix(3).map { "\($0.path): \($0.japanese)" }.joined(separator: "; ")
        return
            "回答にエラーが \(errors.count) 件あり提出できません（\(named)） / survey check finds \(errors.count) error(s); fix them before submitting"
    }

    /// Steps a check is charged per item, per cross-item rule and per part of a sum of its
    /// survey, before it runs: a survey of `Questionnaire.maxItems` items costs a fifth of a
    /// batch's budget.
    static let stepsPerItem = SurveyRules.patternWorkPerBatch / 5 / Questionnaire.maxItems
    /// Steps a check is charged per answer register it read, before it judges them: 100,000
    /// answers cost the batch's whole budget.
    static let stepsPerAnswer = SurveyRules.patternWorkPerBatch / 100_000

    /// Bytes of answer text charged one step, times the rules that read each cell.
    static let bytesPerStep = 16

    /// The passes a check makes over an answer of `item` (its bytes are charged that many
    /// times, `bytesPerStep`): one, plus for a table's cell two per row rule (each compares two
    /// cells) and one per column of each unique rule (each row's key holds its cells).
    static func passes(over item: QuestionnaireItem) -> Int {
        1 + 2 * item.rowRules.count + item.uniqueColumnSets.reduce(0) { $0 + $1.columns.count }
    }

    /// What a check of `survey` is charged for its size (`stepsPerItem`).
    static func sizeSteps(of survey: Questionnaire) -> Int {
        let parts = survey.crossItemRules.reduce(0) { count, rule in
            if case .sum(let parts, _) = rule.kind { return count + parts.count }
            return count
        }
        return (survey.items.count + survey.crossItemRules.count + parts) * stepsPerItem
    }

    /// The refusal of a submission whose check ran past the batch's or the user's budget.
    static let overBudget =
        "回答の書式の確認が1回の送信で行える量を超えました。長い回答を短くするか、アドバイザーに相談してください / checking the answers ran past what one push may take; shorten long answers or ask the advisor"

    /// What the batch's checks may take: its `PatternWork`, made at the first check, or the
    /// seconds until the user's `checks` let a check run again.
    private func batchWork() -> CheckWork {
        if let work { return .steps(work) }
        var steps = SurveyRules.patternWorkPerBatch
        if let checks {
            switch checks.allowance(user: user, now: UnixTime.milliseconds()) {
            case .steps(let room): steps = min(steps, room)
            case .spent(let seconds): return .spent(retryAfterSeconds: seconds)
            }
        }
        let made = PatternWork(steps: steps)
        work = made
        return .steps(made)
    }

    private enum CheckWork {
        case steps(PatternWork)
        case spent(retryAfterSeconds: Int)
    }

    private func isLocked(survey: String, municipality code: String, _ reader: TransactionReader) throws -> Bool {
        let record = Submission.record(survey: survey, municipality: code)
        if let known = locked[record] { return known }
        let key = try SurveyRecords.submissionKey(survey: survey, municipality: code)
        let isLocked = SubmissionStatus(register: try reader.register(for: key)).isSubmitted
        locked[record] = isLocked
        return isLocked
    }
}
