import Localization
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
                return localized("survey.locked", ["survey": record.survey])
            case CollectionName.submissions:
                guard let parts = Submission.parse(record: write.key.record),
                    let code = try? MunicipalityCode(validating: parts.municipality),
                    write.scope == .municipality(code),
                    write.key.field == Submission.field
                else {
                    let layout = ["record": "{調査}/{団体コード}", "layout": "{survey}/{municipality}"]
                    return localized("survey.submission.layout", layout)
                }
                let next: Submission
                do { next = try Submission(json: write.value) } catch {
                    // A return's comment that is empty, too long or holds control characters: the
                    // advisor's to fix, said in the advisor's language.
                    if case .invalidField(path: "state.comment", _) = error, case .object(let members) = write.value,
                        members["state"] == .string(Submission.State.returned.rawValue)
                    {
                        return localized("survey.return.comment.invalid", ["max": Submission.maxCommentLength])
                    }
                    return "\(error)"
                }
                var surveys = SurveyRules(store: self)
                guard try surveys.standing(of: parts.survey).open else {
                    return localized("survey.not.open", ["survey": parts.survey])
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
                        return localized("survey.submit.check.errors", ["count": errors, "survey": parts.survey])
                    }
                }
            default: continue
            }
        }
        return nil
    }
}
