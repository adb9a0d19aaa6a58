/// How the reports round their figures, in one place: shares as percentages with one decimal,
/// and means and per-inhabitant amounts to one decimal.
enum ReportNumber {
    /// A share (0...1) as a percentage to one decimal (`0.0697…`: `7.0`).
    static func percent(_ share: Double) -> Double { (share * 1000).rounded() / 10 }

    /// `count` of `total` as a percentage to one decimal (`3` of `43`: `7.0`); `total` must not be 0.
    static func percent(_ count: Int, of total: Int) -> Double { percent(Double(count) / Double(total)) }

    /// `value` to one decimal (`316.75`: `316.8`).
    static func oneDecimal(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
