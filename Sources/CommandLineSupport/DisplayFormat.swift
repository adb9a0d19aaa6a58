import Foundation

/// How sizes and times are shown to people, the same in every command and page.
public enum DisplayFormat {
    /// `1.07 GB`, `45.2 MB`, `812 KB`, `12 B` (decimal units, as file managers show them).
    public static func bytes(_ count: Int64) -> String {
        let value = Double(count)
        if value >= 1e9 { return String(format: "%.2f GB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.1f MB", value / 1e6) }
        if value >= 1e3 { return String(format: "%.0f KB", value / 1e3) }
        return "\(count) B"
    }

    /// `2026-11-23 14:02` in Japan time (the programme's), from Unix milliseconds.
    public static func japanTime(_ milliseconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
