import Models
import Reports
import SyncStorage

/// The survey lifecycle (`Submission`) as this replica holds it: the rules the server applies
/// (`SubmissionAuthority`), checked before anything is written so that no command leaves a
/// change in the outbox that the server would refuse.
extension ReplicaStore {
    /// Why the survey lifecycle forbids `writes` (in Japanese and English), or nil: an answer to
    /// a survey its municipality has submitted; a submission state the role or the current state
    /// does not allow; a submission of answers that `survey check` finds errors in.
    func lifecycleProblem(_ writes: [(key: RecordKey, scope: Scope, value: JSONValue)], grant: Grant) throws
        -> String?
    {
        for write in writes {
            switch write.key.collection {
            case CollectionName.answers:
                guard let record = AnswerRecord(parsing: write.key.record),
                    try submissionStatus(record.survey, municipality: record.municipality).isSubmitted
                else { continue }
                return
                    "\(record.survey) は提出済みです。アドバイザーが差し戻すまで回答は変更できません（同期して最新の状態を確かめてください）。\n"
                    + "\(record.survey) is submitted: its answers are read-only until the advisor returns it (sync to see the latest state)."
            case CollectionName.submissions:
                guard let parts = Submission.parse(record: write.key.record),
                    let code = try? MunicipalityCode(validating: parts.municipality),
                    write.scope == .municipality(code),
                    write.key.field == Submission.field
                else {
                    return "提出状態のレコードは {調査}/{団体コード} です / a submission's record is {survey}/{municipality} in its scope"
                }
                let next: Submission
                do { next = try Submission(json: write.value) } catch { return "\(error)" }
                var surveys = SurveyRules(store: self)
                guard try surveys.standing(of: parts.survey).open else {
                    return "調査 \(parts.survey) は受け付けていません（締切済みまたは未公開） / the survey is not open"
                }
                let current = try submissionStatus(parts.survey, municipality: code.rawValue)
                if let (japanese, english) = next.refusal(
                    from: current.submission, by: grant, for: code)
                {
                    return "\(japanese) / \(english)"
                }
                if next.state == .submitted {
                    let survey = try self.survey(parts.survey)
                    let errors = try surveyAnswers(survey, municipality: code.rawValue).check(against: survey)
                        .errorCount
                    if errors > 0 {
                        return
                            "回答にエラーが \(errors) 件あるため提出できません（renkei survey check \(parts.survey) で確認）。\n"
                            + "survey check finds \(errors) error(s): fix them before submitting."
                    }
                }
            default: continue
            }
        }
        return nil
    }
}
