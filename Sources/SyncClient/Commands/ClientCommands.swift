import CommandLineSupport
import Models

/// `renkei`'s commands, declared once: what each is for, how it is called, the options it reads,
/// notes and examples. The table drives dispatch, `--help` for every verb, `help VERB`, usage
/// errors and "did you mean"; each body reads its own options and positionals. `--home DIR` is
/// the program's own option: every command accepts it, before or after its verb.
enum ClientCommands {
    static let table = CommandTable(
        program: "renkei", version: "0.1.0",
        root: Command(
            "renkei", summary: "A municipality's (or the advisor's) Renkei client",
            overview: """
                Renkei keeps a local replica of your municipality's survey answers, hearing records and \
                documents. Everything works offline.
                """,
            usage: ["<subcommand> [options]"], options: [ClientOptions.home],
            examples: [
                "init --scope 271004 --user tanaka", "login --server http://renkei.example.lg.jp:8080 --token -",
                "sync", "put answers osaka-dx-2025/271004/A05 value 12", "get answers osaka-dx-2025/271004/A05 value",
            ],
            verbs: [
                initialise, login, sync, put, get, status, conflicts, survey, hearing, docs, report, dump, rejected,
            ]))

    // MARK: - init, login, sync

    /// `init` (a keyword in Swift).
    static let initialise = Command(
        "init", summary: "Create the local replica for a municipality (or for the advisor)",
        overview: """
            Create the local replica. Each installation gets a new random replica id; a reinstall is a new \
            replica.
            """,
        usage: ["init --scope CODE --user NAME [--server URL] [--home DIR] [--json]"],
        options: [ClientOptions.initScope, ClientOptions.user, ClientOptions.initServer, ClientOptions.json],
        examples: [
            "init --scope 271004 --user tanaka --server https://renkei.pref.osaka.lg.jp",
            "init --scope shared --user advisor        (the advisor; set the server later)",
        ],
        run: { try InitCommand($0).run() })

    static let login = Command(
        "login", summary: "Connect to the prefecture's server with your token",
        overview: """
            Connect this replica to the prefecture's server with the token you were given \
            (`renkei-server admin token issue` prints it once). The server is asked who the token belongs to; \
            the token is then stored in the replica's home (file `token`, mode 0600) and sent with every sync. \
            It is never printed.
            """,
        usage: ["login --server URL (--token - | --token-file FILE) [--proxy URL] [--json] [--home DIR]"],
        options: [
            ClientOptions.loginServer, ClientOptions.token, ClientOptions.tokenFile, ClientOptions.proxy,
            ClientOptions.json,
        ],
        notes: """
            The token is read from standard input or from a file, never from the command line (which is kept in \
            your shell history and shown to other users by `ps`).
            """,
        examples: [
            "login --server https://renkei.pref.osaka.lg.jp --token -     (then paste it)",
            "login --server https://renkei.pref.osaka.lg.jp --token - < tanaka.token",
            "login --server https://renkei.pref.osaka.lg.jp --token-file tanaka.token",
        ],
        run: { try LoginCommand($0).run() })

    static let sync = Command(
        "sync", summary: "Send local changes to the server and receive everyone else's",
        overview: """
            Send local changes to the server, then receive everyone else's. Files of new documents are uploaded \
            first (an interrupted upload resumes where it stopped). Safe to interrupt at any point: the next \
            sync resumes without losing or repeating anything. Network failures are retried (4 times, waiting \
            0.5 to 4 s); after that the command stops with exit status 69 and your changes stay queued for the \
            next sync.
            """,
        usage: ["sync [--server URL] [--proxy URL] [--json] [--verbose] [--home DIR]"],
        options: [ClientOptions.syncServer, ClientOptions.proxy, ClientOptions.json, ClientOptions.verbose],
        notes: """
            On a terminal, progress lines show files uploaded (bytes, rate, time left) and changes sent and \
            received. Documents' files are downloaded when needed: `renkei docs get`.
            """,
        examples: ["sync", "sync --server https://renkei.pref.osaka.lg.jp --proxy http://proxy.lg.jp:8080"],
        run: { try SyncCommand($0).run() })

    // MARK: - put, get, status, dump

