import CommandLineSupport

/// `renkei-server`'s commands, declared once: what each is for, how it is called, the options it
/// reads, notes and examples. The table drives dispatch, `--help` for every verb, `help VERB`,
/// usage errors and "did you mean"; each body reads its own options and positionals.
enum ServerCommands {
    static let table = CommandTable(
        program: "renkei-server", version: "0.1.0",
        root: Command(
            "renkei-server", summary: "The prefecture's Renkei server",
            overview: """
                The prefecture's Renkei server: the shared database every municipality's replica synchronises \
                with, and the shared file store for their documents.
                """,
            usage: ["<subcommand> [options]"],
            examples: [
                "init --data /srv/renkei",
                "admin municipality import Examples/data/osaka_municipalities.csv --data /srv/renkei",
                "serve --data /srv/renkei --listen 127.0.0.1:8080",
            ],
            verbs: [serve, initialise, status, admin, federate]))

    // MARK: - serve, init, status, federate

    static let serve = Command(
        "serve", summary: "Serve sync over HTTP (creates the data directory on first start)",
        overview: """
            Serve sync and the shared file store over HTTP/1.1: POST /v1/push, GET /v1/pull, GET /v1/health; \
            resumable uploads (POST /v1/uploads, HEAD/PATCH /v1/uploads/ID) and downloads with Range \
            (GET /v1/blobs/SHA256). Every call but /v1/health needs a token \
            (`renkei-server admin token issue USER`).
            Creates the data directory and database on first start. Stops gracefully on SIGTERM or SIGINT: no \
            new connections, in-flight requests finish, then exit status 0.
            TLS belongs to a reverse proxy (nginx) in front; by default only this machine can connect.
            """,
        usage: [
            """
            serve [--data DIR] [--listen HOST:PORT] [--max-connections N] [--max-connections-per-address N] \
            [--max-body BYTES] [--max-file BYTES] [--max-chunk BYTES] [--upload-expiry HOURS] \
            [--trusted-proxy ADDRESS] [--log-level LEVEL]
            """
        ],
        options: [
            ServerOptions.data, ServerOptions.listen, ServerOptions.maxConnections,
            ServerOptions.maxConnectionsPerAddress, ServerOptions.maxBody, ServerOptions.maxFile,
            ServerOptions.maxChunk, ServerOptions.uploadExpiry, ServerOptions.trustedProxy, ServerOptions.logLevel,
        ],
        notes: """
            The first line on standard output is `renkei-server listening on http://HOST:PORT`; logs go to \
            standard error, one logfmt line per event.
            """,
        examples: ["serve --data /srv/renkei --listen 127.0.0.1:8080 --trusted-proxy 127.0.0.1"],
        run: { try ServeCommand($0).run() })

    /// `init` (a keyword in Swift).
    static let initialise = Command(
        "init", summary: "Create the data directory and its database (safe to run again)",
        overview: """
            Create the server's data directory and database. Safe to run again: an existing database is opened, \
            checked and left as it is.
            """,
        usage: ["init [--data DIR] [--json]"], options: [ServerOptions.data, ServerOptions.json],
        examples: ["init --data /srv/renkei"],
        run: { try InitCommand($0).run() })

    static let status = Command(
        "status", summary: "Show what the server database holds",
        overview: """
            Show what the server database holds: registers, current and superseded versions, conflicts waiting \
            for someone to resolve them, the server sequence.
            """,
        usage: ["status [--data DIR] [--json]"], options: [ServerOptions.data, ServerOptions.json],
        examples: ["status --data /srv/renkei --json"],
        run: { try StatusCommand($0).run() })

