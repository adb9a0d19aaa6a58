import Localization

/// Where one municipality stands with one survey: 回答中 (answering, no record yet), 提出済
/// (submitted: its answers are read-only) or 差戻し (returned by the advisor with a comment:
/// answering again). The record layout in one place: collection `submissions`, record
/// `{survey}/{code}` in the municipality's scope, one field `state` whose value is
/// `{"state":"submitted"}` or `{"state":"returned","comment":"…"}`.
///
/// The server is the authority over the state (`refusal(from:by:for:)`): only the
/// municipality (or an advisor entering on its behalf) submits, and only when `SurveyCheck`
/// finds no error; only the advisor returns, and only what is submitted; a change must have
/// seen the state it replaces, so the register never holds concurrent states.
///
/// ```swift
/// let returned = Submission(state: .returned, comment: "D04 の金額をご確認ください")
/// returned.json   // {"comment":"D04 の金額をご確認ください","state":"returned"}
/// ```
public struct Submission: Hashable, Sendable {
    public enum State: String, Sendable {
        /// 提出済: the answers are read-only until the advisor returns them.
        case submitted
        /// 差戻し: returned with a comment; the municipality answers again and resubmits.
        case returned
    }

    /// The field of a `submissions` record that holds the state.
    public static let field = "state"
    /// The longest return comment, in Unicode scalars.
    public static let maxCommentLength = 2000

    public let state: State
    /// The advisor's reason for returning (required then; nil for a submission).
    public let comment: String?

    public init(state: State, comment: String? = nil) {
        self.state = state
        self.comment = comment
    }

    /// Reads a stored or pushed value strictly: an object with `state`, and `comment` (readable,
    /// 1 to 2,000 Unicode scalars: `isReadable`) exactly when returned; no other members.
    public init(json value: JSONValue) throws(ModelError) {
        guard case .object(let members) = value else {
            throw .invalidField(
                path: "state", reason: "a submission state is an object such as {\"state\":\"submitted\"}")
        }
        for name in members.keys where name != "state" && name != "comment" {
            throw .invalidField(path: "state.\(name)", reason: "unknown member")
        }
        guard case .string(let text)? = members["state"], let state = State(rawValue: text) else {
            throw .invalidField(path: "state.state", reason: "must be \"submitted\" or \"returned\"")
        }
        switch (state, members["comment"]) {
        case (.submitted, nil): self.init(state: state)
        case (.submitted, _):
            throw .invalidField(path: "state.comment", reason: "only a return carries a comment")
        case (.returned, .string(let comment)?) where Self.isReadable(comment):
            self.init(state: state, comment: comment)
        case (.returned, _):
            throw .invalidField(
                path: "state.comment",
                reason: "a return needs a comment of 1 to \(Self.maxCommentLength) characters saying what to fix")
        }
    }

    /// A comment a person can read: 1 to `maxCommentLength` Unicode scalars (not characters:
    /// combining marks count), at least one visible, no control characters but line breaks and
    /// tabs.
    static func isReadable(_ comment: String) -> Bool {
        let scalars = comment.unicodeScalars
        guard !scalars.isEmpty, scalars.count <= maxCommentLength else { return false }
        var visible = false
        for scalar in scalars {
            switch scalar.properties.generalCategory {
            case .control:
                guard scalar == "\n" || scalar == "\t" || scalar == "\r" else { return false }
            case .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark,
                .spacingMark:
                continue
            default:
                visible = true
            }
        }
        return visible
    }

    public var json: JSONValue {
        var members: [String: JSONValue] = ["state": .string(state.rawValue)]
        if let comment { members["comment"] = .string(comment) }
        return .object(members)
    }

    /// The record id of `code`'s submission of `survey`.
    public static func record(survey: String, municipality code: String) -> String { "\(survey)/\(code)" }

    /// Splits a record id into its survey and municipality; nil unless it has exactly two
    /// non-empty parts.
    public static func parse(record: String) -> (survey: String, municipality: String)? {
        let parts = record.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// 回答中, 提出済 or 差戻し, for a state (nil: nothing submitted yet).
    public static func japaneseLabel(_ state: State?) -> String {
        switch state {
        case nil: return "回答中"
        case .submitted?: return "提出済"
        case .returned?: return "差戻し"
        }
    }

    /// `answering`, `submitted` or `returned`, for `--json` and logs.
    public static func englishLabel(_ state: State?) -> String { state?.rawValue ?? "answering" }

    /// Why `grant` may not move `municipality`'s submission from `current` to this state, in
    /// Japanese and English; nil when it may. (Whether the answers pass their check is the
    /// caller's to decide: it needs the answers.)
    public func refusal(from current: Submission?, by grant: Grant, for municipality: MunicipalityCode) -> (
        japanese: String, english: String
    )? {
        switch state {
        case .submitted:
            guard grant.mayEnterAnswers(for: municipality) else {
                return Self.pair { localized("submission.refusal.not.allowed", in: $0) }
            }
            if current?.state == .submitted {
                return Self.pair { localized("submission.refusal.already.submitted", in: $0) }
            }
        case .returned:
            guard grant.role != .staff else {
                return Self.pair { localized("submission.refusal.staff.return", in: $0) }
            }
            guard current?.state == .submitted else {
                return Self.pair { localized("submission.refusal.not.submitted", in: $0) }
            }
        }
        return nil
    }

    /// A message of the catalog in Japanese and in English (the server sends both).
    private static func pair(_ text: (Language) -> String) -> (japanese: String, english: String) {
        (text(.japanese), text(.english))
    }
}