    static let put = Command(
        "put", summary: "Write one field of one record",
        overview: """
            Write one field of one record. The value is JSON: 12, "はい", true, null (null deletes the field). \
            The write supersedes every version of the field this replica has seen, so writing a field that has a \
            conflict resolves it.
            """,
        usage: ["put <collection> <record> <field> <json> [--scope CODE|shared] [--home DIR]"],
        options: [ClientOptions.putScope],
        notes: """
            ARGUMENTS:
              <collection>   e.g. answers, hearings, hearing-items, documents, surveys
              <record>       the record id, e.g. osaka-dx-2025/271004/A05
              <field>        the field name, e.g. value
              <json>         the new value as JSON (put `--` before a value starting with --)
            """,
        examples: [
            "put answers osaka-dx-2025/271004/A05 value 12",
            #"put hearings 0197f1c2-… summary '"確認済み"' --scope 271004"#,
        ],
        run: { try PutCommand($0).run() })

    static let get = Command(
        "get", summary: "Show one field, with every version if there is a conflict",
        overview: """
            Show one field. When concurrent edits conflict, every version is shown with who wrote it; write the \
            field again to resolve the conflict.
            """,
        usage: ["get <collection> <record> <field> [--json] [--home DIR]"], options: [ClientOptions.registerJSON],
        examples: ["get answers osaka-dx-2025/271004/A05 value", "get answers osaka-dx-2025/271004/A05 value --json"],
        run: { try GetCommand($0).run() })

    static let status = Command(
        "status", summary: "Show the replica: pending changes, conflicts, identity",
        overview: """
            Show the local replica: who it is, what waits to be synced, when it last synced, and how many fields \
            have conflicting versions.
            """,
        usage: ["status [--json] [--home DIR]"], options: [ClientOptions.json],
        examples: ["status", "status --json"],
        run: { try StatusCommand($0).run() })

    static let dump = Command(
        "dump", summary: "Print every register as canonical JSON lines (for scripts and checks)",
        overview: """
            Print every field of the replica as one canonical JSON line each, in key order. Replicas that hold \
            the same versions print identical bytes (compare with cmp or sha256sum).
            """,
        usage: ["dump [--home DIR]"],
        examples: ["dump | sha256sum"],
        run: { try DumpCommand($0).run() })

    // MARK: - conflicts, rejected

    static let conflicts = Command(
        "conflicts", summary: "List fields with conflicting versions, or resolve one",
        overview: """
            List the fields that concurrent edits left with more than one version, or resolve one. Resolving \
            writes a version that supersedes every sibling; the next sync carries it to the server and every \
            other replica.
            """,
        usage: ["conflicts [--json] [--home DIR]"], options: [ClientOptions.json],
        examples: ["conflicts"],
        verbs: [
            Command(
                "resolve", summary: "Keep one of a field's conflicting versions, or write a new value",
                overview: """
                    Resolve a conflict: write a version that supersedes every sibling; the next sync carries it to \
                    the server and every other replica.
                    """,
                usage: ["conflicts resolve <key> (--pick N | --value JSON) [--home DIR]"],
                options: [ClientOptions.pick, ClientOptions.value],
                notes: """
                    ARGUMENTS:
                      <key>          The field as `conflicts` prints it: collection/record#field
                    """,
                examples: ["conflicts resolve answers/osaka-dx-2025/271004/A05#value --pick 2"],
                run: ConflictsCommand.verb { try $0.resolve(&$1) })
        ],
        run: ConflictsCommand.verb { try $0.list(&$1) })

    static let rejected = Command(
        "rejected", summary: "Changes the server refused: see why, retry after a fix, or drop them",
        overview: """
            Changes the server refused for good, with its reason (サーバーが受け付けなかった変更). A refused \
            change never holds up the others: it is set aside here until you retry it after fixing the cause, \
            or drop it. Writing the same field again also replaces it.
            """,
        usage: ["rejected [--json]"], options: [ClientOptions.rejectedJSON],
        examples: ["rejected                     (what was refused, and why)"],
        verbs: [
            Command(
                "retry", summary: "Send a rejected change again at the next sync, after fixing the cause",
                usage: ["rejected retry <id>|--all"], options: [ClientOptions.all], notes: idArgument,
                examples: ["rejected retry 42            (after the advisor reopened the survey)"],
                run: RejectedCommand.verb { try $0.retry(&$1) }),
            Command(
                "drop", summary: "Forget a rejected change; the field shows what it held before it",
                usage: ["rejected drop <id>"], notes: idArgument,
                examples: ["rejected drop 42             (forget it; the field shows the server's value again)"],
                run: RejectedCommand.verb { try $0.drop(&$1) }),
        ],
        run: RejectedCommand.verb { try $0.list(&$1) })