    static let federate = Command(
        "federate", summary: "Send this server's data up to an upstream (national) server",
        overview: """
            Send this server's data up to an upstream Renkei server (a national server above the prefecture's), \
            as one more replica of it. Every version this server holds that the upstream has not received yet \
            goes up, with the files its documents name; nothing comes back down, so nothing echoes. Run it from \
            a timer (cron, systemd) as often as the upstream should be current; a round that finds nothing new \
            sends nothing. Safe while this server serves, and safe to interrupt: the next round goes on from \
            where this one stopped, and no batch is applied twice upstream.
            """,
        usage: ["federate --upstream URL --token-file FILE [--data DIR] [--json]"],
        options: [ServerOptions.upstream, ServerOptions.tokenFile, ServerOptions.data, ServerOptions.json],
        examples: ["federate --upstream http://national.example:8080 --token-file /etc/renkei/uplink-token"],
        run: { try FederateCommand($0).run() })

    // MARK: - admin

    static let admin = Command(
        "admin",
        summary: """
            Provisioning and maintenance: municipalities, users, tokens, audit, backup and restore, stored files
            """,
        overview: """
            Provision and maintain the server's data directory (run on the server machine, as the account that \
            owns the data directory). Safe while the server serves: changes to users and tokens apply from the \
            next request on. Every change is written to the audit log.
            """,
        options: [ServerOptions.data],
        verbs: [
            municipality, user, token, audit, export, dashboardLink, backup, restore, verifyBlobs, collectGarbage,
        ])

    static let municipality = Command(
        "municipality",
        summary: """
            Register municipalities from a CSV (code,name_ja,…; codes with check digits, e.g. \
            Examples/data/osaka_municipalities.csv), or list them
            """,
        verbs: [
            Command(
                "import", summary: "Register municipalities from a CSV (code,name_ja,…)",
                usage: ["admin municipality import FILE.csv [--data DIR]"],
                notes: """
                    The first line names the columns code and name_ja (or name); codes with check digits, e.g. \
                    Examples/data/osaka_municipalities.csv. Every code is checked (six digits, check digit) and \
                    every bad line is reported with its number: nothing is registered unless all are good. \
                    Importing again adds the new municipalities and renames the others.
                    """,
                examples: ["admin municipality import Examples/data/osaka_municipalities.csv"],
                run: admin(AdminCommand.importMunicipalities)),
            Command(
                "list", summary: "List the registered municipalities: code and name",
                usage: ["admin municipality list [--data DIR] [--json]"], options: [ServerOptions.json],
                examples: ["admin municipality list --json"],
                run: admin(AdminCommand.listMunicipalities)),
        ])

    static let user = Command(
        "user",
        summary: """
            Add users: staff of one municipality (--scope CODE), the advisor, or prefecture admins; disable one \
            to refuse all its tokens at once
            """,
        verbs: [
            Command(
                "add", summary: "Add a user: staff of one municipality, the advisor, or a prefecture admin",
                usage: ["admin user add NAME --role staff|advisor|admin [--scope CODE] [--data DIR]"],
                options: [ServerOptions.role, ServerOptions.scope],
                notes: """
                    Staff belong to one municipality (--scope CODE); advisors and admins read every municipality \
                    and have no --scope. User names are 1-64 letters, digits, '.', '_', '-' or '@'. Then issue \
                    the user a token: `renkei-server admin token issue NAME`.
                    """,
                examples: [
                    "admin user add tanaka --role staff --scope 271004", "admin user add advisor --role advisor",
                ],
                run: admin(AdminCommand.addUser)),
            Command(
                "disable", summary: "Disable a user: every token of the user is refused from the next request on",
                usage: ["admin user disable NAME [--data DIR]"],
                examples: ["admin user disable tanaka"],
                run: admin { try AdminCommand.setUserDisabled(&$0, $1, true) }),
            Command(
                "enable", summary: "Enable a disabled user again: its tokens that are not revoked work again",
                usage: ["admin user enable NAME [--data DIR]"],
                examples: ["admin user enable tanaka"],
                run: admin { try AdminCommand.setUserDisabled(&$0, $1, false) }),
            Command(
                "list", summary: "List the users: name, role, municipality, and [disabled] for a disabled one",
                usage: ["admin user list [--data DIR] [--json]"], options: [ServerOptions.json],
                examples: ["admin user list --json"],
                run: admin(AdminCommand.listUsers)),
        ])

