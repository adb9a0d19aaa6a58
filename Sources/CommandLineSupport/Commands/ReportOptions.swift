/// The options of the report commands both executables have, `renkei report survey` and
/// `renkei-server admin export survey` (which write the same tables), declared once. `--format`
/// is each executable's own: its default differs (xlsx on the server, csv or md in the client).
public enum ReportOptions {
    public static let output = CommandOption.value(
        "--output", "FILE", short: "-o",
        """
        Write here. For csv, table items go to FILE-<item>.csv beside it; without -o csv and md print the main \
        table on standard output (xlsx only when it is not a terminal)
        """)
    public static let encoding = CommandOption.value(
        "--encoding", "E",
        """
        For csv: utf-8 (default, with BOM: Excel opens it on a double click) or cp932 (fails, naming the \
        character, if the text cannot be held)
        """)
}
