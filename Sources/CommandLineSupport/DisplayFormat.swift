import Foundation

/// How sizes are shown to people, the same in every command and page (times: `JapanTime` in
/// Reports).
public enum DisplayFormat {
    /// `1.07 GB`, `45.2 MB`, `812 KB`, `12 B` (decimal units, as file managers show them).
    public static func bytes(_ count: Int64) -> String {
        let value = Double(count)
        if value >= 1e9 { return String(format: "%.2f GB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.1f MB", value / 1e6) }
        if value >= 1e3 { return String(format: "%.0f KB", value / 1e3) }
        return "\(count) B"
    }
}