    static let token = Command(
        "token",
        summary: """
            Issue a token (printed once; only its SHA-256 is kept), revoke one by its id or all of a user's, \
            list them (ids, never tokens)
            """,
        verbs: [
            Command(
                "issue", summary: "Issue a token for a user (printed once; only its SHA-256 is kept)",
                usage: ["admin token issue USER [--data DIR]"],
                notes: """
                    The token goes to standard output, its id and what to do with it to standard error. It is \
                    shown only this once: hand it over safely; the user runs `renkei login --server URL --token -` \
                    and pastes it (or `--token-file FILE`).
                    """,
                examples: ["admin token issue tanaka          (give the token to tanaka: `renkei login`)"],
                run: admin(AdminCommand.issueToken)),
            Command(
                "revoke", summary: "Revoke one token by its id, or all of a user's",
                usage: ["admin token revoke ID | --user USER [--data DIR]"], options: [ServerOptions.user],
                notes: """
                    Give a token's id (see `admin token list`) or --user USER for every live token of that user. \
                    A revoked token is refused from the next request on.
                    """,
                examples: ["admin token revoke 3f9a0c1b22e4"],
                run: admin(AdminCommand.revokeTokens)),
            Command(
                "list", summary: "List tokens: id, user, when issued and revoked (ids, never tokens)",
                usage: ["admin token list [--user USER] [--data DIR] [--json]"],
                options: [ServerOptions.user, ServerOptions.json],
                examples: ["admin token list --user tanaka"],
                run: admin(AdminCommand.listTokens)),
        ])

    static let audit = Command(
        "audit",
        summary: """
            Show the audit log (who, what, when, from where), or verify its hash chain (edits and deletions are \
            detected)
            """,
        overview: """
            Show the audit log: who did what, when, from where, one entry a line (values quoted, so that nothing a \
            user wrote can break or forge a line), as JSON, or as CSV for Excel.
            """,
        usage: ["admin audit [--since YYYY-MM-DD] [--user USER] [--json|--csv] [--data DIR]"],
        options: [ServerOptions.since, ServerOptions.user, ServerOptions.json, ServerOptions.csv],
        examples: ["admin audit --since 2026-11-01 --csv > audit.csv"],
        verbs: [
            Command(
                "verify", summary: "Verify the audit log's hash chain (edits and deletions are detected)",
                usage: ["admin audit verify [--data DIR]"],
                notes: """
                    Each entry carries the SHA-256 of the one before. It prints the number of entries and the head \
                    hash: keep the head hash somewhere else (a signed mail, paper): it proves later that nothing up \
                    to here was rewritten. Exit status 65 when the log was tampered with.
                    """,
                examples: ["admin audit verify --data /srv/renkei"],
                run: admin(AdminCommand.verifyAudit))
        ],
        run: admin(AdminCommand.showAudit))

    static let export = Command(
        "export",
        summary: """
            The consolidated survey table (as `renkei report survey`) for staff without a client: one row per \
            municipality, one sheet per table item
            """,
        options: [ServerOptions.format, ReportOptions.output, ReportOptions.encoding],
        verbs: [
            Command(
                "survey", summary: "The consolidated table of one survey",
                overview: """
                    The same consolidated table as `renkei report survey`, for prefecture staff without a client, \
                    straight from the server database: one row per municipality, one sheet per table item.
                    """,
                usage: [
                    "admin export survey SURVEY [--format xlsx|csv|json|md] [-o FILE] [--encoding utf-8|cp932] [--data DIR]"
                ],
                notes: """
                    The rows are the municipalities registered with `admin municipality import` (Osaka \
                    Prefecture's when none are).
                    """,
                examples: ["admin export survey osaka-dx-2025 -o 調査結果.xlsx"],
                run: admin(AdminCommand.export))
        ])