    private static let idArgument = """
        ARGUMENTS:
          <id>           The number in the first column of the list
        """

    // MARK: - survey

    static let survey = Command(
        "survey", summary: "Publish, list, show and answer surveys",
        overview: """
            Surveys are data: the advisor publishes a schema, every replica receives it by sync, and each \
            municipality answers offline, item by item. Answers are checked against the schema before anything \
            is written.
            """,
        verbs: [
            Command(
                "publish", summary: "Publish a survey schema (the advisor); every replica receives it by sync",
                overview: """
                    Publish a survey: the schema (a JSON file) is checked, then written for every replica to \
                    receive at its next sync. Only the advisor's replica (scope shared) publishes surveys; \
                    publishing again replaces the schema, title and status.
                    """,
                usage: ["survey publish <file.json> [--status draft|open|closed]"], options: [ClientOptions.status],
                examples: ["survey publish Examples/data/questionnaire_example.json"],
                run: SurveyCommand.verb { try $0.publish(&$1) }),
            Command(
                "list", summary: "List the surveys this replica holds: id, title, fiscal year, status",
                usage: ["survey list [--json]"], options: [ClientOptions.json],
                notes: "Surveys arrive by sync: none are listed before the first one.",
                examples: ["survey list --json"],
                run: SurveyCommand.verb { try $0.list(&$1) }),
            Command(
                "show", summary: "Show a survey's items with this municipality's answers",
                usage: ["survey show <survey> [--json]"], options: [ClientOptions.json],
                notes: """
                    Each item with its answer: choices with their labels, numbers with their units, table rows \
                    with their columns; * marks a required item not answered yet, CONFLICT an answer with \
                    conflicting versions (see `renkei conflicts`).
                    """,
                examples: ["survey show osaka-muni-dx-survey-example"],
                run: SurveyCommand.verb { try $0.show(&$1) }),
            Command(
                "answer", summary: "Answer one item (or one cell of a table item), checked against the schema",
                usage: [
                    "survey answer <survey> <item> <value>",
                    "survey answer <survey> <table-item> <value> --row <row-id> --column <column>",
                ],
                options: [ClientOptions.row, ClientOptions.column],
                notes: """
                    ARGUMENTS:
                      <value>        As you would write it: 12, 1,200,000, はい/いいえ, a choice code or its
                                     label, several choices as a,b, dates as 2025-04-01; "" clears the answer

                    An answer the schema refuses is not written: the reason is given in Japanese and English \
                    (exit status 65).
                    """,
                examples: [
                    "survey answer osaka-muni-dx-survey-example B07 12",
                    "survey answer osaka-muni-dx-survey-example D01 株式会社サンプル --row r1 --column vendor_name",
                ],
                run: SurveyCommand.verb { try $0.answer(&$1) }),
            Command(
                "check", summary: "Check this municipality's answers: required items answered, errors, completion",
                usage: ["survey check <survey> [--json]"], options: [ClientOptions.json],
                examples: ["survey check osaka-muni-dx-survey-example"],
                run: SurveyCommand.verb { try $0.check(&$1) }),
            Command(
                "import", summary: "Import answers from a CSV file: all lines or none",
                usage: ["survey import <survey> <answers.csv>"],
                notes: """
                    IMPORT: a UTF-8 CSV (with or without BOM, CRLF or LF) with the header
                      item,row,column,value      (row and column only for table items; item,value also works)
                      Every line is checked first; if any is wrong, each error is reported with its line
                      number and nothing is written.
                    """,
                examples: ["survey import osaka-muni-dx-survey-example answers.csv"],
                run: SurveyCommand.verb { try $0.importAnswers(&$1) }),
            Command(
                "remove-row", summary: "Remove a row of a table item",
                usage: ["survey remove-row <survey> <table-item> <row-id>"],
                notes: """
                    Every column of the row is written as null: a deletion, which an edit made elsewhere at the \
                    same time turns into a visible conflict, never a silent loss.
                    """,
                examples: ["survey remove-row osaka-muni-dx-survey-example D01 r1"],
                run: SurveyCommand.verb { try $0.removeRow(&$1) }),
        ])

