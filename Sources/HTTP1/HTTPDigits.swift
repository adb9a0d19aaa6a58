/// A number in an HTTP field, written as RFC 9110's `1*DIGIT`: ASCII digits only, no sign, no
/// space (Swift's `Int64("+5")` and `Int64("-0")` take what HTTP does not).
public enum HTTPDigits {
    /// The value of `text`; nil when it is empty or holds anything but the digits 0-9. Digits
    /// beyond what `Int64` holds give `Int64.max`: still a number, larger than any size.
    public static func value(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int64(text) ?? .max
    }
}