    static let dashboardLink = Command(
        "dashboard-link",
        summary: """
            A one-time link (10 minutes) that signs an admin or the advisor into the dashboard at URL/ (or type \
            the token into its sign-in page)
            """,
        usage: ["admin dashboard-link USER [--base URL] [--data DIR]"], options: [ServerOptions.base],
        notes: """
            The link goes to standard output: open it within 10 minutes; it works once, for an enabled admin or \
            the advisor (the dashboard is not for staff). For a browser on a closed network; a token can be typed \
            in instead.
            """,
        examples: ["admin dashboard-link advisor --base http://127.0.0.1:8080"],
        run: admin(AdminCommand.dashboardLink))

    static let backup = Command(
        "backup", summary: "A consistent copy (database and files) while the server serves",
        overview: """
            A consistent copy of the data directory into DIR (new or empty) while the server serves: the database \
            through SQLite's online backup, then every stored file, and backup.json saying what it holds.
            """,
        usage: ["admin backup DIR [--data DIR]"],
        examples: ["admin backup /var/backups/renkei/2026-11-30 --data /srv/renkei"],
        run: admin(AdminCommand.backup))

    static let restore = Command(
        "restore",
        summary: """
            Replace the data directory with a checked backup (server stopped; the old data is kept beside it); \
            replicas that synced after the backup send their own changes again
            """,
        usage: ["admin restore BACKUP [--force] [--data DIR]"], options: [ServerOptions.force],
        notes: """
            The backup is checked before anything is touched (the database's integrity, every file's SHA-256). \
            The audit log stays whole: entries the replaced database wrote after the backup are carried over, and \
            the restore's own entry names the replaced log's last entry.
            """,
        examples: ["admin restore /var/backups/renkei/2026-11-30 --force --data /srv/renkei"],
        run: admin(AdminCommand.restore))

    static let verifyBlobs = Command(
        "verify-blobs",
        summary: """
            Read every stored file again and check its SHA-256; report files that are damaged, and files \
            documents name that are missing. Exit status 65 when anything is wrong.
            """,
        usage: ["admin verify-blobs [--data DIR] [--json]"], options: [ServerOptions.json],
        examples: ["admin verify-blobs --data /srv/renkei"],
        run: admin(AdminCommand.verifyBlobs))

    static let collectGarbage = Command(
        "gc",
        summary: """
            Find stored files no document version (current or old) names and that are older than the retention \
            period. Only lists them unless --apply.
            """,
        usage: ["admin gc [--data DIR] [--retention-days N] [--apply] [--json]"],
        options: [ServerOptions.retentionDays, ServerOptions.apply, ServerOptions.json],
        examples: [
            "admin gc --data /srv/renkei               (dry run: what would go)",
            "admin gc --data /srv/renkei --apply",
        ],
        run: admin(AdminCommand.collectGarbage))

    /// The body of an admin verb: the data directory (`--data`) and the rest of its arguments.
    private static func admin(
        _ body: @escaping @Sendable (inout ArgumentList, ServerDataDirectory) throws -> Void
    ) -> @Sendable (ArgumentList) throws -> Void {
        { arguments in
            var arguments = arguments
            let data = try ServerDataDirectory(&arguments)
            try body(&arguments, data)
        }
    }
}

/// The options of `renkei-server`'s commands, each declared once: the table checks arguments
/// against them and lists them in help, and the commands read their values through them.
enum ServerOptions {
    static let data = CommandOption.value(
        "--data", "DIR", "Data directory (default: \(ServerDataDirectory.defaultPath))")
    static let json = CommandOption.flag("--json", "Print the result as JSON")

