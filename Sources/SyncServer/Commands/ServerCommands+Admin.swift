import CommandLineSupport

/// `renkei-server admin …`: provisioning and maintenance of the data directory.
extension ServerCommands {
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
                "allow-entry",
                summary: "Allow an advisor to enter and submit a municipality's survey answers (代理入力)",
                usage: ["admin user allow-entry NAME CODE [--data DIR]"],
                notes: """
                    For answers that come back by mail or as Excel files: the advisor then runs `renkei survey \
                    import SURVEY FILE --on-behalf CODE` (after `renkei sync`, which fetches the new right). Every \
                    such push is in the audit log with on_behalf=CODE, and each answer carries the advisor's name, \
                    which the municipality sees. Applies from the advisor's next request.
                    """,
                examples: ["admin user allow-entry advisor 271403"],
                run: admin { try AdminCommand.setEntryGrant(&$0, $1, allowed: true) }),
            Command(
                "withdraw-entry", summary: "Withdraw an advisor's right to enter a municipality's answers",
                usage: ["admin user withdraw-entry NAME CODE [--data DIR]"],
                examples: ["admin user withdraw-entry advisor 271403"],
                run: admin { try AdminCommand.setEntryGrant(&$0, $1, allowed: false) }),
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
                usage: ["admin token issue USER [--expires 90d|DATE] [--data DIR]"], options: [ServerOptions.expires],
                notes: """
                    The token goes to standard output, its id and what to do with it to standard error. It is \
                    shown only this once: hand it over safely; the user runs `renkei login --server URL --token -` \
                    and pastes it (or `--token-file FILE`). With --expires it is refused after that time; \
                    `admin token list` shows when each token expires and when it was last used.
                    """,
                examples: [
                    "admin token issue tanaka          (give the token to tanaka: `renkei login`)",
                    "admin token issue tanaka --expires 90d",
                ],
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
        usage: ["admin backup DIR [--keep N] [--data DIR]"], options: [ServerOptions.keep],
        notes: """
            With --keep N (for a timer: Examples/systemd/renkei-backup.timer) DIR holds the backups: each run \
            makes DIR/renkei-YYYYMMDD-HHMMSS and removes the oldest of those beyond N.
            """,
        examples: [
            "admin backup /var/backups/renkei/2026-11-30 --data /srv/renkei",
            "admin backup /var/backups/renkei --keep 14 --data /srv/renkei",
        ],
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
