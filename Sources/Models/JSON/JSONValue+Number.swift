extension JSONValue {
    /// The value as a number when it is one (an integer, or a finite fraction); nil otherwise.
    public var finiteNumber: Double? {
        switch self {
        case .integer(let whole): return Double(whole)
        case .double(let fraction) where fraction.isFinite: return fraction
        default: return nil
        }
    }

    /// `12.5`; a whole number without `.0` (`3`) when it fits in `Int64`, otherwise as Swift
    /// writes it (`1e+300`, `nan`): how answers' numbers are written for people.
    public static func plainText(_ number: Double) -> String {
        if number == number.rounded(), let whole = Int64(exactly: number) { return String(whole) }
        return String(number)
    }
}
