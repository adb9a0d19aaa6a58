extension MessageCatalog {
    /// English messages: Replica (the program overview, the replica's commands, the connection to
    /// the server, progress lines, the options of `renkei`).
    static let englishReplica: [String: String] = [
        // The program
        "client.summary": "A municipality's (or the advisor's) Renkei client",
        "client.overview":
            "Renkei keeps a local replica of your municipality's survey answers, hearing records and documents. Everything works offline.",

        // init
        "init.summary": "Create the local replica for a municipality (or for the advisor)",
        "init.overview":
            "Create the local replica. Each installation gets a new random replica id; a reinstall is a new replica.",
        "init.example.advisor": "(the advisor; set the server later)",
        "init.created": "Created replica {replica} for {scope} in {home}",

        // login
        "login.summary": "Connect to the prefecture's server with your token",
        "login.overview":
            "Connect this replica to the prefecture's server with the token you were given (`renkei-server admin token issue` prints it once). The server is asked who the token belongs to; the token is then stored in the replica's home (file `token`, mode 0600) and sent with every sync. It is never printed.",
        "login.notes":
            "The token is read from standard input or from a file, never from the command line (which is kept in your shell history and shown to other users by `ps`).",
        "login.example.paste": "(then paste it)",
        "login.failed": "{error} ({server}); nothing was stored",
        "login.scope.mismatch":
            "this replica works for {replica}, but the token is for staff of {token}; nothing was stored",
        "login.grant.scoped": "{role} of {scope}",
        "login.done": "Logged in to {server} as {user} ({grant}). Run `renkei sync` next.",

        // sync
        "sync.summary": "Send local changes to the server and receive everyone else's",
        "sync.overview":
            "Send local changes to the server, then receive everyone else's. Files of new documents are uploaded first (an interrupted upload resumes where it stopped). Safe to interrupt at any point: the next sync resumes without losing or repeating anything. Network failures are retried (4 times, waiting 0.5 to 4 s); after that the command stops with exit status 69 and your changes stay queued for the next sync.",
        "sync.notes":
            "On a terminal, progress lines show files uploaded (bytes, rate, time left) and changes sent and received. Documents' files are downloaded when needed: `renkei docs get`. To keep a replica current without anyone remembering, leave `renkei sync --every 10m` running, or have the PC run `renkei sync` on a schedule (Windows Task Scheduler, a systemd timer or cron: README, \"Keeping a replica current\").",
        "sync.every.invalid": "--every takes an interval such as 10m, 1h or 30s (at most 24h)",
        "sync.failed": "{error} ({server}).",
        "sync.failed.kept": "{error} ({server}). {count} local change(s) are kept and will be sent at the next sync.",
        "sync.transfer.failed": "{error}. Nothing was pushed; local changes are kept.",
        "sync.transfer.not.cached": "{error} (run `renkei docs verify`). Nothing was pushed; local changes are kept.",
        "sync.requeued":
            "The server was restored from a backup: {count} of your change(s) were sent again so that none is lost.",
        "sync.done": "Sent {sent} of {pending} change(s), received {pulled} ({accepted} new).",
        "sync.done.files":
            "Sent {sent} of {pending} change(s) and {files} file(s), received {pulled} ({accepted} new).",
        "sync.rejected":
            "{count} 件の変更を送れず、取り分けました（他の変更は送信済み）。理由は `renkei rejected` で確認できます。\n{count} change(s) could not be sent and were set aside (the rest was sent): see `renkei rejected` for why, then fix and retry, or drop them.",
        "sync.conflicts": "{count} field(s) have conflicting versions: see `renkei get` and write the right value.",
        "sync.rewound":
            "このPCの控え（replica）は、以前のコピー（バックアップからの復元、システムの復元、プロファイルのコピーなど）に戻っていました。サーバーにある、その後の変更をすべて受け取り、新しいレプリカID {short}… で続けます。失われた変更はありません。\nThis replica had been restored from an older copy of itself: it received everything the server holds (its own later changes included) and continues as replica {replica} (was {previous}). Nothing was lost.",
        "sync.rewound.restamped":
            "復元後に入力した {count} 件の変更も送信しました。 / The {count} change(s) made since the restore were sent as well.",
        "sync.rewound.conflicts":
            "{count} 件の項目は、復元前と復元後の両方で変更されていたため競合として残しました。`renkei conflicts` で確認し、正しい値を選んでください。 / {count} field(s) were changed both before and after the restore: see `renkei conflicts` and keep the right value.",
        "sync.every.start": "Syncing every {interval}; Ctrl-C stops after the round under way.",
        "sync.every.failed": "{message} (the next round follows in {interval})",
        "sync.every.stopped": "Stopped.",
        "sync.interval.hours": "{count} h",
        "sync.interval.minutes": "{count} min",
        "sync.interval.seconds": "{count} s",

        // put, get
        "put.summary": "Write one field of one record",
        "put.overview":
            "Write one field of one record. The value is JSON: 12, \"はい\", true, null (null deletes the field). The write supersedes every version of the field this replica has seen, so writing a field that has a conflict resolves it.",
        "put.notes":
            "ARGUMENTS:\n  <collection>   e.g. answers, hearings, hearing-items, documents, surveys\n  <record>       the record id, e.g. osaka-dx-2025/271004/A05\n  <field>        the field name, e.g. value\n  <json>         the new value as JSON (put `--` before a value starting with --)",
        "put.value.not.json": "the value is not JSON ({error}); text needs quotes, e.g. '\"はい\"'",
        "put.done": "Wrote {key} = {value} ({vector})",
        "get.summary": "Show one field, with every version if there is a conflict",
        "get.overview":
            "Show one field. When concurrent edits conflict, every version is shown with who wrote it; write the field again to resolve the conflict.",
        "get.no.value": "{key} has no value",
        "get.conflict": "CONFLICT: {count} concurrent versions of {key}",

        // status
        "status.summary": "Show the replica: pending changes, conflicts, identity",
        "status.overview":
            "Show the local replica: who it is, what waits to be synced, when it last synced, and how many fields have conflicting versions.",
        "status.replica": "Replica:",
        "status.scope.user": "Scope / user:",
        "status.server": "Server:",
        "status.token": "Token:",
        "status.pending": "Pending changes:",
        "status.conflicts": "Conflicts:",
        "status.fields": "Fields:",
        "status.pulled": "Pulled up to:",
        "status.last.sync": "Last sync:",
        "status.server.none": "(not set)",
        "status.token.stored": "stored ({grant})",
        "status.token.none": "none: run `renkei login --server URL --token -`",
        "status.never": "never",

        // dump
        "dump.summary": "Print every register as canonical JSON lines (for scripts and checks)",
        "dump.overview":
            "Print every field of the replica as one canonical JSON line each, in key order. Replicas that hold the same versions print identical bytes (compare with cmp or sha256sum).",

        // conflicts
        "conflicts.summary": "List fields with conflicting versions, or resolve one",
        "conflicts.overview":
            "List the fields that concurrent edits left with more than one version, or resolve one. Resolving writes a version that supersedes every sibling; the next sync carries it to the server and every other replica.",
        "conflicts.resolve.summary": "Keep one of a field's conflicting versions, or write a new value",
        "conflicts.resolve.overview":
            "Resolve a conflict: write a version that supersedes every sibling; the next sync carries it to the server and every other replica.",
        "conflicts.resolve.notes":
            "ARGUMENTS:\n  <key>          The field as `conflicts` prints it: collection/record#field",
        "conflicts.key.invalid":
            "a key looks like collection/record#field, e.g. answers/osaka-dx-2025/271004/A05#value",
        "conflicts.none": "No conflicts.",
        "conflicts.entry": "{key}  ({count} versions)",
        "conflicts.version": "  [{number}] {value}   by {user} on {replica} at {time}",
        "conflicts.deleted": "(deleted)",
        "conflicts.hint": "\nResolve with: renkei conflicts resolve <key> --pick N   (or --value JSON)",
        "conflicts.pick.invalid": "--pick needs a version number from the list (1, 2, …)",
        "conflicts.choice": "give exactly one of --pick N or --value JSON",
        "conflicts.no.conflict": "{key} has no conflict to resolve",
        "conflicts.pick.range": "{key} has {count} versions; pick 1 to {count}",
        "conflicts.resolved": "Resolved {key} = {value}; it reaches everyone at the next sync.",

        // rejected
        "rejected.summary": "Changes the server refused: see why, retry after a fix, or drop them",
        "rejected.overview":
            "Changes the server refused for good, with its reason (サーバーが受け付けなかった変更). A refused change never holds up the others: it is set aside here until you retry it after fixing the cause, or drop it. Writing the same field again also replaces it.",
        "rejected.example.list": "(what was refused, and why)",
        "rejected.retry.summary": "Send a rejected change again at the next sync, after fixing the cause",
        "rejected.retry.example": "(after the advisor reopened the survey)",
        "rejected.drop.summary": "Forget a rejected change; the field shows what it held before it",
        "rejected.drop.example": "(forget it; the field shows the server's value again)",
        "rejected.id.notes": "ARGUMENTS:\n  <id>           The number in the first column of the list",
        "rejected.none": "サーバーに拒否された変更はありません。 / No change was refused by the server.",
        "rejected.hint": "\nrenkei rejected retry <id> (after a fix)  |  renkei rejected drop <id> (forget it)",
        "rejected.unknown": "no rejected change {id}: see `renkei rejected`",
        "rejected.retried": "{count} change(s) will be sent again at the next `renkei sync`.",
        "rejected.dropped": "Dropped change {id}; the field shows what it held before it.",
        "rejected.id.invalid": "<id> is the number shown by `renkei rejected`",

        // The replica's home, records and writes
        "replica.home.empty": "--home needs a directory (an empty path would use the current directory)",
        "replica.cache.failed": "cannot open the file cache in {path}: {error}",
        "replica.warning": "Warning: {message}",
        "replica.missing": "no replica in {path}: run `renkei init --scope CODE --user NAME` first",
        "replica.exists":
            "a replica already exists in {path}; its data would be lost, so it is kept (`renkei init --force` sets it aside and starts afresh)",
        "replica.no.user": "the replica has no user: run `renkei init` again",
        "replica.record.missing": "no {kind} {id} in this replica",
        "replica.record.conflict": "{value}  [CONFLICT: see renkei conflicts]",
        "replica.noun.hearing": "hearing",
        "replica.noun.hearing.item": "hearing item",
        "replica.noun.inquiry": "inquiry",
        "replica.noun.consultation": "consultation",
        "replica.noun.meeting": "meeting",
        "replica.noun.record": "record of {collection}",
        "replica.write.forbidden":
            "this replica ({grant}) may not write {collection} in scope {scope}; the server would refuse it, so nothing was written",
        "replica.write.refused": "{reason}; nothing was written",
        "replica.write.problem": "{key}: {problem}; nothing was written",
        "replica.write.answer.record":
            "回答のレコードは {form} で、団体コードはスコープ ({scope}) と同じです。\nAn answer's record is {englishForm} with the municipality of its scope ({scope}); nothing was written",
        "replica.write.nothing": "{message}\nNothing was written.",

        // The connection to the server
        "connection.no.server":
            "no server known: run `renkei login --server URL --token -` once (the token is read from standard input)",
        "connection.no.token":
            "no token for {server}: ask the prefecture for one and run `renkei login --server {server} --token -` (then paste it)",
        "connection.server.invalid": "the server must be an http:// or https:// URL, e.g. http://127.0.0.1:8080",
        "connection.token.how.to":
            "give it on standard input with `--token -` (paste it when asked, or `--token - < FILE`) or from a file with `--token-file FILE`",
        "connection.token.missing": "missing --token - (the token on standard input) or --token-file FILE",
        "connection.token.both": "give --token - or --token-file FILE, not both",
        "connection.token.on.command.line":
            "a token on the command line is kept in your shell history and shown to other users by `ps`, so it is not accepted; {howTo}. Nothing was stored.",
        "connection.token.on.command.line.leaked":
            "a token on the command line is kept in your shell history and shown to other users by `ps`, so it is not accepted; {howTo}. Nothing was stored. If that was a real token, it is now in your shell history: ask for a new one and have this one revoked.",
        "connection.token.prompt": "Token (not shown as you type): ",
        "connection.token.invalid": "that is not a Renkei token (rk_ followed by 64 hexadecimal digits)",
        "connection.url.invalid": "invalid server URL {url}",
        "connection.not.http": "the server's answer is not HTTP",
        "connection.no.answer": "no answer",

        // Progress lines
        "progress.step.pushed": "pushed batch {number}",
        "progress.step.pulled": "pulled page {number}",
        "progress.verbose": "{step}: sent {pushed}/{pending}, received {pulled}; local {local} s, network {network} s",
        "progress.line": "  sent {pushed} of {pending}, received {pulled}{more}  ({rate} changes/s)  ",
        "progress.transfer": "{label}  {done} of {total}  {rate}/s",
        "progress.eta": "  ETA {time}",

        // Options of `renkei` (ClientOptions)
        "option.client.home": "Where the replica lives (default: $RENKEI_HOME, else ~/.renkei)",
        "option.client.json": "Print the result as JSON",
        "option.client.init.scope":
            "Your municipality's 6-digit code (e.g. 271004 for Osaka City), or `shared` for the advisor",
        "option.client.user": "Your login name, recorded on every change you make",
        "option.client.init.server": "The prefecture server to sync with (can be set later)",
        "option.client.login.server": "The prefecture server, e.g. https://renkei.pref.osaka.lg.jp",
        "option.client.sync.server": "Server to use (and remember) instead of the one given at init",
        "option.client.token":
            "Read the token (rk_…) from standard input: on a terminal you are asked for it and what you paste is not shown",
        "option.client.token.file": "Read the token from FILE (readable by its owner only: chmod 600)",
        "option.client.proxy":
            "HTTP proxy (default: https_proxy / HTTPS_PROXY / http_proxy / HTTP_PROXY, with no_proxy / NO_PROXY for exceptions)",
        "option.client.verbose": "Print each batch and page with timings (local database / network)",
        "option.client.put.scope": "The record's scope (default: the replica's scope)",
        "option.client.register.json": "Print the register as JSON: an array of versions (canonical form)",
        "option.client.pick": "Keep version N (1-based, as listed) as the value",
        "option.client.value": "Write a new value instead (null deletes the field)",
        "option.client.rejected.json": "Print the list as JSON (one object per change)",
        "option.client.all": "Retry every rejected change",
        "option.client.status": "Publication status: draft, open or closed (default: open)",
        "option.client.on.behalf":
            "Work on the answers of municipality CODE (the advisor, when an admin has allowed it: 代理入力)",
        "option.client.form.output":
            "Where to write the form (default: 回答票_<survey>_<code>.xlsx in the current directory)",
        "option.client.confirm.all": "Confirm every answer still carried over from last year",
        "option.client.comment": "What the municipality should fix (shown to it with the return; required)",
        "option.client.row": "The row of a table item (its id, e.g. r1; a new id adds a row)",
        "option.client.column": "The column of a table item (its id)",
        "option.client.hearing.date": "The day of the hearing",
        "option.client.hearing.place": "Where it was held",
        "option.client.hearing.attendees": "Who attended",
        "option.client.hearing.topics": "What was discussed",
        "option.client.hearing.summary": "What came of it",
        "option.client.hearing.follow.ups": "What is to be done next, by whom",
        "option.client.item.question": "The question asked",
        "option.client.item.answer": "The answer given",
        "option.client.item.category":
            "A category's code or Japanese name, as `renkei hearing categories` lists them (default: {codes})",
        "option.client.municipality":
            "The municipality the hearing is about (the advisor must give it; staff replicas use their own)",
        "option.client.municipality.filter": "Only the hearings with this municipality",
        "option.client.faq": "Flag the item as FAQ: it goes into the FAQ report",
        "option.client.faq.choice": "Flag the item as FAQ, or not",
        "option.client.folder": "Folder in the shared store, e.g. 調査/2026 (created as needed)",
        "option.client.folder.filter": "Only the documents in this folder (and the folders in it)",
        "option.client.name": "Name to store the file under (default: the file's own name)",
        "option.client.document.scope":
            "Who sees it: your municipality's code (default for staff) or `shared` (everyone; the advisor's default)",
        "option.client.scope.filter": "Only the documents of this scope: a municipality's code or `shared`",
        "option.client.note": "A note for the readers",
        "option.client.document.output":
            "Where to write the file (`-` for standard output; default: the document's name, made safe for Windows, in the current directory)",
        "option.client.version":
            "An earlier version, numbered as `docs history` shows them; also picks one side of a conflict. History comes from the server when it can be reached (every version), else from this replica (versions it has seen)",
        "option.client.force": "Overwrite an existing output file",
        "option.client.repair": "Remove damaged cached copies (they are downloaded again when needed)",
        "option.client.every":
            "Keep syncing: a round now, then one every INTERVAL (10m, 1h, 30s) until Ctrl-C; a failed round is retried at the next",
        "option.client.format":
            "csv (default), xlsx (one sheet per table), json, md or docx (Word, one section per table)",
        "option.client.group.by":
            "Add shares per kind of municipality: 政令指定都市, 中核市, その他の市 (施行時特例市 included), 町村",
        "option.client.compare":
            "Add the national 令和5年度 rates beside the shares, for the items the survey links to the national survey",
        "option.client.publish":
            "Share the FAQ with every municipality as the document FAQ/ヒアリングFAQ.docx (scope shared; anonymized), uploaded at the next sync",
        "option.client.anonymize":
            "Name each municipality only by its kind and population band, and each date by its month",
        "option.client.hearing.target": "How many municipalities the programme must hear (default 15)",
        "option.client.hearing.deadline": "By when (default: July 31 of the current fiscal year)",
        "option.client.sheet.format": "md (default), xlsx (to print from Excel), csv, json or docx",
        "option.client.faq.format": "md (default), csv, xlsx (one sheet per table), json or docx (Word)",
        "option.client.monthly.format": "docx (default: the report to hand over), xlsx (its tables), md, json or csv",
        "option.client.document.format":
            "docx (default: a Word document to edit and hand over) or md (to read or mail)",
        "connection.retry": "retry {attempt}/{of}: the server did not answer; trying again in {seconds} s",
        "option.client.init.force":
            "Set an existing replica aside (moved into a replaced-<time> folder, nothing deleted) and create a new one: for a wrong scope or user. The token stays",
        "init.set.aside":
            "The previous replica was moved to {path}.",
        "init.set.aside.unsent":
            "The previous replica was moved to {path}. It holds {count} change(s) never sent, which the new replica does not send (enter them again if they are needed).",
        "option.client.offline":
            "Do not check the token with the server (no network)",
        "status.token.accepted":
            "; the server accepts it ({user})",
        "status.token.refused":
            "; but the server refuses it (revoked, expired or mistyped): ask the prefecture's administrator for a new token and store it with `renkei login --server URL --token -`",
        "status.token.unchecked":
            "; not checked (the server could not be reached)",
        "replica.write.too.large":
            "{key}: the value is larger than {kilobytes} KiB, which the server refuses; nothing was written",
    ]
}
