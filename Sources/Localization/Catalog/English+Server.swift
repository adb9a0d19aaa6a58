extension MessageCatalog {
    /// English messages: renkei-server (commands, options, admin outputs and errors).
    static let englishServer: [String: String] = [
        "server.summary": "The prefecture's Renkei server",
        "server.overview":
            "The prefecture's Renkei server: the shared database every municipality's replica synchronises with, and the shared file store for their documents.",
        "serve.summary": "Serve sync over HTTP (creates the data directory on first start)",
        "serve.overview":
            "Serve sync and the shared file store over HTTP/1.1: POST /v1/push, GET /v1/pull, GET /v1/health; resumable uploads (POST /v1/uploads, HEAD/PATCH /v1/uploads/ID) and downloads with Range (GET /v1/blobs/SHA256). Every call but /v1/health needs a token (`renkei-server admin token issue USER`).\nCreates the data directory and database on first start. Stops gracefully on SIGTERM or SIGINT: no new connections, in-flight requests finish, then exit status 0.\nTLS belongs to a reverse proxy (nginx) in front; by default only this machine can connect.",
        "serve.notes":
            "The first line on standard output is `renkei-server listening on http://HOST:PORT`; logs go to standard error (or --log-file), one logfmt line per event. SIGTERM and SIGINT stop the server after the requests in flight; SIGHUP reopens the log file and never stops it. A systemd unit, timers and a logrotate example are in Examples/systemd and Examples/logrotate.",
        "server.init.summary": "Create the data directory and its database (safe to run again)",
        "server.init.overview":
            "Create the server's data directory and database. Safe to run again: an existing database is opened, checked and left as it is.",
        "server.status.summary": "Show what the server database holds",
        "server.status.overview":
            "Show what the server database holds: registers, current and superseded versions, conflicts waiting for someone to resolve them, the server sequence.",
        "federate.summary": "Send this server's data up to an upstream (national) server",
        "federate.overview":
            "Send this server's data up to an upstream Renkei server (a national server above the prefecture's), as one more replica of it. Every version this server holds that the upstream has not received yet goes up, with the files its documents name; nothing comes back down, so nothing echoes. Run it from a timer (cron, systemd) as often as the upstream should be current; a round that finds nothing new sends nothing. Safe while this server serves, and safe to interrupt: the next round goes on from where this one stopped, and no batch is applied twice upstream.",
        "admin.summary":
            "Provisioning and maintenance: municipalities, users, tokens, audit, backup and restore, stored files",
        "admin.overview":
            "Provision and maintain the server's data directory (run on the server machine, as the account that owns the data directory). Safe while the server serves: changes to users and tokens apply from the next request on. Every change is written to the audit log.",
        "admin.municipality.summary":
            "Register municipalities from a CSV (code,name_ja,…; codes with check digits, e.g. Examples/data/osaka_municipalities.csv), or list them",
        "admin.municipality.import.summary": "Register municipalities from a CSV (code,name_ja,…)",
        "admin.municipality.import.notes":
            "The first line names the columns code and name_ja (or name); codes with check digits, e.g. Examples/data/osaka_municipalities.csv. Every code is checked (six digits, check digit) and every bad line is reported with its number: nothing is registered unless all are good. Importing again adds the new municipalities and renames the others.",
        "admin.municipality.list.summary": "List the registered municipalities: code and name",
        "admin.user.summary":
            "Add users: staff of one municipality (--scope CODE), the advisor, or prefecture admins; disable one to refuse all its tokens at once",
        "admin.user.add.summary": "Add a user: staff of one municipality, the advisor, or a prefecture admin",
        "admin.user.add.notes":
            "Staff belong to one municipality (--scope CODE); advisors and admins read every municipality and have no --scope. User names are 1-64 letters, digits, '.', '_', '-' or '@'. Then issue the user a token: `renkei-server admin token issue NAME`.",
        "admin.user.disable.summary": "Disable a user: every token of the user is refused from the next request on",
        "admin.user.enable.summary": "Enable a disabled user again: its tokens that are not revoked work again",
        "admin.user.allow.entry.summary": "Allow an advisor to enter and submit a municipality's survey answers (代理入力)",
        "admin.user.allow.entry.notes":
            "For answers that come back by mail or as Excel files: the advisor then runs `renkei survey import SURVEY FILE --on-behalf CODE` (after `renkei sync`, which fetches the new right). Every such push is in the audit log with on_behalf=CODE, and each answer carries the advisor's name, which the municipality sees. Applies from the advisor's next request.",
        "admin.user.withdraw.entry.summary": "Withdraw an advisor's right to enter a municipality's answers",
        "admin.user.list.summary": "List the users: name, role, municipality, and [disabled] for a disabled one",
        "token.summary":
            "Issue a token (printed once; only its SHA-256 is kept), revoke one by its id or all of a user's, list them (ids, never tokens)",
        "token.issue.summary": "Issue a token for a user (printed once; only its SHA-256 is kept)",
        "token.issue.notes":
            "The token goes to standard output, its id and what to do with it to standard error. It is shown only this once: hand it over safely; the user runs `renkei login --server URL --token -` and pastes it (or `--token-file FILE`). With --expires it is refused after that time; `admin token list` shows when each token expires and when it was last used.",
        "token.issue.example.note": "(give the token to tanaka: `renkei login`)",
        "token.revoke.summary": "Revoke one token by its id, or all of a user's",
        "token.revoke.notes":
            "Give a token's id (see `admin token list`) or --user USER for every live token of that user. A revoked token is refused from the next request on.",
        "token.list.summary": "List tokens: id, user, when issued and revoked (ids, never tokens)",
        "admin.audit.summary":
            "Show the audit log (who, what, when, from where), or verify its hash chain (edits and deletions are detected)",
        "admin.audit.overview":
            "Show the audit log: who did what, when, from where, one entry a line (values quoted, so that nothing a user wrote can break or forge a line), as JSON, or as CSV for Excel.",
        "admin.audit.verify.summary": "Verify the audit log's hash chain (edits and deletions are detected)",
        "admin.audit.verify.notes":
            "Each entry carries the SHA-256 of the one before. It prints the number of entries and the head hash: keep the head hash somewhere else (a signed mail, paper): it proves later that nothing up to here was rewritten. Exit status 65 when the log was tampered with.",
        "admin.export.summary":
            "The consolidated survey table (as `renkei report survey`) for staff without a client: one row per municipality, one sheet per table item",
        "admin.export.survey.summary": "The consolidated table of one survey",
        "admin.export.survey.overview":
            "The same consolidated table as `renkei report survey`, for prefecture staff without a client, straight from the server database: one row per municipality, one sheet per table item.",
        "admin.export.survey.notes":
            "The rows are the municipalities registered with `admin municipality import` (Osaka Prefecture's when none are).",
        "dashboard.link.summary":
            "A one-time link (10 minutes) that signs an admin or the advisor into the dashboard at URL/ (or type the token into its sign-in page)",
        "dashboard.link.notes":
            "The link goes to standard output: open it within 10 minutes; it works once, for an enabled admin or the advisor (the dashboard is not for staff). For a browser on a closed network; a token can be typed in instead.",
        "backup.summary": "A consistent copy (database and files) while the server serves",
        "backup.overview":
            "A consistent copy of the data directory into DIR (new or empty) while the server serves: the database through SQLite's online backup, then every stored file, and backup.json saying what it holds.",
        "backup.notes":
            "With --keep N (for a timer: Examples/systemd/renkei-backup.timer) DIR holds the backups: each run makes DIR/renkei-YYYYMMDD-HHMMSS and removes the oldest of those beyond N.",
        "backup.restore.summary":
            "Replace the data directory with a checked backup (server stopped; the old data is kept beside it); replicas that synced after the backup send their own changes again",
        "backup.restore.notes":
            "The backup is checked before anything is touched (the database's integrity, every file's SHA-256). The audit log stays whole: entries the replaced database wrote after the backup are carried over, and the restore's own entry names the replaced log's last entry.",
        "admin.verify.blobs.summary":
            "Read every stored file again and check its SHA-256; report files that are damaged, and files documents name that are missing. Exit status 65 when anything is wrong.",
        "admin.gc.summary":
            "Find stored files no document version (current or old) names and that are older than the retention period. Only lists them unless --apply.",
        "admin.gc.example.note": "(dry run: what would go)",
        "option.server.data": "Data directory (default: {path})",
        "option.server.json": "Print the result as JSON",
        "option.server.listen": "Address to listen on (default: 127.0.0.1:8080; port 0 picks one)",
        "option.server.max.connections": "Connections served at once; more get 503 (default: {count})",
        "option.server.max.connections.per.address":
            "Connections served at once from one address (default: {count}); more get 503. Counted on the TCP peer when the connection is accepted: the --trusted-proxy address is not capped (its clients' addresses are only known from X-Forwarded-For, after the request head), so the proxy must limit them itself",
        "option.server.max.body": "Largest push body (default: {size})",
        "option.server.max.file": "Largest file in the store (default: {size})",
        "option.server.max.chunk": "Largest upload piece per PATCH (default: {size})",
        "option.server.upload.expiry": "Unfinished uploads idle this long are dropped (default: {hours})",
        "option.server.daily.write.limit":
            "Bytes one user may send per day: pushes and upload pieces (default: {size}; 0: no limit; admins have none). The budget refills steadily over the day; a user past it gets 429 with Retry-After, and what was sent is kept",
        "option.server.disk.reserve":
            "Bytes kept free on the data directory's disk (default: {size}; 0: none): pushes and uploads that would go below get 507, and reading still works",
        "option.server.trusted.proxy":
            "The reverse proxy (nginx) in front: only requests from this address have their X-Forwarded-For believed (for the audit log)",
        "option.server.log.level": "debug, info, warning or error (default: info)",
        "option.server.expires":
            "The token stops working after a duration (90d, 12w, 24h) or after a date (2027-03-31, Japan time); default: never",
        "option.server.keep":
            "Treat DIR as the directory of backups: back up into DIR/renkei-YYYYMMDD-HHMMSS and keep only the N newest",
        "option.server.log.file":
            "Append the log to FILE (mode 0640) instead of standard error; SIGHUP reopens it (for logrotate)",
        "option.server.upstream": "The upstream server (http://HOST:PORT; for TLS, a local TLS proxy)",
        "option.server.token.file":
            "The token the upstream issued for this server (readable by its owner only), e.g. for a user added there with --role admin",
        "option.server.role": "staff, advisor or admin",
        "option.server.scope": "The municipality of a staff user",
        "option.server.user": "Only this user's entries or tokens",
        "option.server.since": "Audit entries from that day (UTC) on",
        "option.server.csv": "Audit entries as CSV (UTF-8, for Excel)",
        "option.server.base": "The server's address as the browser reaches it (default: {url})",
        "option.server.force": "Replace a data directory that holds data (it is kept beside it as DIR.replaced-…)",
        "option.server.retention.days":
            "Keep unreferenced files younger than N days (default: {days}): a file is uploaded moments before the document naming it is pushed",
        "option.server.apply": "Really delete (gc); without it nothing is removed",
        "option.server.quarantine":
            "Move damaged files out of the store into damaged/ of the data directory (verify-blobs): the next upload of the same file then stores it again",
        "option.server.format": "xlsx (default, one sheet per table item), csv, json, md or docx",
        "server.init.result":
            "Data directory: {data}\nDatabase:       {database}\nServer replica: {replica}\nSequence:       {sequence}",
        "server.status.result":
            "Data directory:     {data}\nServer replica:     {replica}\nRegisters:          {registers}\nCurrent versions:   {versions}\nSuperseded versions: {superseded}\nOpen conflicts:     {conflicts}\nServer sequence:    {sequence}",
        "server.data.file.store.unopenable": "cannot open the file store at {path}: {error}",
        "server.data.is.file": "{path} is a file, not a data directory",
        "server.data.missing": "no data directory at {path}: run `renkei-server init --data {path}`",
        "server.data.no.database": "no database in {path}: run `renkei-server init --data {path}`",
        "serve.listen.expects.bracketed": "--listen expects HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080",
        "serve.listen.expects": "--listen expects HOST:PORT, e.g. 127.0.0.1:8080",
        "serve.listen.port": "--listen expects HOST:PORT with a port from 0 to 65535 (0 picks a free port)",
        "serve.log.file.unopenable": "cannot open the log file {path}: {reason}",
        "serve.trusted.proxy.invalid": "--trusted-proxy takes the proxy's IP address without a port, e.g. 127.0.0.1",
        "serve.log.level.invalid": "--log-level must be debug, info, warning or error",
        "serve.positive.integer": "{option} must be a positive whole number",
        "serve.byte.count": "{option} must be a whole number of bytes (0 turns it off)",
        "serve.already.serving": "another renkei-server is serving {path}",
        "serve.cannot.listen": "cannot listen on {address}: {error}",
        "federate.missing.upstream": "missing --upstream URL",
        "federate.missing.token.file": "missing --token-file FILE (the token the upstream server issued for this one)",
        "federate.upstream.not.http":
            "--upstream must be an http:// URL (got {url}); for TLS, run a local TLS proxy (nginx stream, stunnel) and give its address",
        "federate.upstream.failed": "upstream {upstream}: {error}",
        "federate.not.cached": "{error}: run `renkei-server admin verify-blobs`",
        "federate.restarted": "The upstream server was restored from a backup: sending everything again.",
        "federate.nothing.new": "Nothing new for {upstream}: it has every version up to sequence {sequence}.",
        "federate.sent":
            "Sent {versions} version(s) in {batches} batch(es){files} to {upstream} in {seconds} s{replayed}. It has everything up to sequence {sequence} of this server.",
        "federate.sent.files": ", {count} file(s) ({size})",
        "federate.sent.replayed": "; {count} batch(es) it had already applied",
        "federate.refused": "warning: the upstream refused {record} ({code}): {message}",
        "admin.municipality.registered": "Registered {count} municipalities ({new} new).",
        "admin.municipality.unreadable": "cannot read {path}",
        "admin.municipality.no.header": "{path}: the first line must name the columns code and name_ja",
        "admin.municipality.too.few.fields": "too few fields",
        "admin.municipality.name.empty": "the name is empty",
        "admin.municipality.rejected": "{path}: nothing was registered:\n  {problems}",
        "admin.municipality.none": "{path} lists no municipality",
        "admin.user.role.invalid": "--role must be staff, advisor or admin",
        "admin.user.scope.missing": "staff belong to a municipality: --scope CODE",
        "admin.user.scope.unexpected": "only staff have a --scope (advisors and admins read every municipality)",
        "admin.user.added": "Added {name} ({grant}). Issue a token with `renkei-server admin token issue {name}`.",
        "admin.user.disabled": "Disabled {name}: every token of {name} is refused from now on.",
        "admin.user.enabled": "Enabled {name}.",
        "admin.user.list.disabled": "[disabled]",
        "admin.user.entry.allowed": "{name} may now enter and submit survey answers for {place}.",
        "admin.user.entry.already": "{name} could already enter answers for {place}.",
        "admin.user.entry.withdrawn": "{name} no longer enters answers for {place}.",
        "admin.user.entry.not.allowed": "{name} was not allowed to enter answers for {place}; nothing changed.",
        "admin.user.name.invalid": "user names are 1-64 letters, digits, '.', '_', '-' or '@'",
        "dashboard.link.no.user": "no enabled user named {name}",
        "dashboard.link.not.for.staff": "the dashboard is for admins and the advisor; {name} is {grant}",
        "dashboard.link.open.soon": "Open it within 10 minutes; it works once.",
        "token.no.user": "no user named {name}",
        "token.user.disabled": "{name} is disabled: enable the user first",
        "token.issued":
            "Token {id} for {name} ({grant}){until}. It is shown only this once: hand it over safely; the user runs `renkei login --server URL --token -` and pastes it (or `--token-file FILE`).",
        "token.issued.until": ", valid until {time} JST",
        "token.expires.too.far": "--expires: at most 100 years",
        "token.expires.invalid": "--expires takes a duration (90d, 12w, 24h) or a date (2027-03-31)",
        "token.expires.passed": "--expires: {day} has already passed",
        "token.revoke.which": "give a token id or --user USER",
        "token.revoke.no.id": "no live token with id {id}",
        "token.revoke.no.user": "no live token of {user}",
        "token.revoked": "Revoked {count} token(s); refused from the next request on.",
        "token.list.issued": "issued {time}",
        "token.list.revoked": "revoked {time}",
        "token.list.expires": "expires {time}",
        "token.list.expired": "expired {time}",
        "token.list.last.used": "last used {time}",
        "token.list.never.used": "never used",
        "admin.audit.intact":
            "The audit log is intact: {entries} entries, head hash {head}.\nKeep the head hash somewhere else (a signed mail, paper): it proves later that nothing up to here was rewritten.",
        "admin.audit.tampered": "the audit log was tampered with at entry {sequence}: {reason}",
        "admin.audit.json.or.csv": "choose --json or --csv",
        "admin.audit.since.invalid": "--since takes a date: YYYY-MM-DD",
        "admin.audit.none": "No audit entries.",
        "backup.keep.invalid": "--keep is how many backups to keep, 1 to 1000",
        "backup.target.not.empty": "{path} is not empty: back up into a new directory",
        "backup.done":
            "Backed up {data} to {target}: database at sequence {sequence}, {files} file(s), {bytes} bytes, in {seconds} s.",
        "backup.pruned": "Removed {count} older backup(s), keeping the {keep} newest: {names}.",
        "backup.cannot.lock": "cannot lock {path}",
        "backup.restore.not.backup": "{path} holds no renkei.sqlite: not a backup",
        "backup.restore.serving": "a renkei-server is serving {path}: stop it first",
        "backup.restore.holds.data": "{path} holds data: add --force to replace it (it is kept as {name}.replaced-…)",
        "backup.restore.database.damaged": "the backup's database is damaged: {problems}",
        "backup.restore.file.damaged": "the backup's file {hash} is damaged; nothing was restored",
        "backup.restore.kept": "The data that was there is kept in {path}.",
        "backup.restore.done":
            "Restored {source} into {data} (sequence {sequence}). Replicas that synced after this backup send their own changes again at their next sync.",
        "backup.restore.audit.unreadable":
            "Audit log: the replaced database's log could not be read ({error}); it stays in {path}. The restore is entry {entry}; numbers may repeat ones that log used.",
        "backup.restore.audit.entry": "Audit log: the restore is entry {entry}.",
        "backup.restore.audit.continued":
            "Audit log: the replaced log ended at entry {last} (hash {hash}); the restore is entry {entry}.",
        "backup.restore.audit.carried":
            "Entries {first}-{last}, written after the backup, were carried over unchanged.",
        "backup.restore.audit.diverged":
            "The backup's log differs from the replaced one from entry {diverged} on (a backup of another history): entries {diverged}-{last} of the replaced log are only in {path}.",
        "backup.restore.audit.skipped": "Numbers {first}-{last} are not used again.",
        "admin.verify.blobs.progress": "Checking {done} of {total}…",
        "admin.verify.blobs.checked": "Checked {count} file(s), {bytes} bytes.",
        "admin.verify.blobs.damaged": "DAMAGED {hash} (documents of: {scopes})",
        "admin.verify.blobs.missing": "MISSING {hash} (documents of: {scopes})",
        "admin.verify.blobs.no.owner": "none",
        "admin.verify.blobs.intact": "Every file is intact and every document's file is here.",
        "admin.verify.blobs.failed":
            "{damaged} damaged and {missing} missing file(s): restore them from a backup, or (damaged files moved aside with --quarantine first) ask the offices named to put the documents again",
        "admin.verify.blobs.quarantined": "moved to {path}; the next upload of this file stores it again",
        "admin.gc.days.invalid": "--retention-days must be a whole number of days (0 or more)",
        "admin.gc.removed.file": "removed {hash}  {size} bytes",
        "admin.gc.would.remove.file": "would remove {hash}  {size} bytes",
        "admin.gc.removed": "Removed {count} unreferenced file(s) older than {days} day(s), {bytes} bytes.",
        "admin.gc.would.remove": "Would remove {count} unreferenced file(s) older than {days} day(s), {bytes} bytes.",
        "admin.gc.apply.hint": " Run again with --apply to delete them.",
        "admin.export.format.invalid": "--format must be {formats}",
        "admin.export.encoding.invalid": "--encoding must be utf-8 or cp932",
        "admin.export.not.for.terminal": "an {format} file is not for the terminal: give -o FILE.{extension}",
        "admin.export.survey.invalid": "the stored survey {survey} is not valid: {error}",
        "admin.export.survey.missing": "no survey {survey} on this server",
    ]
}
