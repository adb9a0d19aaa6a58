import CommandLineSupport
import Localization
import Models

/// `renkei`'s commands, declared once: what each is for, how it is called, the options it reads,
/// notes and examples. The table drives dispatch, `--help` for every verb, `help VERB`, usage
/// errors and "did you mean"; each body reads its own options and positionals. `--home DIR` is
/// the program's own option: every command accepts it, before or after its verb.
enum ClientCommands {
    static let table = CommandTable(
        program: "renkei", version: RenkeiVersion.current,
        root: Command(
            "renkei", summary: localized("client.summary"), overview: localized("client.overview"),
            usage: ["<subcommand> [options]"], options: [ClientOptions.home],
            examples: [
                "init --scope 271004 --user tanaka", "login --server http://renkei.example.lg.jp:8080 --token -",
                "sync", "put answers osaka-dx-2025/271004/A05 value 12", "get answers osaka-dx-2025/271004/A05 value",
            ],
            verbs: [
                initialise, login, sync, ui, put, get, status, conflicts, survey, hearing, log, docs, report, dump,
                rejected,
            ]))

    // MARK: - init, login, sync

    /// `init` (a keyword in Swift).
    static let initialise = Command(
        "init", summary: localized("init.summary"), overview: localized("init.overview"),
        usage: ["init --scope CODE --user NAME [--server URL] [--force] [--home DIR] [--json]"],
        options: [
            ClientOptions.initScope, ClientOptions.user, ClientOptions.initServer, ClientOptions.initForce,
            ClientOptions.json,
        ],
        examples: [
            "init --scope 271004 --user tanaka --server https://renkei.pref.osaka.lg.jp",
            "init --scope shared --user advisor        " + localized("init.example.advisor"),
        ],
        run: { try InitCommand($0).run() })

    static let login = Command(
        "login", summary: localized("login.summary"), overview: localized("login.overview"),
        usage: ["login --server URL (--token - | --token-file FILE) [--proxy URL] [--json] [--home DIR]"],
        options: [
            ClientOptions.loginServer, ClientOptions.token, ClientOptions.tokenFile, ClientOptions.proxy,
            ClientOptions.json,
        ],
        notes: localized("login.notes"),
        examples: [
            "login --server https://renkei.pref.osaka.lg.jp --token -     " + localized("login.example.paste"),
            "login --server https://renkei.pref.osaka.lg.jp --token - < tanaka.token",
            "login --server https://renkei.pref.osaka.lg.jp --token-file tanaka.token",
        ],
        run: { try LoginCommand($0).run() })

    static let sync = Command(
        "sync", summary: localized("sync.summary"), overview: localized("sync.overview"),
        usage: ["sync [--every INTERVAL] [--server URL] [--proxy URL] [--json] [--verbose] [--home DIR]"],
        options: [
            ClientOptions.every, ClientOptions.syncServer, ClientOptions.proxy, ClientOptions.json,
            ClientOptions.verbose,
        ],
        notes: localized("sync.notes"),
        examples: [
            "sync", "sync --every 10m", "sync --server https://renkei.pref.osaka.lg.jp --proxy http://proxy.lg.jp:8080",
        ],
        run: { try SyncCommand($0).run() })

    // MARK: - put, get, status, dump

    static let put = Command(
        "put", summary: localized("put.summary"), overview: localized("put.overview"),
        usage: ["put <collection> <record> <field> <json> [--scope CODE|shared] [--json] [--home DIR]"],
        options: [ClientOptions.putScope, ClientOptions.json],
        notes: localized("put.notes"),
        examples: [
            "put answers osaka-dx-2025/271004/A05 value 12",
            #"put hearings 0197f1c2-… summary '"確認済み"' --scope 271004"#,
        ],
        run: { try PutCommand($0).run() })

    static let get = Command(
        "get", summary: localized("get.summary"), overview: localized("get.overview"),
        usage: ["get <collection> <record> <field> [--json] [--home DIR]"], options: [ClientOptions.registerJSON],
        examples: ["get answers osaka-dx-2025/271004/A05 value", "get answers osaka-dx-2025/271004/A05 value --json"],
        run: { try GetCommand($0).run() })

    static let status = Command(
        "status", summary: localized("status.summary"), overview: localized("status.overview"),
        usage: ["status [--offline] [--json] [--home DIR]"], options: [ClientOptions.offline, ClientOptions.json],
        examples: ["status", "status --offline --json"],
        run: { try StatusCommand($0).run() })

    static let dump = Command(
        "dump", summary: localized("dump.summary"), overview: localized("dump.overview"),
        usage: ["dump [--home DIR]"],
        examples: ["dump | sha256sum"],
        run: { try DumpCommand($0).run() })

    // MARK: - conflicts, rejected

    static let conflicts = Command(
        "conflicts", summary: localized("conflicts.summary"), overview: localized("conflicts.overview"),
        usage: ["conflicts [--json] [--home DIR]"], options: [ClientOptions.json],
        examples: ["conflicts"],
        verbs: [
            Command(
                "resolve", summary: localized("conflicts.resolve.summary"),
                overview: localized("conflicts.resolve.overview"),
                usage: ["conflicts resolve <key> (--pick N | --value JSON) [--json] [--home DIR]"],
                options: [ClientOptions.pick, ClientOptions.value, ClientOptions.json],
                notes: localized("conflicts.resolve.notes"),
                examples: ["conflicts resolve answers/osaka-dx-2025/271004/A05#value --pick 2"],
                run: ConflictsCommand.verb { try $0.resolve(&$1) })
        ],
        run: ConflictsCommand.verb { try $0.list(&$1) })

    static let rejected = Command(
        "rejected", summary: localized("rejected.summary"), overview: localized("rejected.overview"),
        usage: ["rejected [--json]"], options: [ClientOptions.rejectedJSON],
        examples: ["rejected                     " + localized("rejected.example.list")],
        verbs: [
            Command(
                "retry", summary: localized("rejected.retry.summary"),
                usage: ["rejected retry <id>|--all [--json]"], options: [ClientOptions.all, ClientOptions.json],
                notes: idArgument,
                examples: ["rejected retry 42            " + localized("rejected.retry.example")],
                run: RejectedCommand.verb { try $0.retry(&$1) }),
            Command(
                "drop", summary: localized("rejected.drop.summary"),
                usage: ["rejected drop <id> [--json]"], options: [ClientOptions.json], notes: idArgument,
                examples: ["rejected drop 42             " + localized("rejected.drop.example")],
                run: RejectedCommand.verb { try $0.drop(&$1) }),
        ],
        run: RejectedCommand.verb { try $0.list(&$1) })

    private static let idArgument = localized("rejected.id.notes")
}
