/// What one non-empty cell holds, as the file stores it. Numbers stay text so nothing is lost
/// to floating point; a date typed into Excel is a `number` (a serial day count, see
/// `Workbook.date(fromSerial:uses1904:)`) unless the writer stored it as ISO text (`isoDate`).
public enum CellValue: Hashable, Sendable {
    /// Text: a shared string, an inline string or a formula's text result, exactly as stored
    /// (spaces and line breaks kept; furigana runs left out).
    case text(String)
    /// A number: the `<v>` text exactly, e.g. `1250`, `0.125`, `4.5E-3` (checked to be a
    /// decimal number with an optional exponent).
    case number(String)
    /// TRUE or FALSE.
    case bool(Bool)
    /// An error value shown in the cell, e.g. `#DIV/0!` or `#N/A`.
    case error(String)
    /// A date, time or both as ISO 8601 text (`t="d"` cells), e.g. `2025-04-01T00:00:00`.
    case isoDate(String)
}
