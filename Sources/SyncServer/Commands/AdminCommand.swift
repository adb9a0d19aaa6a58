import CommandLineSupport
import Foundation
import Models
import SyncStorage

/// `renkei-server admin …`: maintenance the prefecture's IT staff run on the data directory
/// (safe while the server is serving).
struct AdminCommand {
    static let help = """
        OVERVIEW: Provision and maintain the server's data directory (run on the server machine,
        as the account that owns the data directory). Safe while the server serves: changes to
        users and tokens apply from the next request on. Every change is written to the audit log.

        USAGE: renkei-server admin municipality import FILE.csv [--data DIR]
               renkei-server admin municipality list [--data DIR] [--json]
               renkei-server admin user add NAME --role staff|advisor|admin [--scope CODE] [--data DIR]
               renkei-server admin user disable|enable NAME [--data DIR]
               renkei-server admin user list [--data DIR] [--json]
               renkei-server admin token issue USER [--data DIR]
               renkei-server admin token revoke ID | --user USER [--data DIR]
               renkei-server admin token list [--user USER] [--data DIR] [--json]
               renkei-server admin audit [--since YYYY-MM-DD] [--user USER] [--json|--csv] [--data DIR]
               renkei-server admin audit verify [--data DIR]
               renkei-server admin export survey SURVEY [--format xlsx|csv|json|md] [-o FILE]
                                   [--encoding utf-8|cp932] [--data DIR]
               renkei-server admin dashboard-link USER [--base URL] [--data DIR]
               renkei-server admin backup DIR [--data DIR]
               renkei-server admin restore BACKUP [--force] [--data DIR]
               renkei-server admin verify-blobs [--data DIR] [--json]
               renkei-server admin gc [--data DIR] [--retention-days N] [--apply] [--json]

        SUBCOMMANDS:
          municipality   Register municipalities from a CSV (code,name_ja,…; codes with check
                         digits, e.g. Examples/data/osaka_municipalities.csv)
          user           Add users: staff of one municipality (--scope CODE), the advisor, or
                         prefecture admins; disable one to refuse all its tokens at once
          token          Issue a token (printed once; only its SHA-256 is kept), revoke one by
                         its id or all of a user's, list them (ids, never tokens)
          export         The consolidated survey table (as `renkei report survey`) for staff
                         without a client: one row per municipality, one sheet per table item
          dashboard-link A one-time link (10 minutes) that signs an admin or the advisor into the
                         dashboard at URL/ (or type the token into its sign-in page)
          audit          Show the audit log (who, what, when, from where), or verify its hash
                         chain (edits and deletions are detected)
          backup         A consistent copy (database and files) while the server serves
          restore        Replace the data directory with a checked backup (server stopped;
                         the old data is kept beside it); replicas that synced after the
                         backup send their own changes again
          verify-blobs   Read every stored file again and check its SHA-256; report files that
                         are damaged, and files documents name that are missing. Exit status 65
                         when anything is wrong.
          gc             Find stored files no document version (current or old) names and that
                         are older than the retention period. Only lists them unless --apply.

        OPTIONS:
          --data DIR           Data directory (default: \(ServerDataDirectory.defaultPath))
          --retention-days N   Keep unreferenced files younger than N days (default: 7): a file is
                               uploaded moments before the document naming it is pushed
          --apply              Really delete (gc); without it nothing is removed
          --role R             staff, advisor or admin
          --scope CODE         The municipality of a staff user
          --since YYYY-MM-DD   Audit entries from that day (UTC) on
          --user USER          Only this user's entries or tokens
          --csv                Audit entries as CSV (UTF-8, for Excel)
          --json               Print the result as JSON

        EXAMPLES:
          renkei-server admin municipality import Examples/data/osaka_municipalities.csv
          renkei-server admin user add tanaka --role staff --scope 271004
          renkei-server admin token issue tanaka          (give the token to tanaka: `renkei login`)
          renkei-server admin token revoke 3f9a0c1b22e4
          renkei-server admin audit --since 2026-11-01 --csv > audit.csv
          renkei-server admin export survey osaka-dx-2025 -o 調査結果.xlsx
          renkei-server admin verify-blobs --data /srv/renkei
          renkei-server admin gc --data /srv/renkei               (dry run: what would go)
          renkei-server admin gc --data /srv/renkei --apply
        """

    let arguments: ArgumentList

    init(_ arguments: ArgumentList) {
        self.arguments = arguments
    }

    func run() throws {
        var arguments = self.arguments
        let data = try ServerDataDirectory(&arguments)
        guard let verb = arguments.optionalPositional() else {
            throw UsageError(
                "missing admin subcommand (municipality, user, token, audit, export, dashboard-link, backup, restore, verify-blobs, gc)"
            )
        }
        switch verb {
        case "municipality": try municipality(&arguments, data)
        case "user": try user(&arguments, data)
        case "token": try token(&arguments, data)
        case "audit": try audit(&arguments, data)
        case "export": try export(&arguments, data)
        case "backup": try backup(&arguments, data)
        case "restore": try restore(&arguments, data)
        case "dashboard-link": try dashboardLink(&arguments, data)
        case "verify-blobs": try verifyBlobs(&arguments, data)
        case "gc": try collectGarbage(&arguments, data)
        default: throw UsageError("unknown admin subcommand \(Printable.quoted(verb))")
        }
    }
}
