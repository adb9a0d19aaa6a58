/// The fields of an HTML form as a browser sends them: `application/x-www-form-urlencoded`
/// (WHATWG URL standard, "application/x-www-form-urlencoded parsing"): `name=value` pairs
/// joined by `&`, `+` for a space, `%XX` for any byte; names may repeat (checkboxes).
public struct HTTPFormBody: Sendable, Equatable {
    /// The fields in the order sent.
    public let fields: [(name: String, value: String)]
    /// The values of each name, in order (so that a lookup does not scan every field).
    private let byName: [String: [String]]

    /// Why a body is not a form.
    public enum Failure: Error, Equatable {
        /// More fields than `maxFields`.
        case tooManyFields
        /// A `%` not followed by two hex digits, or bytes that are not UTF-8.
        case malformed
    }

    /// At most this many fields are read.
    public static let maxFields = 10_000

    /// Reads `bytes` (a request body or a query string without `?`).
    public init(_ bytes: some Collection<UInt8>) throws(Failure) {
        var fields: [(name: String, value: String)] = []
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            guard fields.count < Self.maxFields else { throw .tooManyFields }
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            fields.append((name, value))
        }
        self.fields = fields
        byName = Dictionary(grouping: fields, by: \.name).mapValues { $0.map(\.value) }
    }

    /// The first value of `name`, or nil.
    public subscript(name: String) -> String? { byName[name]?.first }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] { byName[name] ?? [] }

    /// Percent-decoding with `+` as a space; nil-free: malformed input throws.
    static func decode(_ bytes: some Collection<UInt8>) throws(Failure) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                output.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw .malformed
                }
                output.append(high << 4 | low)
            default:
                output.append(byte)
            }
        }
        guard let text = String(validating: output, as: UTF8.self) else { throw .malformed }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    public static func == (lhs: HTTPFormBody, rhs: HTTPFormBody) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}
