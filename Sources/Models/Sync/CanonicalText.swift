import Foundation

/// Identifiers in one Unicode form (NFC), so that two ids are the same id exactly when their
/// bytes are.
///
/// Swift's `==` on `String` (and `Hashable`) treats canonically equivalent text as equal —
/// `デ` written as one scalar (U+30C7) or as `テ` + U+3099, `K` or the Kelvin sign U+212A — while
/// SQLite, the files and every other program compare bytes. A survey id in both forms was one
/// survey to the server's checks and two to its store: an outside review answered a submitted
/// survey and a closed one through the decomposed twin of the id. The server therefore takes
/// record ids and fields only in NFC (`PushAuthority`), where canonical equality and byte
/// equality are the same.
public enum CanonicalText {
    /// Whether `text` is in NFC. Text of ASCII, CJK ideographs, kana and CJK punctuation (what
    /// Japanese ids are written in) is decided from its scalars alone; other text is compared
    /// with its NFC form.
    public static func isNFC(_ text: String) -> Bool {
        if text.unicodeScalars.allSatisfy(isStableScalar) { return true }
        return text.precomposedStringWithCanonicalMapping.utf8.elementsEqual(text.utf8)
    }

    /// Scalars that are their own NFC form and never combine with a neighbour (NFC_Quick_Check
    /// Yes, canonical combining class 0, not the second part of a composition).
    private static func isStableScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x7F: return true  // ASCII
        // CJK symbols and punctuation (。、「」 and the like), not the tone marks U+302A-302F,
        // which are combining marks (their order within a run is canonical).
        case 0x3000...0x3029, 0x3030...0x303F: return true
        case 0x3041...0x3096: return true  // hiragana (not the combining sound marks U+3099-309A)
        case 0x30A1...0x30FF: return true  // katakana, ・ and ー
        case 0x4E00...0x9FFF: return true  // CJK unified ideographs (not the compatibility ones)
        case 0xFF01...0xFF9F: return true  // full-width ASCII and half-width katakana
        default: return false
        }
    }
}
