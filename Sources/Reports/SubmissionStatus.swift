import Models

/// Where one municipality stands with one survey, as its `submissions` register holds it
/// (`Submission`): 回答中, 提出済 with the time and the person, or 差戻し with the advisor's
/// comment. The server keeps the register free of concurrent states; should a relay have brought
/// two, the first in vector order is shown (`SurveyRecords.shown`), as for answers.
public struct SubmissionStatus: Sendable, Equatable {
    /// nil: nothing submitted yet (回答中).
    public let state: Submission.State?
    /// The return comment, when returned.
    public let comment: String?
    /// When the state was set (the version's time, Unix milliseconds); nil while answering.
    public let at: Int64?
    /// Who set it (the version's user, which the server checks against the token).
    public let user: String?

    public static let answering = SubmissionStatus(state: nil, comment: nil, at: nil, user: nil)

    public init(state: Submission.State?, comment: String?, at: Int64?, user: String?) {
        self.state = state
        self.comment = comment
        self.at = at
        self.user = user
    }

    /// The status a `submissions` register holds (`answering` when empty, deleted or not valid).
    public init(register: Register) {
        guard let version = SurveyRecords.shown(register), let submission = try? Submission(json: version.value)
        else {
            self = .answering
            return
        }
        self.init(state: submission.state, comment: submission.comment, at: version.at, user: version.user)
    }

    /// The state as a `Submission` (nil while answering), for `Submission.refusal(from:by:for:)`.
    public var submission: Submission? { state.map { Submission(state: $0, comment: comment) } }

    /// 回答中, 提出済 or 差戻し.
    public var japaneseLabel: String { Submission.japaneseLabel(state) }

    /// Whether the answers are read-only (submitted).
    public var isSubmitted: Bool { state == .submitted }
}
