/// The help of a command, rendered from its declaration: overview, usage, subcommands, options
/// (its own, then those of the commands above it), notes and examples. Lines are wrapped at
/// `width` columns.
struct CommandHelp {
    let program: String
    /// The command and the commands above it, root first.
    let path: [Command]
    var width = 96

    var text: String {
        guard let command = path.last else { return "" }
        var sections: [String] = []
        let overview = command.overview.isEmpty ? command.summary : command.overview
        sections.append(Self.wrap(overview, lead: "OVERVIEW: ", width: width, indent: ""))
        let usage = Self.usageLines(of: command).map { "\(program) \($0)" }
        if !usage.isEmpty {
            sections.append("USAGE: " + usage.joined(separator: "\n       "))
        }
        if !command.verbs.isEmpty {
            sections.append("SUBCOMMANDS:\n" + table(command.verbs.map { ($0.name, $0.summary) }))
        }
        var seen: Set<String> = []
        let options = path.reversed().flatMap(\.options).filter { seen.insert($0.name).inserted }
        if !options.isEmpty {
            sections.append("OPTIONS:\n" + table(options.map { ($0.synopsis, $0.help) }))
        }
        if !command.notes.isEmpty { sections.append(command.notes) }
        if !command.examples.isEmpty {
            sections.append("EXAMPLES:\n" + command.examples.map { "  \(program) \($0)" }.joined(separator: "\n"))
        }
        if !command.verbs.isEmpty {
            let words = path.dropFirst().map(\.name) + ["<subcommand>"]
            sections.append("See `\(program) \(words.joined(separator: " ")) --help` for each subcommand.")
        }
        return sections.joined(separator: "\n\n")
    }

    /// The command's own usage lines, or those of its verbs when it has none.
    static func usageLines(of command: Command) -> [String] {
        command.usage.isEmpty ? command.verbs.flatMap { usageLines(of: $0) } : command.usage
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

    /// `lead` and then `text`, wrapped at spaces so that lines stay within `width` columns;
    /// continuation lines start with `indent`. Line breaks in `text` are kept (each line after
    /// the first starts with `indent` too).
    static func wrap(_ text: String, lead: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        for (number, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var current = number == 0 ? lead : indent
            var empty = true
            for word in paragraph.split(separator: " ") {
                if !empty, current.count + 1 + word.count > width {
                    lines.append(current)
                    current = indent + word
                } else {
                    current += empty ? String(word) : " " + word
                }
                empty = false
            }
            lines.append(current)
        }
        return lines.joined(separator: "\n")
    }
}