    // MARK: - hearing

    static let hearing = Command(
        "hearing", summary: "Record hearings with a municipality and their questions and answers",
        overview: """
            Record hearings (interviews) with a municipality and the questions and answers they produced. Items \
            flagged as FAQ go into the FAQ report.
            """,
        verbs: [
            Command(
                "new", summary: "Record a new hearing; prints its id",
                usage: [
                    """
                    hearing new --date YYYY-MM-DD --place P [--attendees A] [--topics T] [--summary S] \
                    [--follow-ups F] [--municipality CODE]
                    """
                ],
                options: ClientOptions.hearingFields.map(\.option) + [ClientOptions.municipality],
                examples: [
                    #"hearing new --municipality 271004 --date 2025-06-12 --place 大阪市役所 --attendees "田中、鈴木""#
                ],
                run: HearingCommand.verb { try $0.create(&$1) }),
            Command(
                "edit", summary: "Change fields of a hearing, from options or in $EDITOR",
                usage: [
                    """
                    hearing edit <id> [--date ...] [--place ...] [--attendees ...] [--topics ...] [--summary ...] \
                    [--follow-ups ...]
                    """,
                    "hearing edit <id>",
                ],
                options: ClientOptions.hearingFields.map(\.option),
                notes: """
                    With no field options, it opens $EDITOR on a template ($VISUAL if set, else $EDITOR, else \
                    vi): one `field: value` a line, lines starting with # are ignored.
                    """,
                examples: [#"hearing edit 0197… --summary "移行計画を確認""#, "hearing edit 0197…"],
                run: HearingCommand.verb { try $0.edit(&$1) }),
            Command(
                "list", summary: "List the hearings: id, date, municipality, place",
                usage: ["hearing list [--municipality CODE] [--json]"],
                options: [ClientOptions.municipalityFilter, ClientOptions.json],
                examples: ["hearing list --municipality 271004"],
                run: HearingCommand.verb { try $0.list(&$1) }),
            Command(
                "show", summary: "Show a hearing with its questions and answers",
                usage: ["hearing show <id> [--json]"], options: [ClientOptions.json],
                examples: ["hearing show 0197…"],
                run: HearingCommand.verb { try $0.show(&$1) }),
            Command(
                "item", summary: "The questions and answers of a hearing: add, edit, list",
                verbs: [
                    Command(
                        "add", summary: "Add a question and its answer to a hearing; prints the item's id",
                        usage: ["hearing item add <hearing-id> --question Q --answer A --category C [--faq]"],
                        options: ClientOptions.itemFields.map(\.option) + [ClientOptions.faq],
                        examples: [
                            """
                            hearing item add 0197…  --question "標準化の移行時期は？" --answer "令和7年度末" \
                            --category standardization --faq
                            """
                        ],
                        run: HearingCommand.verb { try $0.addItem(&$1) }),
                    Command(
                        "edit", summary: "Change an item's question, answer, category or FAQ flag",
                        usage: [
                            "hearing item edit <item-id> [--question Q] [--answer A] [--category C] [--faq yes|no]"
                        ],
                        options: ClientOptions.itemFields.map(\.option) + [ClientOptions.faqChoice],
                        examples: ["hearing item edit 0197… --faq yes"],
                        run: HearingCommand.verb { try $0.editItem(&$1) }),
                    Command(
                        "list", summary: "List the items of a hearing: id, FAQ, category, question",
                        usage: ["hearing item list <hearing-id> [--json]"], options: [ClientOptions.json],
                        examples: ["hearing item list 0197…"],
                        run: HearingCommand.verb { try $0.listItems(&$1) }),
                ]),
        ])

    // MARK: - docs

    static let docs = Command(
        "docs", summary: "Share documents through the prefecture's file store",
        overview: """
            Share documents through the prefecture's file store. Works offline: `put` keeps the file in the \
            local cache and the next `renkei sync` uploads it (resuming if interrupted) before its record; `get` \
            downloads a file only when it is not cached, resumes an interrupted download and checks its SHA-256.
            """,
        verbs: [
            Command(
                "put", summary: "Put a file in the store (uploaded at the next sync)",
                usage: ["docs put FILE [--folder F] [--name NAME] [--scope shared|CODE] [--note TEXT] [--json]"],
                options: [
                    ClientOptions.folder, ClientOptions.name, ClientOptions.documentScope, ClientOptions.note,
                    ClientOptions.json,
                ],
                notes: """
                    Putting a file with the same folder and name as an existing document stores a new version of \
                    it. If two offices replace the same document before syncing, both versions are kept as a \
                    conflict (`docs ls` marks it; get either with --version); put again to settle it.
                    """,
                examples: ["docs put 議事録.docx --folder ヒアリング/2026"],
                run: DocsCommand.verb { try $0.put(&$1) }),
            Command(
                "ls", aliases: ["list"], summary: "List the documents this replica knows of",
                usage: ["docs ls [--folder F] [--scope shared|CODE] [--json]"],
                options: [ClientOptions.folderFilter, ClientOptions.scopeFilter, ClientOptions.json],
                notes: "A document two offices replaced before syncing is marked CONFLICT: see `docs history`.",
                examples: ["docs ls --folder ヒアリング/2026"],
                run: DocsCommand.verb { try $0.list(&$1) }),
            Command(
                "get", summary: "Write a document's file here (downloaded when not cached, SHA-256 checked)",
                usage: ["docs get ID|PATH [-o FILE|-] [--version N] [--force] [--proxy URL]"],
                options: [
                    ClientOptions.documentOutput, ClientOptions.version, ClientOptions.force, ClientOptions.proxy,
                ],
                notes: """
                    The file is downloaded only when it is not cached; an interrupted download resumes, and the \
                    SHA-256 is checked before anything is written.
                    """,
                examples: ["docs get ヒアリング/2026/議事録.docx -o ~/Desktop/議事録.docx"],
                run: DocsCommand.verb { try $0.get(&$1) }),
            Command(
                "rm", aliases: ["remove"], summary: "Remove a document (its versions stay in its history)",
                usage: ["docs rm ID|PATH"],
                notes:
                    "The removal reaches everyone at the next sync; `renkei docs history` still lists every version.",
                examples: ["docs rm ヒアリング/2026/議事録.docx"],
                run: DocsCommand.verb { try $0.remove(&$1) }),
            Command(
                "history", summary: "Every version of a document: who, when, size, SHA-256",
                usage: ["docs history ID|PATH [--json] [--proxy URL]"],
                options: [ClientOptions.json, ClientOptions.proxy],
                notes: """
                    History comes from the server when it can be reached (every version), else from this replica \
                    (versions it has seen). Get a version with `renkei docs get ID --version N`.
                    """,
                examples: ["docs history ヒアリング/2026/議事録.docx"],
                run: DocsCommand.verb { try $0.history(&$1) }),
            Command(
                "verify", summary: "Check every cached file's SHA-256",
                usage: ["docs verify [--repair] [--json]"], options: [ClientOptions.repair, ClientOptions.json],
                notes: """
                    Exit status 65 when a cached file is damaged, or a document waiting for upload has no file in \
                    the cache (put it again).
                    """,
                examples: ["docs verify --repair"],
                run: DocsCommand.verb { try $0.verify(&$1) }),
        ])

    // MARK: - report

    static let report = Command(
        "report", summary: "Consolidated tables for the prefecture (CSV, Excel, JSON, Markdown)",
        overview: """
            Consolidated reports for the prefecture, from the data in this replica (sync first to include the \
            latest answers). Works offline.
            """,
        options: [ReportOptions.output, ReportOptions.encoding],
        verbs: [
            Command(
                "survey",
                summary: """
                    One row per municipality (the 43 of Osaka, and any other that answered), one column per item: \
                    choices as their Japanese labels, money in yen, dates as dates, missing answers empty, \
                    conflicts marked 【競合】 with every value. Each table item becomes a table of its own, one \
                    row per table row.
                    """,
                usage: ["report survey SURVEY [--format csv|xlsx|json|md] [-o FILE] [--encoding utf-8|cp932]"],
                options: [ClientOptions.format],
                examples: [
                    "report survey osaka-dx-2025 --format xlsx -o 調査結果.xlsx",
                    "report survey osaka-dx-2025 -o 調査結果.csv --encoding cp932",
                ],
                run: ReportCommand.verb { try $0.survey(&$1) }),
            Command(
                "progress",
                summary: """
                    Per municipality: share of required items answered, errors, open conflicts, when its answers \
                    last changed; prefecture-wide counts per choice (e.g. how many municipalities appointed a CIO, \
                    number and %) and totals of numbers.
                    """,
                usage: ["report progress SURVEY [--format csv|xlsx|json|md] [-o FILE] [--encoding utf-8|cp932]"],
                options: [ClientOptions.format],
                examples: ["report progress osaka-dx-2025 --format md"],
                run: ReportCommand.verb { try $0.progress(&$1) }),
            Command(
                "faq",
                summary: """
                    Hearing items flagged as FAQ, grouped by DX-plan focus area, with the municipality and \
                    hearing date (Markdown by default).
                    """,
                usage: ["report faq [--format md|csv|xlsx|json] [-o FILE] [--encoding utf-8|cp932]"],
                options: [ClientOptions.faqFormat],
                examples: ["report faq > faq.md"],
                run: ReportCommand.verb { try $0.faq(&$1) }),
        ])
}

/// A group of verbs that work on the replica (`survey`, `docs`, …): made from the replica's home
/// (`--home`), then the verb reads the rest of its arguments.
protocol ReplicaVerbs: SendableMetatype {
    init(home: ReplicaHome) throws
}

extension ReplicaVerbs {
    /// The body of one of the group's verbs.
    static func verb(_ body: @escaping @Sendable (Self, inout ArgumentList) throws -> Void)
        -> @Sendable (ArgumentList) throws -> Void
    {
        { arguments in
            var arguments = arguments
            let verbs = try Self(home: try ReplicaHome(&arguments))
            try body(verbs, &arguments)
        }
    }
}

/// The options of `renkei`'s commands, each declared once: the table checks arguments against
/// them and lists them in help, and the commands read their values through them. Options that
/// share a name but mean something else in another command (`--scope` of `init`, `put` and
/// `docs`) are declared apart.
enum ClientOptions {
    /// The program's own option: every command accepts it (`ReplicaHome`).
    static let home = CommandOption.value(
        "--home", "DIR", "Where the replica lives (default: $RENKEI_HOME, else ~/.renkei)")
    static let json = CommandOption.flag("--json", "Print the result as JSON")

