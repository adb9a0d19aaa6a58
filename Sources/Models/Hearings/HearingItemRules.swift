/// What a hearing item may hold beyond its size: only the advisor and admins put an item in the
/// FAQ (`faq: true`), because the FAQ is published to every municipality (`renkei report faq
/// --publish`); a municipality's staff may review and correct the items of their own hearings,
/// and may clear the flag. The replica applies it before it writes, the server to every push.
public enum HearingItemRules {
    /// Why `role` may not write `value` to field `field` of a hearing item (nil: it may).
    public static func refusal(field: String, value: JSONValue, role: Role) -> String? {
        guard field == "faq", value == .bool(true), role == .staff else { return nil }
        return
            "only the advisor and admins put a hearing item in the FAQ (faq: true); the FAQ is published to every municipality"
    }
}
