import CommandLineSupport
import Localization
import Models

/// `renkei-server`'s commands, declared once: what each is for, how it is called, the options it
/// reads, notes and examples. The table drives dispatch, `--help` for every verb, `help VERB`,
/// usage errors and "did you mean"; each body reads its own options and positionals.
enum ServerCommands {
    static let table = CommandTable(
        program: "renkei-server", version: RenkeiVersion.current,
        root: Command(
            "renkei-server", summary: localized("server.summary"),
            overview: localized("server.overview"),
            usage: ["<subcommand> [options]"],
            examples: [
                "init --data /srv/renkei",
                "admin municipality import Examples/data/osaka_municipalities.csv --data /srv/renkei",
                "serve --data /srv/renkei --listen 127.0.0.1:8080",
            ],
            verbs: [serve, initialise, status, admin, federate]))

    // MARK: - serve, init, status, federate

    static let serve = Command(
        "serve", summary: localized("serve.summary"),
        overview: localized("serve.overview"),
        usage: [
            """
            serve [--data DIR] [--listen HOST:PORT] [--max-connections N] [--max-connections-per-address N] \
            [--max-body BYTES] [--max-file BYTES] [--max-chunk BYTES] [--upload-expiry HOURS] \
            [--daily-write-limit BYTES] [--disk-reserve BYTES] \
            [--trusted-proxy ADDRESS] [--log-level LEVEL] [--log-file FILE]
            """
        ],
        options: [
            ServerOptions.data, ServerOptions.listen, ServerOptions.maxConnections,
            ServerOptions.maxConnectionsPerAddress, ServerOptions.maxBody, ServerOptions.maxFile,
            ServerOptions.maxChunk, ServerOptions.uploadExpiry, ServerOptions.dailyWriteLimit,
            ServerOptions.diskReserve, ServerOptions.trustedProxy, ServerOptions.logLevel, ServerOptions.logFile,
        ],
        notes: localized("serve.notes"),
        examples: ["serve --data /srv/renkei --listen 127.0.0.1:8080 --trusted-proxy 127.0.0.1"],
        run: { try ServeCommand($0).run() })

    /// `init` (a keyword in Swift).
    static let initialise = Command(
        "init", summary: localized("server.init.summary"),
        overview: localized("server.init.overview"),
        usage: ["init [--data DIR] [--json]"], options: [ServerOptions.data, ServerOptions.json],
        examples: ["init --data /srv/renkei"],
        run: { try InitCommand($0).run() })

    static let status = Command(
        "status", summary: localized("server.status.summary"),
        overview: localized("server.status.overview"),
        usage: ["status [--data DIR] [--json]"], options: [ServerOptions.data, ServerOptions.json],
        examples: ["status --data /srv/renkei --json"],
        run: { try StatusCommand($0).run() })

    static let federate = Command(
        "federate", summary: localized("federate.summary"),
        overview: localized("federate.overview"),
        usage: ["federate --upstream URL --token-file FILE [--data DIR] [--json]"],
        options: [ServerOptions.upstream, ServerOptions.tokenFile, ServerOptions.data, ServerOptions.json],
        examples: ["federate --upstream http://national.example:8080 --token-file /etc/renkei/uplink-token"],
        run: { try FederateCommand($0).run() })
}
