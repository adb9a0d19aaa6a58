import CommandLineSupport
import Localization

/// The options of `renkei-server`'s commands, each declared once: the table checks arguments
/// against them and lists them in help, and the commands read their values through them.
enum ServerOptions {
    static let data = CommandOption.value(
        "--data", "DIR", localized("option.server.data", ["path": ServerDataDirectory.defaultPath]))
    static let json = CommandOption.flag("--json", localized("option.server.json"))

    // serve
    static let listen = CommandOption.value(
        "--listen", "HOST:PORT", localized("option.server.listen"))
    static let maxConnections = CommandOption.value(
        "--max-connections", "N",
        localized("option.server.max.connections", ["count": ServeCommand.defaultMaxConnections]))
    static let maxConnectionsPerAddress = CommandOption.value(
        "--max-connections-per-address", "N",
        localized("option.server.max.connections.per.address", ["count": ServeCommand.defaultMaxConnectionsPerAddress]))
    static let maxBody = CommandOption.value(
        "--max-body", "BYTES", localized("option.server.max.body", ["size": inBinaryUnits(ServeCommand.defaultMaxBody)])
    )
    static let maxFile = CommandOption.value(
        "--max-file", "BYTES", localized("option.server.max.file", ["size": inBinaryUnits(BlobLimits().maxFileBytes)]))
    static let maxChunk = CommandOption.value(
        "--max-chunk", "BYTES",
        localized("option.server.max.chunk", ["size": inBinaryUnits(Int64(BlobLimits().maxChunkBytes))]))
    static let uploadExpiry = CommandOption.value(
        "--upload-expiry", "HOURS",
        localized("option.server.upload.expiry", ["hours": BlobLimits().uploadExpirySeconds / 3600]))
    static let dailyWriteLimit = CommandOption.value(
        "--daily-write-limit", "BYTES",
        localized(
            "option.server.daily.write.limit", ["size": inBinaryUnits(ServeCommand.defaultDailyWriteLimit)]))
    static let diskReserve = CommandOption.value(
        "--disk-reserve", "BYTES",
        localized("option.server.disk.reserve", ["size": inBinaryUnits(ServeCommand.defaultDiskReserve)]))
    static let trustedProxy = CommandOption.value(
        "--trusted-proxy", "ADDRESS",
        localized("option.server.trusted.proxy"))
    static let logLevel = CommandOption.value("--log-level", "LEVEL", localized("option.server.log.level"))
    static let expires = CommandOption.value(
        "--expires", "WHEN",
        localized("option.server.expires"))
    static let keep = CommandOption.value(
        "--keep", "N",
        localized("option.server.keep"))
    static let logFile = CommandOption.value(
        "--log-file", "FILE",
        localized("option.server.log.file"))

    // federate
    static let upstream = CommandOption.value(
        "--upstream", "URL", localized("option.server.upstream"))
    static let tokenFile = CommandOption.value(
        "--token-file", "FILE",
        localized("option.server.token.file"))

    // admin
    static let role = CommandOption.value("--role", "R", localized("option.server.role"))
    static let scope = CommandOption.value("--scope", "CODE", localized("option.server.scope"))
    static let user = CommandOption.value("--user", "USER", localized("option.server.user"))
    static let since = CommandOption.value("--since", "YYYY-MM-DD", localized("option.server.since"))
    static let csv = CommandOption.flag("--csv", localized("option.server.csv"))
    static let base = CommandOption.value(
        "--base", "URL", localized("option.server.base", ["url": AdminCommand.defaultBase]))
    static let force = CommandOption.flag(
        "--force", localized("option.server.force"))
    static let retentionDays = CommandOption.value(
        "--retention-days", "N",
        localized("option.server.retention.days", ["days": AdminCommand.defaultRetentionDays]))
    static let apply = CommandOption.flag("--apply", localized("option.server.apply"))
    static let quarantine = CommandOption.flag("--quarantine", localized("option.server.quarantine"))

    // admin export (-o and --encoding: `ReportOptions`, shared with `renkei report survey`)
    static let format = CommandOption.value(
        "--format", "F", localized("option.server.format"))

    /// `8388608 = 8 MiB`: a default size as it is typed and as people read it.
    private static func inBinaryUnits(_ bytes: Int64) -> String {
        let units = [(Int64(1) << 30, "GiB"), (Int64(1) << 20, "MiB"), (Int64(1) << 10, "KiB")]
        guard let (size, unit) = units.first(where: { bytes >= $0.0 && bytes % $0.0 == 0 }) else { return "\(bytes)" }
        return "\(bytes) = \(bytes / size) \(unit)"
    }
}
