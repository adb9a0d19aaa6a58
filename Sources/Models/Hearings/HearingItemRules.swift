import Localization

/// What a hearing item may hold beyond its size: only the advisor and admins put an item in the
/// FAQ (`faq: true`), because the FAQ is published to every municipality (`renkei report faq
/// --publish`); a municipality's staff may review and correct the items of their own hearings,
/// and may clear the flag. The replica applies it before it writes, the server to every push.
public enum HearingItemRules {
    /// Why `role` may not write `value` to field `field` of a hearing item (nil: it may), in
    /// `language`: English by default, as the server sends it in its answers; the CLI passes
    /// `Language.current`.
    public static func refusal(field: String, value: JSONValue, role: Role, in language: Language = .english)
        -> String?
    {
        guard field == "faq", value == .bool(true), role == .staff else { return nil }
        return localized("hearing.item.faq.refused", in: language)
    }
}
