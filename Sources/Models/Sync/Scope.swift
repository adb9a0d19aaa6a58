/// Who a record belongs to: one municipality, or everyone (`shared`).
///
/// Read and write permissions are granted per scope. Written as `"shared"` or the six-digit code.
public enum Scope: Hashable, Comparable, Sendable, CustomStringConvertible {
    case shared
    case municipality(MunicipalityCode)

    /// Parses `"shared"` or a municipality code.
    ///
    /// - Throws: `ModelError.invalidScope`, or `invalidMunicipalityCode` when it looks like a
    ///   code but its check digit is wrong.
    public init(validating text: String) throws(ModelError) {
        if text == "shared" {
            self = .shared
            return
        }
        guard text.utf8.count == 6, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw .invalidScope(text)
        }
        self = .municipality(try MunicipalityCode(validating: text))
    }

    public var description: String {
        switch self {
        case .shared: return "shared"
        case .municipality(let code): return code.rawValue
        }
    }
}
