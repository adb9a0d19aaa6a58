import Localization

/// A 全国地方公共団体コード: five digits plus a check digit, kept as text (leading zeros matter).
///
/// The check digit is `(11 - (6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5) mod 11) mod 10`; for example
/// Osaka City is `271004` and Sakai City `271403`.
public struct MunicipalityCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The six digits, e.g. `"271004"`.
    public let rawValue: String

    /// Validates length, digits and the check digit.
    ///
    /// - Throws: `ModelError.invalidMunicipalityCode` with the reason.
    public init(validating text: String) throws(ModelError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 6 else {
            throw .invalidMunicipalityCode(text, reason: localized("model.municipality.length", ["count": text.count]))
        }
        var digits: [Int] = []
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                throw .invalidMunicipalityCode(text, reason: localized("model.municipality.digits"))
            }
            digits.append(Int(byte - UInt8(ascii: "0")))
        }
        let expected = Self.checkDigit(digits[0..<5])
        guard digits[5] == expected else {
            throw .invalidMunicipalityCode(
                text, reason: localized("model.municipality.check.digit", ["digit": expected]))
        }
        self.rawValue = text
    }

    /// The check digit for five leading digits.
    public static func checkDigit(_ leading: ArraySlice<Int>) -> Int {
        let weights = [6, 5, 4, 3, 2]
        let sum = zip(leading, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return (11 - sum % 11) % 10
    }

    /// The two-digit prefecture code (Osaka: `27`).
    public var prefectureCode: String { String(rawValue.prefix(2)) }

    public var description: String { rawValue }

    public static func < (lhs: MunicipalityCode, rhs: MunicipalityCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