    // init, login, sync
    static let initScope = CommandOption.value(
        "--scope", "CODE", "Your municipality's 6-digit code (e.g. 271004 for Osaka City), or `shared` for the advisor")
    static let user = CommandOption.value("--user", "NAME", "Your login name, recorded on every change you make")
    static let initServer = CommandOption.value(
        "--server", "URL", "The prefecture server to sync with (can be set later)")
    static let loginServer = CommandOption.value(
        "--server", "URL", "The prefecture server, e.g. https://renkei.pref.osaka.lg.jp")
    static let syncServer = CommandOption.value(
        "--server", "URL", "Server to use (and remember) instead of the one given at init")
    /// Read by `TokenInput`.
    static let token = CommandOption.value(
        "--token", "-",
        "Read the token (rk_…) from standard input: on a terminal you are asked for it and what you paste is not shown")
    static let tokenFile = CommandOption.value(
        "--token-file", "FILE", "Read the token from FILE (readable by its owner only: chmod 600)")
    /// Read by `ProxySettings`.
    static let proxy = CommandOption.value(
        "--proxy", "URL",
        "HTTP proxy (default: https_proxy / HTTPS_PROXY / http_proxy / HTTP_PROXY, with no_proxy / NO_PROXY for exceptions)"
    )
    static let verbose = CommandOption.flag(
        "--verbose", "Print each batch and page with timings (local database / network)")

