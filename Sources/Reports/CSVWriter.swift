/// CSV as Excel in Japan opens it on a double click: RFC 4180 quoting, CRLF line ends, and
/// either UTF-8 with a byte order mark (the default) or CP932 (`TextEncoder.cp932`), which
/// fails loudly on characters it cannot hold instead of writing `?`.
public enum CSVWriter {
    /// The table's text, header first. Fields with `,` `"` CR or LF are quoted; text starting
    /// with one of `formulaStarts` is prefixed with `'` so Excel never runs it as a formula
    /// (numbers keep their sign).
    public static func text(_ table: ReportTable) -> String {
        var lines = [table.columns.map { field($0) }.joined(separator: ",")]
        for row in table.rows {
            lines.append(
                row.map { cell in
                    if case .text(let text) = cell { return field(text) }
                    return field(cell.text, formulaSafe: false)
                }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// First characters that make a spreadsheet read a field as a formula (OWASP CSV injection):
    /// `=`, `+`, `-`, `@`, TAB and CR. Compared as the first Unicode scalar, so a field starting
    /// with CR LF (one `Character`) is caught too.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    static func field(_ text: String, formulaSafe: Bool = true) -> String {
        var value = text
        if formulaSafe, let first = value.unicodeScalars.first, formulaStarts.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
        else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The CSV bytes in `encoding`.
    public static func bytes(_ table: ReportTable, encoding: TextEncoder) throws(EncodingError) -> [UInt8] {
        try encoding.encode(text(table))
    }
}
