import CommandLineSupport
import Models

/// `renkei-server`'s commands, declared once: what each is for, how it is called, the options it
/// reads, notes and examples. The table drives dispatch, `--help` for every verb, `help VERB`,
/// usage errors and "did you mean"; each body reads its own options and positionals.
enum ServerCommands {
    static let table = CommandTable(
        program: "renkei-server", version: RenkeiVersion.current,
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
            [--trusted-proxy ADDRESS] [--log-level LEVEL] [--log-file FILE]
            """
        ],
        options: [
            ServerOptions.data, ServerOptions.listen, ServerOptions.maxConnections,
            ServerOptions.maxConnectionsPerAddress, ServerOptions.maxBody, ServerOptions.maxFile,
            ServerOptions.maxChunk, ServerOptions.uploadExpiry, ServerOptions.trustedProxy, ServerOptions.logLevel,
            ServerOptions.logFile,
        ],
        notes: """
            The first line on standard output is `renkei-server listening on http://HOST:PORT`; logs go to \
            standard error (or --log-file), one logfmt line per event. SIGTERM and SIGINT stop the server after \
            the requests in flight; SIGHUP reopens the log file and never stops it. A systemd unit, timers and a \
            logrotate example are in Examples/systemd and Examples/logrotate.
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
}