    // put, get, conflicts, rejected
    static let putScope = CommandOption.value("--scope", "CODE", "The record's scope (default: the replica's scope)")
    static let registerJSON = CommandOption.flag(
        "--json", "Print the register as JSON: an array of versions (canonical form)")
    static let pick = CommandOption.value("--pick", "N", "Keep version N (1-based, as listed) as the value")
    static let value = CommandOption.value("--value", "JSON", "Write a new value instead (null deletes the field)")
    static let rejectedJSON = CommandOption.flag("--json", "Print the list as JSON (one object per change)")
    static let all = CommandOption.flag("--all", "Retry every rejected change")

    // survey
    static let status = CommandOption.value(
        "--status", "S", "Publication status: draft, open or closed (default: open)")
    static let row = CommandOption.value(
        "--row", "ROW", "The row of a table item (its id, e.g. r1; a new id adds a row)")
    static let column = CommandOption.value("--column", "COLUMN", "The column of a table item (its id)")

    // hearing
    /// The fields of a hearing, each with its option.
    static let hearingFields: [(option: CommandOption, field: String)] = [
        (.value("--date", "YYYY-MM-DD", "The day of the hearing"), "date"),
        (.value("--place", "P", "Where it was held"), "place"),
        (.value("--attendees", "A", "Who attended"), "attendees"),
        (.value("--topics", "T", "What was discussed"), "topics"),
        (.value("--summary", "S", "What came of it"), "summary"),
        (.value("--follow-ups", "F", "What is to be done next, by whom"), "follow_ups"),
    ]
    /// The fields of a hearing's item, each with its option.
    static let itemFields: [(option: CommandOption, field: String)] = [
        (.value("--question", "Q", "The question asked"), "question"),
        (.value("--answer", "A", "The answer given"), "answer"),
        (
            .value(
                "--category", "C",
                "One of: \(HearingCategory.allCases.map(\.rawValue).joined(separator: ", ")) (or its Japanese name)"),
            "category"
        ),
    ]
    static let municipality = CommandOption.value(
        "--municipality", "CODE",
        "The municipality the hearing is about (the advisor must give it; staff replicas use their own)")
    static let municipalityFilter = CommandOption.value(
        "--municipality", "CODE", "Only the hearings with this municipality")
    static let faq = CommandOption.flag("--faq", "Flag the item as FAQ: it goes into the FAQ report")
    static let faqChoice = CommandOption.value("--faq", "yes|no", "Flag the item as FAQ, or not")

