import Localization

/// A program's commands, declared once (`Command`), and the dispatch they drive:
///
/// - the verbs are the leading words that name commands (`survey answer`); options may come
///   before, between or after them (an option that takes a value is known as such before the
///   verb that declares it is reached);
/// - `--help` or `-h` anywhere, or `help VERB…`, prints the help of the command named so far;
///   `--version` before any verb (after the program's own options, too) prints the version;
/// - a verb is named by its name or one of its aliases (`docs list` is `docs ls`);
/// - an unknown verb or option is a `UsageError` with "did you mean" and the usage of the
///   command it was given to; an option is known when the command declares it or a group above
///   it shares it (`Command.options`); a word after a command that has both a body and verbs
///   is the body's argument, unless it is close to a verb's name;
/// - a `UsageError` a command's body throws gets that command's usage lines and name (so that
///   the hint points to that command's `--help`).
public struct CommandTable: Sendable {
    /// The program's name as people type it (`renkei`).
    public let program: String
    /// The program itself: its overview, global options and top-level verbs.
    public let root: Command
    /// Called for `--version`.
    public let version: String

    public init(program: String, version: String, root: Command) {
        self.program = program
        self.version = version
        self.root = root
    }

    /// What the arguments ask for.
    public enum Resolution {
        /// Print this text (help, version) and stop.
        case show(String)
        /// Run this command's body with these arguments.
        case run(path: [Command], arguments: [String])
    }

    /// Runs the command the arguments name, or prints what they ask for.
    public func run(_ arguments: [String]) throws {
        switch try resolve(arguments) {
        case .show(let text):
            print(text)
        case .run(let path, let rest):
            guard let body = path.last?.run else { return }
            do {
                try body(ArgumentList(rest))
            } catch let error as UsageError {
                throw usageError(error, path)
            }
        }
    }

    /// The help of the command `words` names (`["survey", "answer"]`), or nil for no command.
    public func help(for words: [String]) -> String? {
        path(to: words).map { CommandHelp(program: program, path: $0).text }
    }

    /// The options the command `words` names accepts: its own, then those the groups above it
    /// share; nil for no command.
    public func options(of words: [String]) -> [CommandOption]? {
        path(to: words).map(Command.accepted)
    }

    /// The command `words` names and the commands above it, root first.
    private func path(to words: [String]) -> [Command]? {
        var path = [root]
        for word in words {
            guard let verb = path.last!.verb(word) else { return nil }
            path.append(verb)
        }
        return path
    }

    /// Works out what `arguments` ask for, checking verbs and options against the table.
    public func resolve(_ arguments: [String]) throws(UsageError) -> Resolution {
        var rest = arguments
        var path = [root]
        let wantsHelp = rest.prefix { $0 != "--" }.contains { $0 == "--help" || $0 == "-h" }
        if rest.first == "--version" { return .show("\(program) \(version)") }
        while let command = path.last, !command.verbs.isEmpty {
            guard let index = firstWord(in: rest, options: Command.accepted(path) + command.optionsBeneath) else {
                break
            }
            let word = rest[index]
            if path.count == 1, word == "help" {
                rest.remove(at: index)
                return .show(try helpRequest(rest))
            }
            guard let verb = command.verb(word) else {
                let names = command.verbWords
                if command.run != nil, Suggestion.closest(to: word, among: names) == nil { break }
                throw usageError(
                    localized("usage.unknown.subcommand", ["word": Self.quoted(word)])
                        + Suggestion.hint(for: word, among: names), path)
            }
            rest.remove(at: index)
            path.append(verb)
        }
        if wantsHelp { return .show(CommandHelp(program: program, path: path).text) }
        let command = path.last!
        if path.count == 1, rest.prefix(while: { $0 != "--" }).contains("--version") {
            return .show("\(program) \(version)")
        }
        if command.run == nil {
            if path.count == 1 { return .show(CommandHelp(program: program, path: path).text) }
            let names = command.verbs.map(\.name).joined(separator: ", ")
            throw usageError(localized("usage.missing.subcommand", ["command": command.name, "names": names]), path)
        }
        try checkOptions(rest, of: path)
        return .run(path: path, arguments: rest)
    }

    /// `help`, `help VERB…`: the help of the command named.
    private func helpRequest(_ words: [String]) throws(UsageError) -> String {
        let named = words.prefix { !$0.hasPrefix("-") }
        var path = [root]
        for word in named {
            guard let verb = path.last!.verb(word) else {
                let names = path.last!.verbWords
                throw usageError(
                    localized("usage.no.help", ["word": Self.quoted(word)]) + Suggestion.hint(for: word, among: names),
                    path)
            }
            path.append(verb)
        }
        return CommandHelp(program: program, path: path).text
    }

    /// The index of the first argument that is neither an option nor an option's value, before
    /// any `--`.
    private func firstWord(in arguments: [String], options: [CommandOption]) -> Int? {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return nil }
            if argument.hasPrefix("-") && argument.count > 1 {
                let takesValue = options.contains {
                    $0.valueName != nil && ($0.name == argument || $0.shortName == argument)
                }
                index += takesValue ? 2 : 1
                continue
            }
            return index
        }
        return nil
    }

    /// Refuses options that no command of `path` declares (before any `--`). Values of options
    /// are skipped; a lone `-` and negative numbers are values, not options.
    private func checkOptions(_ arguments: [String], of path: [Command]) throws(UsageError) {
        let known = Command.accepted(path)
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return }
            index += 1
            guard Self.looksLikeOption(argument) else { continue }
            guard let option = known.first(where: { $0.matches(argument) }) else {
                let name = String(argument.prefix { $0 != "=" })
                let names = known.map(\.name) + ["--help"]
                throw usageError(
                    localized("usage.unknown.option", ["option": name]) + Suggestion.hint(for: name, among: names), path
                )
            }
            if option.valueName != nil, !argument.contains("=") { index += 1 }
        }
    }

    /// `--name`, `--name=value` or `-x` (one letter): not `-`, `-5` or `-0.5`.
    static func looksLikeOption(_ argument: String) -> Bool {
        if argument.hasPrefix("--") { return argument.count > 2 }
        guard argument.hasPrefix("-"), argument.count == 2, let letter = argument.last else { return false }
        return letter.isLetter
    }

    /// The usage lines of the command `path` ends at, after the program's name.
    func usage(of path: [Command]) -> String {
        CommandHelp.usage(of: path.last!, program: program, width: CommandHelp.defaultWidth)
    }

    /// `error` with the usage and the name of the command `path` ends at, unless it has them.
    private func usageError(_ error: UsageError, _ path: [Command]) -> UsageError {
        var error = error
        error.usage = error.usage ?? usage(of: path)
        error.command = error.command ?? path.dropFirst().map(\.name).joined(separator: " ")
        return error
    }

    private func usageError(_ message: String, _ path: [Command]) -> UsageError {
        usageError(UsageError(message), path)
    }

    private static func quoted(_ word: String) -> String {
        "\"" + String(word.prefix(40)).replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
