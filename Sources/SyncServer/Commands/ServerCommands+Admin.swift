import CommandLineSupport
import Localization

/// `renkei-server admin …`: provisioning and maintenance of the data directory.
extension ServerCommands {
    // MARK: - admin

    static let admin = Command(
        "admin",
        summary: localized("admin.summary"),
        overview: localized("admin.overview"),
        options: [ServerOptions.data],
        verbs: [
            municipality, user, token, audit, export, dashboardLink, backup, restore, verifyBlobs, collectGarbage,
        ])

    static let municipality = Command(
        "municipality",
        summary: localized("admin.municipality.summary"),
        verbs: [
            Command(
                "import", summary: localized("admin.municipality.import.summary"),
                usage: ["admin municipality import FILE.csv [--data DIR]"],
                notes: localized("admin.municipality.import.notes"),
                examples: ["admin municipality import Examples/data/osaka_municipalities.csv"],
                run: admin(AdminCommand.importMunicipalities)),
            Command(
                "list", summary: localized("admin.municipality.list.summary"),
                usage: ["admin municipality list [--data DIR] [--json]"], options: [ServerOptions.json],
                examples: ["admin municipality list --json"],
                run: admin(AdminCommand.listMunicipalities)),
        ])

    static let user = Command(
        "user",
        summary: localized("admin.user.summary"),
        verbs: [
            Command(
                "add", summary: localized("admin.user.add.summary"),
                usage: ["admin user add NAME --role staff|advisor|admin [--scope CODE] [--data DIR]"],
                options: [ServerOptions.role, ServerOptions.scope],
                notes: localized("admin.user.add.notes"),
                examples: [
                    "admin user add tanaka --role staff --scope 271004", "admin user add advisor --role advisor",
                ],
                run: admin(AdminCommand.addUser)),
            Command(
                "disable", summary: localized("admin.user.disable.summary"),
                usage: ["admin user disable NAME [--data DIR]"],
                examples: ["admin user disable tanaka"],
                run: admin { try AdminCommand.setUserDisabled(&$0, $1, true) }),
            Command(
                "enable", summary: localized("admin.user.enable.summary"),
                usage: ["admin user enable NAME [--data DIR]"],
                examples: ["admin user enable tanaka"],
                run: admin { try AdminCommand.setUserDisabled(&$0, $1, false) }),
            Command(
                "allow-entry",
                summary: localized("admin.user.allow.entry.summary"),
                usage: ["admin user allow-entry NAME CODE [--data DIR]"],
                notes: localized("admin.user.allow.entry.notes"),
                examples: ["admin user allow-entry advisor 271403"],
                run: admin { try AdminCommand.setEntryGrant(&$0, $1, allowed: true) }),
            Command(
                "withdraw-entry", summary: localized("admin.user.withdraw.entry.summary"),
                usage: ["admin user withdraw-entry NAME CODE [--data DIR]"],
                examples: ["admin user withdraw-entry advisor 271403"],
                run: admin { try AdminCommand.setEntryGrant(&$0, $1, allowed: false) }),
            Command(
                "list", summary: localized("admin.user.list.summary"),
                usage: ["admin user list [--data DIR] [--json]"], options: [ServerOptions.json],
                examples: ["admin user list --json"],
                run: admin(AdminCommand.listUsers)),
        ])

    static let token = Command(
        "token",
        summary: localized("token.summary"),
        verbs: [
            Command(
                "issue", summary: localized("token.issue.summary"),
                usage: ["admin token issue USER [--expires 90d|DATE] [--data DIR]"], options: [ServerOptions.expires],
                notes: localized("token.issue.notes"),
                examples: [
                    "admin token issue tanaka          " + localized("token.issue.example.note"),
                    "admin token issue tanaka --expires 90d",
                ],
                run: admin(AdminCommand.issueToken)),
            Command(
                "revoke", summary: localized("token.revoke.summary"),
                usage: ["admin token revoke ID | --user USER [--data DIR]"], options: [ServerOptions.user],
                notes: localized("token.revoke.notes"),
                examples: ["admin token revoke 3f9a0c1b22e4"],
                run: admin(AdminCommand.revokeTokens)),
            Command(
                "list", summary: localized("token.list.summary"),
                usage: ["admin token list [--user USER] [--data DIR] [--json]"],
                options: [ServerOptions.user, ServerOptions.json],
                examples: ["admin token list --user tanaka"],
                run: admin(AdminCommand.listTokens)),
        ])

