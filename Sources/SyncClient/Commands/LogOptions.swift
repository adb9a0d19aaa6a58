import CommandLineSupport
import Localization
import Models

/// The options of `renkei log …`: one per work log field (`--date`, `--theme`, …, named after
/// the field with `-` for `_`), and the filters.
enum LogOptions {
    /// `minutes_shared` -> `minutes-shared`.
    static func optionName(_ field: String) -> String { field.replacingOccurrences(of: "_", with: "-") }

    /// What each field's option says in `--help`.
    static let help: [String: (placeholder: String, text: String)] = [
        "date": ("DATE", localized("log.option.date")),
        "channel": ("HOW", localized("log.option.channel")),
        "theme": ("TEXT", localized("log.option.theme")),
        "question": ("TEXT", localized("log.option.question")),
        "answer": ("TEXT", localized("log.option.answer")),
        "minutes": ("N", localized("log.option.minutes")),
        "municipalities": ("LIST", localized("log.option.municipalities")),
        "attendees": ("N|TEXT", localized("log.option.attendees")),
        "note": ("TEXT", localized("log.option.note")),
        "kind": ("TEXT", localized("log.option.kind")),
        "title": ("TEXT", localized("log.option.title")),
        "points": ("TEXT", localized("log.option.points")),
        "decisions": ("TEXT", localized("log.option.decisions")),
        "minutes_shared": ("DATE", localized("log.option.minutes.shared")),
    ]

    /// The option of field `name`.
    static func option(for name: String) -> CommandOption {
        let described = help[name] ?? ("VALUE", name)
        return CommandOption.value("--\(optionName(name))", described.placeholder, described.text)
    }

    /// The options of every field of `kind`.
    static func fieldOptions(_ kind: WorkLogKind) -> [CommandOption] { kind.fields.map { option(for: $0.name) } }

    static let municipality = CommandOption.value("--municipality", "CODE", localized("log.option.municipality"))
    static let month = CommandOption.value("--month", "YYYY-MM", localized("log.option.month"))
}
