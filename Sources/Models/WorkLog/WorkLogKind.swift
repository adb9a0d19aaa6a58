import Localization

/// The advisor's work log: three kinds of record, each a synced collection whose records are
/// time-ordered ids with one field per register (as hearings are).
///
/// - 問合せ (`inquiries`): a question a municipality asked and how it was answered, in the scope
///   of that municipality (its staff read their own, no other municipality does), or `shared`
///   for one from the prefecture;
/// - 相談会 (`consultations`): a consultation session, the municipalities that came and how many
///   people, in scope `shared`;
/// - 会議 (`meetings`): 定例会 and other meetings with the prefecture, attendees, points,
///   decisions and when the minutes were shared, in scope `shared`.
///
/// `WorkLogField` says what each field holds; `problem(...)` is the one check the replica applies
/// before it writes and the server applies to every pushed change.
public enum WorkLogKind: String, CaseIterable, Sendable {
    case inquiry, consultation, meeting

    /// The collection: `inquiries`, `consultations`, `meetings`.
    public var collection: String {
        switch self {
        case .inquiry: return CollectionName.inquiries
        case .consultation: return CollectionName.consultations
        case .meeting: return CollectionName.meetings
        }
    }

    /// 問合せ, 相談会, 会議.
    public var japaneseName: String {
        switch self {
        case .inquiry: return "問合せ"
        case .consultation: return "相談会"
        case .meeting: return "会議"
        }
    }

    /// `inquiry`, `consultation`, `meeting` in English; 問合せ, 相談会, 会議 in Japanese.
    public var localizedName: String {
        switch self {
        case .inquiry: localized("worklog.kind.inquiry")
        case .consultation: localized("worklog.kind.consultation")
        case .meeting: localized("worklog.kind.meeting")
        }
    }

    /// The kind whose collection is `collection`, if any.
    public init?(collection: String) {
        guard let kind = Self.allCases.first(where: { $0.collection == collection }) else { return nil }
        self = kind
    }

    /// The fields a record of this kind has, with their Japanese labels, in the order people
    /// enter and read them.
    public var fields: [(name: String, label: String, field: WorkLogField)] {
        switch self {
        case .inquiry:
            return [
                ("date", "日付", .day), ("channel", "受付方法", .choice(WorkLogField.channels)),
                ("theme", "テーマ", .text(maxCharacters: 100)), ("question", "問合せ内容", .text(maxCharacters: 4000)),
                ("answer", "回答", .text(maxCharacters: 4000)), ("minutes", "対応時間（分）", .count(0...1440)),
            ]
        case .consultation:
            return [
                ("date", "日付", .day), ("theme", "テーマ", .text(maxCharacters: 200)),
                ("municipalities", "参加団体", .municipalities(max: 60)), ("attendees", "参加者数", .count(0...10_000)),
                ("note", "備考", .text(maxCharacters: 4000)),
            ]
        case .meeting:
            return [
                ("date", "日付", .day), ("kind", "種別", .text(maxCharacters: 50)),
                ("title", "件名", .text(maxCharacters: 200)),
                ("attendees", "出席者", .text(maxCharacters: 1000)), ("points", "要点", .text(maxCharacters: 8000)),
                ("decisions", "決定事項", .text(maxCharacters: 8000)), ("minutes_shared", "議事録の共有日", .day),
            ]
        }
    }

    /// Open days (`BusinessCalendar`) after a meeting within which its minutes are due.
    public static let minutesDueOpenDays = 2

    /// Whether a record of this kind may live in `scope`: an inquiry in a municipality's or
    /// `shared`, the others only in `shared` (they concern several municipalities).
    public func allows(_ scope: Scope) -> Bool {
        self == .inquiry || scope == .shared
    }

    /// Why `value` cannot be field `field` of a record of `collection` in `scope` (nil: it can,
    /// or `collection` is no work log). `null` deletes a field and is always accepted. The reason
    /// is in `language`: English by default, as the server sends it in its answers; the CLI
    /// passes `Language.current`.
    public static func problem(
        collection: String, field: String, value: JSONValue, scope: Scope, in language: Language = .english
    ) -> String? {
        guard let kind = WorkLogKind(collection: collection) else { return nil }
        guard kind.allows(scope) else {
            let values: [String: Any] = ["kind": kind.rawValue, "label": kind.japaneseName, "scope": scope]
            return localized("worklog.problem.scope", values, in: language)
        }
        guard let spec = kind.fields.first(where: { $0.name == field })?.field else {
            let values: [String: Any] = [
                "kind": kind.rawValue, "field": Printable.quoted(field),
                "fields": kind.fields.map(\.name).joined(separator: ", "),
            ]
            return localized("worklog.problem.field", values, in: language)
        }
        guard value != .null else { return nil }
        return spec.problem(value, in: language).map { "\(kind.rawValue) \(field): \($0)" }
    }
}
