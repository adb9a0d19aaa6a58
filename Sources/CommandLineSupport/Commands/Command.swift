/// A command of a program, declared once in its command table: what it is for, how it is
/// called, the options it accepts, examples, and either a body to run or verbs beneath it (or
/// both: `admin audit` runs, `admin audit verify` is its verb). Parsing, `--help` for every
/// verb, `help VERB`, usage errors and "did you mean" all come from this declaration
/// (`CommandTable`).
public struct Command: Sendable {
    /// The word that selects it (`sync`, `answer`).
    public let name: String
    /// Other words that select it too (`list` for `ls`); help shows them beside the name.
    public var aliases: [String]
    /// One line for its parent's list of subcommands.
    public let summary: String
    /// Paragraphs for its own help (the summary when empty).
    public var overview: String
    /// Usage lines after the program's name (`survey answer SURVEY ITEM VALUE [--home DIR]`);
    /// a group without usage of its own, or with a body of its own, shows its verbs' lines too.
    public var usage: [String]
    /// Options it reads. A group without a body of its own shares them with its verbs
    /// (`admin`'s `--data`); a command with a body keeps them to itself (`admin audit`'s
    /// filters are not `admin audit verify`'s).
    public var options: [CommandOption]
    /// Text shown after the options (notes, defaults, what the output means).
    public var notes: String
    /// Example command lines after the program's name, shown as they are; gathered from the
    /// verbs as `usage` is.
    public var examples: [String]
    public var verbs: [Command]
    /// The body; it reads its options and positionals from the arguments left after the verbs.
    public var run: (@Sendable (ArgumentList) throws -> Void)?

    public init(
        _ name: String, aliases: [String] = [], summary: String, overview: String = "", usage: [String] = [],
        options: [CommandOption] = [], notes: String = "", examples: [String] = [], verbs: [Command] = [],
        run: (@Sendable (ArgumentList) throws -> Void)? = nil
    ) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.overview = overview
        self.usage = usage
        self.options = options
        self.notes = notes
        self.examples = examples
        self.verbs = verbs
        self.run = run
    }

    /// The verb called `name`, or that has it as an alias.
    func verb(_ name: String) -> Command? { verbs.first { $0.name == name || $0.aliases.contains(name) } }

    /// The words that select its verbs: names and aliases (for "did you mean").
    var verbWords: [String] { verbs.flatMap { [$0.name] + $0.aliases } }

    /// The options the command `path` ends at accepts: its own, then those the groups above it
    /// share (see `options`).
    static func accepted(_ path: [Command]) -> [CommandOption] {
        path.reversed().enumerated().flatMap { index, command in
            index == 0 || command.run == nil ? command.options : []
        }
    }

    /// The options this command and every command beneath it declare.
    var optionsBeneath: [CommandOption] { options + verbs.flatMap(\.optionsBeneath) }

    /// This command and every command beneath it, each with the words that name it after the
    /// program's (none for this one), in the order of the table.
    public var all: [(words: [String], command: Command)] {
        [([], self)] + verbs.flatMap { verb in verb.all.map { ([verb.name] + $0.words, $0.command) } }
    }
}
