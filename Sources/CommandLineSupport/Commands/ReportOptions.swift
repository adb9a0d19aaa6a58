import Localization

/// The options of the report commands both executables have, `renkei report survey` and
/// `renkei-server admin export survey` (which write the same tables), declared once. `--format`
/// is each executable's own: its default differs (xlsx on the server, csv or md in the client).
public enum ReportOptions {
    public static let output = CommandOption.value(
        "--output", "FILE", short: "-o",
        localized("option.output"))
    public static let encoding = CommandOption.value(
        "--encoding", "E",
        localized("option.encoding"))
}
