import CommandLineSupport

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
    static let expires = CommandOption.value(
        "--expires", "WHEN",
        "The token stops working after a duration (90d, 12w, 24h) or after a date (2027-03-31, Japan time); default: never"
    )
    static let keep = CommandOption.value(
        "--keep", "N",
        "Treat DIR as the directory of backups: back up into DIR/renkei-YYYYMMDD-HHMMSS and keep only the N newest")
    static let logFile = CommandOption.value(
        "--log-file", "FILE",
        "Append the log to FILE (mode 0640) instead of standard error; SIGHUP reopens it (for logrotate)")

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
        "--format", "F", "xlsx (default, one sheet per table item), csv, json, md or docx")

    /// `8388608 = 8 MiB`: a default size as it is typed and as people read it.
    private static func inBinaryUnits(_ bytes: Int64) -> String {
        let units = [(Int64(1) << 30, "GiB"), (Int64(1) << 20, "MiB"), (Int64(1) << 10, "KiB")]
        guard let (size, unit) = units.first(where: { bytes >= $0.0 && bytes % $0.0 == 0 }) else { return "\(bytes)" }
        return "\(bytes) = \(bytes / size) \(unit)"
    }
}
