import Foundation
import Models

/// A cell: text (kept as text everywhere, so codes like `027006` keep their zeros), a number,
/// a calendar date, or empty.
///
/// Numbers come from answers nobody vouches for (`1e300`, `-9223372036854775808`), so nothing
/// here traps: a number no format can hold as a number is written as its text instead.
public enum ReportCell: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    /// A number with a fraction or an exponent, as stored (finite when it comes from an answer;
    /// a computed one may not be, and is then shown as `nan` or `inf`).
    case decimal(Double)
    /// A whole number past `Int64` (the total of large answers), exact.
    case bigInteger(Int128)
    /// A calendar date (no time, no zone).
    case date(year: Int, month: Int, day: Int)
    case empty

    /// The cell as CSV, Markdown and JSON show it (`2025-04-01` for dates).
    public var text: String {
        switch self {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .decimal(let number): return Self.text(number)
        case .bigInteger(let number): return String(number)
        case .date(let year, let month, let day): return String(format: "%04d-%02d-%02d", year, month, day)
        case .empty: return ""
        }
    }

    /// `12.5`; a whole number without `.0` (`3`) when it fits in `Int64`, otherwise as Swift
    /// writes it (`1e+300`, `1e-300`, `nan`).
    static func text(_ number: Double) -> String { JSONValue.plainText(number) }

    /// Parses `YYYY-MM-DD` naming a real day (digits only) into a date cell; text otherwise,
    /// unchanged.
    public static func dateOrText(_ text: String) -> ReportCell {
        guard QuestionnaireItem.isISODate(text) else { return .text(text) }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return .text(text) }
        return .date(year: parts[0], month: parts[1], day: parts[2])
    }
}