    static let audit = Command(
        "audit",
        summary: localized("admin.audit.summary"),
        overview: localized("admin.audit.overview"),
        usage: ["admin audit [--since YYYY-MM-DD] [--user USER] [--json|--csv] [--data DIR]"],
        options: [ServerOptions.since, ServerOptions.user, ServerOptions.json, ServerOptions.csv],
        examples: ["admin audit --since 2026-11-01 --csv > audit.csv"],
        verbs: [
            Command(
                "verify", summary: localized("admin.audit.verify.summary"),
                usage: ["admin audit verify [--data DIR]"],
                notes: localized("admin.audit.verify.notes"),
                examples: ["admin audit verify --data /srv/renkei"],
                run: admin(AdminCommand.verifyAudit))
        ],
        run: admin(AdminCommand.showAudit))

    static let export = Command(
        "export",
        summary: localized("admin.export.summary"),
        options: [ServerOptions.format, ReportOptions.output, ReportOptions.encoding],
        verbs: [
            Command(
                "survey", summary: localized("admin.export.survey.summary"),
                overview: localized("admin.export.survey.overview"),
                usage: [
                    "admin export survey SURVEY [--format xlsx|csv|json|md] [-o FILE] [--encoding utf-8|cp932] [--data DIR]"
                ],
                notes: localized("admin.export.survey.notes"),
                examples: ["admin export survey osaka-dx-2025 -o 調査結果.xlsx"],
                run: admin(AdminCommand.export))
        ])

    static let dashboardLink = Command(
        "dashboard-link",
        summary: localized("dashboard.link.summary"),
        usage: ["admin dashboard-link USER [--base URL] [--data DIR]"], options: [ServerOptions.base],
        notes: localized("dashboard.link.notes"),
        examples: ["admin dashboard-link advisor --base http://127.0.0.1:8080"],
        run: admin(AdminCommand.dashboardLink))

    static let backup = Command(
        "backup", summary: localized("backup.summary"),
        overview: localized("backup.overview"),
        usage: ["admin backup DIR [--keep N] [--data DIR]"], options: [ServerOptions.keep],
        notes: localized("backup.notes"),
        examples: [
            "admin backup /var/backups/renkei/2026-11-30 --data /srv/renkei",
            "admin backup /var/backups/renkei --keep 14 --data /srv/renkei",
        ],
        run: admin(AdminCommand.backup))

    static let restore = Command(
        "restore",
        summary: localized("backup.restore.summary"),
        usage: ["admin restore BACKUP [--force] [--data DIR]"], options: [ServerOptions.force],
        notes: localized("backup.restore.notes"),
        examples: ["admin restore /var/backups/renkei/2026-11-30 --force --data /srv/renkei"],
        run: admin(AdminCommand.restore))

    static let verifyBlobs = Command(
        "verify-blobs",
        summary: localized("admin.verify.blobs.summary"),
        usage: ["admin verify-blobs [--quarantine] [--data DIR] [--json]"],
        options: [ServerOptions.quarantine, ServerOptions.json],
        examples: ["admin verify-blobs --data /srv/renkei", "admin verify-blobs --quarantine --data /srv/renkei"],
        run: admin(AdminCommand.verifyBlobs))

    static let collectGarbage = Command(
        "gc",
        summary: localized("admin.gc.summary"),
        usage: ["admin gc [--data DIR] [--retention-days N] [--apply] [--json]"],
        options: [ServerOptions.retentionDays, ServerOptions.apply, ServerOptions.json],
        examples: [
            "admin gc --data /srv/renkei               " + localized("admin.gc.example.note"),
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
