import CommandLineSupport
import Models

/// The options of `renkei log …`: one per work log field (`--date`, `--theme`, …, named after
/// the field with `-` for `_`), and the filters.
enum LogOptions {
    /// `minutes_shared` -> `minutes-shared`.
    static func optionName(_ field: String) -> String { field.replacingOccurrences(of: "_", with: "-") }

    /// What each field's option says in `--help`.
    static let help: [String: (placeholder: String, text: String)] = [
        "date": ("DATE", "The day (2026-06-12, 令和8年6月12日; default today)"),
        "channel": ("HOW", "How the inquiry came: phone (電話), mail (メール), visit (訪問), online (オンライン), other (その他)"),
        "theme": ("TEXT", "The theme (e.g. 電子申請, 標準化)"),
        "question": ("TEXT", "What was asked"),
        "answer": ("TEXT", "How it was answered"),
        "minutes": ("N", "Time spent, in minutes (0-1440)"),
        "municipalities": ("LIST", "The municipalities that took part: codes or names, comma-separated (271004,堺市)"),
        "attendees": ("N|TEXT", "Consultation: how many people came; meeting: who attended"),
        "note": ("TEXT", "A note"),
        "kind": ("TEXT", "The kind of meeting (定例会, 打合せ, …)"),
        "title": ("TEXT", "The meeting's title"),
        "points": ("TEXT", "The points discussed"),
        "decisions": ("TEXT", "What was decided"),
        "minutes_shared": ("DATE", "When the minutes were shared (due within 2 開庁日 of the meeting)"),
    ]

    /// The option of field `name`.
    static func option(for name: String) -> CommandOption {
        let described = help[name] ?? ("VALUE", name)
        return CommandOption.value("--\(optionName(name))", described.placeholder, described.text)
    }

    /// The options of every field of `kind`.
    static func fieldOptions(_ kind: WorkLogKind) -> [CommandOption] { kind.fields.map { option(for: $0.name) } }

    static let municipality = CommandOption.value(
        "--municipality", "CODE",
        "The municipality that asked (code or name); without it, one from the prefecture (shared)")
    static let month = CommandOption.value("--month", "YYYY-MM", "Only this month (2026-06, 令和8年6月)")
}
