/// Japanese fiscal years (April to March), shown as 和暦 with the Western year:
/// 2025 -> 令和7年度（2025年度）.
public enum FiscalYear {
    /// The label for the fiscal year starting in April of `year`.
    public static func label(_ year: Int) -> String {
        switch year {
        case 2019...: return "令和\(year == 2019 ? "元" : String(year - 2018))年度（\(year)年度）"
        case 1989...2018: return "平成\(year == 1989 ? "元" : String(year - 1988))年度（\(year)年度）"
        default: return "\(year)年度"
        }
    }

    /// The fiscal year (starting in April) of a date `YYYY-MM-DD` or month `YYYY-MM`; nil when it
    /// is neither.
    public static func containing(_ date: String) -> Int? {
        let parts = date.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count >= 2, (1...12).contains(parts[1]) else { return nil }
        return parts[1] >= 4 ? parts[0] : parts[0] - 1
    }
}
