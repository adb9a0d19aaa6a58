/// Count, total, mean, least and greatest of whole-number answers, computed without trapping
/// whatever the answers are: the total is summed in 128 bits (no `Int64` sum of fewer than 2^64
/// answers overflows it), so `9223372036854775807` beside `1` totals `9223372036854775808`.
struct NumberSummary: Sendable, Equatable {
    /// How many answers were summed (at least 1).
    let count: Int
    /// The exact total: `.integer` when it fits in `Int64`, `.bigInteger` otherwise.
    let total: ReportCell
    /// The mean, rounded to one decimal place (`.decimal`).
    let mean: ReportCell
    let minimum: Int64
    let maximum: Int64

    /// Nil for no answers (nothing to summarise).
    init?(_ amounts: [Int64]) {
        guard let first = amounts.first else { return nil }
        count = amounts.count
        minimum = amounts.min() ?? first
        maximum = amounts.max() ?? first
        let sum = amounts.reduce(Int128(0)) { $0 + Int128($1) }
        total = Int64(exactly: sum).map(ReportCell.integer) ?? .bigInteger(sum)
        // For totals that fit in Int64 this is the same Double as `Double(Int64)`: one correct
        // rounding of the same integer.
        mean = .decimal(ReportNumber.oneDecimal(Double(sum) / Double(count)))
    }
}
