import Foundation

extension JSONValue {
    /// The same value with every string and object key in Unicode NFC, so text typed on
    /// different systems (precomposed or decomposed kana and accents) is stored alike.
    public var nfcNormalized: JSONValue {
        switch self {
        case .string(let text): return .string(text.precomposedStringWithCanonicalMapping)
        case .array(let elements): return .array(elements.map(\.nfcNormalized))
        case .object(let members):
            return .object(
                Dictionary(members.map { ($0.key.precomposedStringWithCanonicalMapping, $0.value.nfcNormalized) }) {
                    first, _ in first
                })
        default: return self
        }
    }
}
