import CommandLineSupport
import Models

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
    static let onBehalf = CommandOption.value(
        "--on-behalf", "CODE",
        "Work on the answers of municipality CODE (the advisor, when an admin has allowed it: 代理入力)")
    static let formOutput = CommandOption.value(
        "--output", "FILE", short: "-o",
        "Where to write the form (default: 回答票_<survey>_<code>.xlsx in the current directory)")
    static let confirmAll = CommandOption.flag("--all", "Confirm every answer still carried over from last year")
    static let comment = CommandOption.value(
        "--comment", "TEXT", "What the municipality should fix (shown to it with the return; required)")
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
                "A category's code or Japanese name, as `renkei hearing categories` lists them (default: \(HearingCategories.standard.all.map(\.code).joined(separator: ", ")))"
            ),
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

    static let every = CommandOption.value(
        "--every", "INTERVAL",
        "Keep syncing: a round now, then one every INTERVAL (10m, 1h, 30s) until Ctrl-C; a failed round is retried at the next"
    )
    // report (-o and --encoding: `ReportOptions`, shared with `renkei-server admin export survey`)
    static let format = CommandOption.value(
        "--format", "F", "csv (default), xlsx (one sheet per table), json, md or docx (Word, one section per table)")
    static let groupBy = CommandOption.value(
        "--group-by", "kind",
        "Add shares per kind of municipality: 政令指定都市, 中核市, その他の市 (施行時特例市 included), 町村")
    static let compare = CommandOption.value(
        "--compare", "national",
        "Add the national 令和5年度 rates beside the shares, for the items the survey links to the national survey")
    static let publish = CommandOption.flag(
        "--publish",
        "Share the FAQ with every municipality as the document FAQ/ヒアリングFAQ.docx (scope shared; anonymized), uploaded at the next sync"
    )
    static let anonymize = CommandOption.flag(
        "--anonymize", "Name each municipality only by its kind and population band, and each date by its month")
    static let hearingTarget = CommandOption.value(
        "--target", "N", "How many municipalities the programme must hear (default 15)")
    static let hearingDeadline = CommandOption.value(
        "--by", "DATE", "By when (default: July 31 of the current fiscal year)")
    static let sheetFormat = CommandOption.value(
        "--format", "F", "md (default), xlsx (to print from Excel), csv, json or docx")
    static let faqFormat = CommandOption.value(
        "--format", "F", "md (default), csv, xlsx (one sheet per table), json or docx (Word)")
    static let monthlyFormat = CommandOption.value(
        "--format", "F", "docx (default: the report to hand over), xlsx (its tables), md, json or csv")
    static let documentFormat = CommandOption.value(
        "--format", "F", "docx (default: a Word document to edit and hand over) or md (to read or mail)")
}
