import Localization

/// The help of a command, rendered from its declaration: overview, usage, subcommands, options
/// (its own, then those the groups above it share; for a program with subcommands, also
/// `--help` and `--version`), notes and examples. Lines are wrapped at `width` columns.
struct CommandHelp {
    let program: String
    /// The command and the commands above it, root first.
    let path: [Command]
    var width = Self.defaultWidth

    /// Help is wrapped at 96 columns.
    static let defaultWidth = 96

    var text: String {
        guard let command = path.last else { return "" }
        var sections: [String] = []
        let overview = command.overview.isEmpty ? command.summary : command.overview
        sections.append(Self.wrap(overview, lead: localized("help.overview") + " ", width: width, indent: ""))
        let usage = Self.usage(of: command, program: program, width: width)
        if !usage.isEmpty { sections.append(Self.usageLead + usage) }
        if !command.verbs.isEmpty {
            let names = command.verbs.map { ([$0.name] + $0.aliases).joined(separator: ", ") }
            sections.append(
                localized("help.subcommands") + "\n" + table(Array(zip(names, command.verbs.map(\.summary)))))
        }
        var seen: Set<String> = []
        var options = Command.accepted(path).filter { seen.insert($0.name).inserted }.map { ($0.synopsis, $0.help) }
        if path.count == 1, !command.verbs.isEmpty {
            options += [
                ("-h, --help", localized("help.option.help", ["program": program])),
                ("--version", localized("help.option.version")),
            ]
        }
        if !options.isEmpty { sections.append(localized("help.options") + "\n" + table(options)) }
        if !command.notes.isEmpty { sections.append(Self.wrap(command.notes, lead: "", width: width, indent: "")) }
        let examples = Self.examples(of: command)
        if !examples.isEmpty {
            sections.append(
                localized("help.examples") + "\n" + examples.map { "  \(program) \($0)" }.joined(separator: "\n"))
        }
        if !command.verbs.isEmpty {
            let words = path.dropFirst().map(\.name) + ["<subcommand>"]
            let line = "\(program) \(words.joined(separator: " ")) --help"
            sections.append(localized("help.see.subcommand", ["command": line]))
        }
        return sections.joined(separator: "\n\n")
    }

    /// The command's usage lines: its own, then its verbs' when it has none or runs itself
    /// (`admin audit` and `admin audit verify`).
    static func usageLines(of command: Command) -> [String] { gathered(\.usage, of: command) }

    /// The command's examples, gathered as its usage lines are.
    static func examples(of command: Command) -> [String] { gathered(\.examples, of: command) }

    private static func gathered(_ lines: KeyPath<Command, [String]>, of command: Command) -> [String] {
        let own = command[keyPath: lines]
        guard own.isEmpty || command.run != nil else { return own }
        return own + command.verbs.flatMap { gathered(lines, of: $0) }
    }

    /// What usage lines follow in help (`USAGE: `, `使い方: `); a usage error has its own
    /// (`Usage: `), and lines after the first are indented to the longer of the two.
    static var usageLead: String { localized("help.usage") + " " }

    /// The usage lines of `command` after `program`, as they follow `usageLead`:
    /// one after the other, each wrapped within `width` columns and going on under its first
    /// argument after the command's words; a bracketed option is never split.
    static func usage(of command: Command, program: String, width: Int) -> String {
        let lead = DisplayWidth.of(usageLead)
        var lines: [String] = []
        for usage in usageLines(of: command) {
            var units: [String] = []
            var depth = 0
            for word in "\(program) \(usage)".split(separator: " ") {
                if depth > 0, !units.isEmpty {
                    units[units.count - 1] += " " + word
                } else {
                    units.append(String(word))
                }
                depth = max(0, depth + word.count { $0 == "[" } - word.count { $0 == "]" })
            }
            let words = units.prefix { unit in
                !unit.hasPrefix("-") && unit.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }
            }
            let indent = String(repeating: " ", count: min(40, words.reduce(0) { $0 + $1.count + 1 }))
            var current = ""
            for unit in units {
                if current.isEmpty {
                    current = unit
                } else if lead + current.count + 1 + unit.count > width {
                    lines.append(current)
                    current = indent + unit
                } else {
                    current += " " + unit
                }
            }
            lines.append(current)
        }
        return lines.joined(separator: "\n" + String(repeating: " ", count: lead))
    }

    /// `lead` and then `text`, wrapped within `width` columns (`TextWrapper`).
    static func wrap(_ text: String, lead: String, width: Int, indent: String) -> String {
        TextWrapper.wrap(text, lead: lead, width: width, indent: indent)
    }

    /// Two columns: the terms, padded to the longest (at most 24), then the text wrapped below
    /// the width.
    private func table(_ rows: [(String, String)]) -> String {
        let column = min(24, (rows.map(\.0.count).max() ?? 0) + 2)
        return rows.map { term, text in
            let indent = String(repeating: " ", count: column + 2)
            let lead = "  " + term + String(repeating: " ", count: max(1, column - term.count))
            if term.count + 2 > column {
                return "  " + term + "\n" + Self.wrap(text, lead: indent, width: width, indent: indent)
            }
            return Self.wrap(text, lead: lead, width: width, indent: indent)
        }.joined(separator: "\n")
    }
}