    // docs
    static let folder = CommandOption.value(
        "--folder", "F", "Folder in the shared store, e.g. 調査/2026 (created as needed)")
    static let folderFilter = CommandOption.value(
        "--folder", "F", "Only the documents in this folder (and the folders in it)")
    static let name = CommandOption.value(
        "--name", "NAME", "Name to store the file under (default: the file's own name)")
    static let documentScope = CommandOption.value(
        "--scope", "S",
        "Who sees it: your municipality's code (default for staff) or `shared` (everyone; the advisor's default)")
    static let scopeFilter = CommandOption.value(
        "--scope", "S", "Only the documents of this scope: a municipality's code or `shared`")
    static let note = CommandOption.value("--note", "TEXT", "A note for the readers")
    static let documentOutput = CommandOption.value(
        "--output", "FILE", short: "-o",
        """
        Where to write the file (`-` for standard output; default: the document's name, made safe for Windows, \
        in the current directory)
        """)
    static let version = CommandOption.value(
        "--version", "N",
        """
        An earlier version, numbered as `docs history` shows them; also picks one side of a conflict. History \
        comes from the server when it can be reached (every version), else from this replica (versions it has \
        seen)
        """)
    static let force = CommandOption.flag("--force", "Overwrite an existing output file")
    static let repair = CommandOption.flag(
        "--repair", "Remove damaged cached copies (they are downloaded again when needed)")

    // report (-o and --encoding: `ReportOptions`, shared with `renkei-server admin export survey`)
    static let format = CommandOption.value("--format", "F", "csv (default), xlsx (one sheet per table), json or md")
    static let faqFormat = CommandOption.value(
        "--format", "F", "md (default), csv, xlsx (one sheet per table) or json")
}
