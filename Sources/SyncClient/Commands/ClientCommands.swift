import CommandLineSupport
import Models

/// `renkei`'s commands, declared once: what each is for, how it is called, the options it reads,
/// notes and examples. The table drives dispatch, `--help` for every verb, `help VERB`, usage
/// errors and "did you mean"; each body reads its own options and positionals. `--home DIR` is
/// the program's own option: every command accepts it, before or after its verb.
enum ClientCommands {
    static let table = CommandTable(
        program: "renkei", version: RenkeiVersion.current,
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
                initialise, login, sync, put, get, status, conflicts, survey, hearing, log, docs, report, dump,
                rejected,
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
        usage: ["sync [--every INTERVAL] [--server URL] [--proxy URL] [--json] [--verbose] [--home DIR]"],
        options: [
            ClientOptions.every, ClientOptions.syncServer, ClientOptions.proxy, ClientOptions.json,
            ClientOptions.verbose,
        ],
        notes: """
            On a terminal, progress lines show files uploaded (bytes, rate, time left) and changes sent and \
            received. Documents' files are downloaded when needed: `renkei docs get`. To keep a replica current \
            without anyone remembering, leave `renkei sync --every 10m` running, or have the PC run `renkei sync` \
            on a schedule (Windows Task Scheduler, a systemd timer or cron: README, "Keeping a replica current").
            """,
        examples: [
            "sync", "sync --every 10m", "sync --server https://renkei.pref.osaka.lg.jp --proxy http://proxy.lg.jp:8080",
        ],
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
}