    // serve
    static let listen = CommandOption.value(
        "--listen", "HOST:PORT", "Address to listen on (default: 127.0.0.1:8080; port 0 picks one)")
    static let maxConnections = CommandOption.value(
        "--max-connections", "N",
        "Connections served at once; more get 503 (default: \(ServeCommand.defaultMaxConnections))")
    static let maxConnectionsPerAddress = CommandOption.value(
        "--max-connections-per-address", "N",
        """
        Connections served at once from one address (default: \(ServeCommand.defaultMaxConnectionsPerAddress)); \
        more get 503. Counted on the TCP peer when the connection is \
        accepted: the --trusted-proxy address is not capped (its clients' addresses are only known from \
        X-Forwarded-For, after the request head), so the proxy must limit them itself
        """)
    static let maxBody = CommandOption.value(
        "--max-body", "BYTES", "Largest push body (default: \(inBinaryUnits(ServeCommand.defaultMaxBody)))")
    static let maxFile = CommandOption.value(
        "--max-file", "BYTES", "Largest file in the store (default: \(inBinaryUnits(BlobLimits().maxFileBytes)))")
    static let maxChunk = CommandOption.value(
        "--max-chunk", "BYTES",
        "Largest upload piece per PATCH (default: \(inBinaryUnits(Int64(BlobLimits().maxChunkBytes))))")
    static let uploadExpiry = CommandOption.value(
        "--upload-expiry", "HOURS",
        "Unfinished uploads idle this long are dropped (default: \(BlobLimits().uploadExpirySeconds / 3600))")
    static let trustedProxy = CommandOption.value(
        "--trusted-proxy", "ADDRESS",
        """
        The reverse proxy (nginx) in front: only requests from this address have their X-Forwarded-For \
        believed (for the audit log)
        """)
    static let logLevel = CommandOption.value("--log-level", "LEVEL", "debug, info, warning or error (default: info)")

    // federate
    static let upstream = CommandOption.value(
        "--upstream", "URL", "The upstream server (http://HOST:PORT; for TLS, a local TLS proxy)")
    static let tokenFile = CommandOption.value(
        "--token-file", "FILE",
        """
        The token the upstream issued for this server (readable by its owner only), e.g. for a user added \
        there with --role admin
        """)

    // admin
    static let role = CommandOption.value("--role", "R", "staff, advisor or admin")
    static let scope = CommandOption.value("--scope", "CODE", "The municipality of a staff user")
    static let user = CommandOption.value("--user", "USER", "Only this user's entries or tokens")
    static let since = CommandOption.value("--since", "YYYY-MM-DD", "Audit entries from that day (UTC) on")
    static let csv = CommandOption.flag("--csv", "Audit entries as CSV (UTF-8, for Excel)")
    static let base = CommandOption.value(
        "--base", "URL", "The server's address as the browser reaches it (default: \(AdminCommand.defaultBase))")
    static let force = CommandOption.flag(
        "--force", "Replace a data directory that holds data (it is kept beside it as DIR.replaced-…)")
    static let retentionDays = CommandOption.value(
        "--retention-days", "N",
        """
        Keep unreferenced files younger than N days (default: \(AdminCommand.defaultRetentionDays)): a file is \
        uploaded moments before the document naming it is pushed
        """)
    static let apply = CommandOption.flag("--apply", "Really delete (gc); without it nothing is removed")

    // admin export (-o and --encoding: `ReportOptions`, shared with `renkei report survey`)
    static let format = CommandOption.value(
        "--format", "F", "xlsx (default, one sheet per table item), csv, json or md")

    /// `8388608 = 8 MiB`: a default size as it is typed and as people read it.
    private static func inBinaryUnits(_ bytes: Int64) -> String {
        let units = [(Int64(1) << 30, "GiB"), (Int64(1) << 20, "MiB"), (Int64(1) << 10, "KiB")]
        guard let (size, unit) = units.first(where: { bytes >= $0.0 && bytes % $0.0 == 0 }) else { return "\(bytes)" }
        return "\(bytes) = \(bytes / size) \(unit)"
    }
}
