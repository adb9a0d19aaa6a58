extension MessageCatalog {
    /// English messages: help layout, usage errors, CSV reading, shared options.
    static let englishCommon: [String: String] = [
        "help.overview": "OVERVIEW:",
        "help.usage": "USAGE:",
        "usage.error.lead": "Usage:",
        "help.subcommands": "SUBCOMMANDS:",
        "help.options": "OPTIONS:",
        "help.examples": "EXAMPLES:",
        "help.option.help": "Show help for {program} or a subcommand",
        "help.option.version": "Show the version",
        "help.see.subcommand": "See `{command}` for each subcommand.",
        "usage.see.help": "Run `{command}` for more.",
        "usage.option.needs.value": "{option} needs a value",
        "usage.option.twice": "{option} is given twice",
        "usage.missing": "missing {what}",
        "usage.unknown.option": "unknown option {option}",
        "usage.unexpected.argument": "unexpected argument {argument}",
        "usage.did.you.mean": "; did you mean {word}?",
        "usage.unknown.subcommand": "unknown subcommand {word}",
        "usage.missing.subcommand": "missing subcommand of {command} ({names})",
        "usage.no.help": "no help for {word}: not a subcommand",
        "error.line": "Error: {message}",
        "csv.line": "line {line}: {reason}",
        "csv.encoding.unknown":
            "the file is neither UTF-8 nor CP932 (Shift_JIS); save it from Excel as CSV or as CSV UTF-8",
        "csv.quote.inside": "a quote inside an unquoted field",
        "csv.text.after.quote": "text after a closing quote",
        "csv.quote.open": "a quoted field is not closed",
        "option.output":
            "Write here. For csv, table items go to FILE-<item>.csv beside it; without -o csv and md print the main table on standard output (xlsx only when it is not a terminal)",
        "option.encoding":
            "For csv: utf-8 (default, with BOM: Excel opens it on a double click) or cp932 (fails, naming the character, if the text cannot be held)",
    ]
}
