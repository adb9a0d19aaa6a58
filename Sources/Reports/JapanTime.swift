import Foundation

/// How a moment is shown to people in reports and on the dashboard: Japan time (the
/// programme's), to the minute, the same on every machine whatever its time zone.
public enum JapanTime {
    /// Unix milliseconds as `2026-11-23 14:02` (Asia/Tokyo); a time outside years 1 to 9999 JST (a
    /// forged `at`, which no calendar shows) as its number of milliseconds.
    public static func text(_ milliseconds: Int64) -> String {
        guard (-62_135_596_800_000...253_402_268_399_999).contains(milliseconds) else { return String(milliseconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// `2026-11-23 14:02 JST`: a moment shown to people outside a document (the terminal, the
    /// browser UI), its zone marked since the PC may be set to another.
    public static func marked(_ milliseconds: Int64) -> String { text(milliseconds) + " JST" }

    /// The day in Japan of Unix milliseconds `milliseconds`, `YYYY-MM-DD`.
    public static func day(_ milliseconds: Int64) -> String { String(text(milliseconds).prefix(10)) }
}
