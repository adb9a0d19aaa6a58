/// A command of a program, declared once in its command table: what it is for, how it is
/// called, the options it accepts, examples, and either a body to run or verbs beneath it (or
/// both: `admin audit` runs, `admin audit verify` is its verb). Parsing, `--help` for every
/// verb, `help VERB`, usage errors and "did you mean" all come from this declaration
/// (`CommandTable`).
public struct Command: Sendable {
    /// The word that selects it (`sync`, `answer`).
    public let name: String
    /// One line for its parent's list of subcommands.
    public let summary: String
    /// Paragraphs for its own help (the summary when empty).
    public var overview: String
    /// Usage lines after the program's name (`survey answer SURVEY ITEM VALUE [--home DIR]`);
    /// a group without its own usage shows its verbs' lines.
    public var usage: [String]
    /// Options it reads; its verbs accept them too.
    public var options: [CommandOption]
    /// Text shown after the options (notes, defaults, what the output means).
    public var notes: String
    /// Example command lines, shown as they are.
    public var examples: [String]
    public var verbs: [Command]
    /// The body; it reads its options and positionals from the arguments left after the verbs.
    public var run: (@Sendable (ArgumentList) throws -> Void)?

    public init(
        _ name: String, summary: String, overview: String = "", usage: [String] = [],
        options: [CommandOption] = [], notes: String = "", examples: [String] = [], verbs: [Command] = [],
        run: (@Sendable (ArgumentList) throws -> Void)? = nil
    ) {
        self.name = name
        self.summary = summary
        self.overview = overview
        self.usage = usage
        self.options = options
        self.notes = notes
        self.examples = examples
        self.verbs = verbs
        self.run = run
    }

    /// The verb called `name`.
    func verb(_ name: String) -> Command? { verbs.first { $0.name == name } }
}
