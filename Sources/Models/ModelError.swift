import Localization

/// Everything that can be wrong with protocol data: identifiers, keys, JSON and wire messages.
///
/// Each case names what a reader needs to act: the offending field (as a path such as
/// `changes[2].vector`) or the byte offset in a JSON document.
public enum ModelError: Error, Hashable, Sendable {
    /// A replica identifier that is not 32 lowercase hexadecimal digits.
    case invalidReplicaID(String)
    /// A municipality code that is not six digits or whose check digit is wrong.
    case invalidMunicipalityCode(String, reason: String)
    /// A scope that is neither `shared` nor a valid municipality code.
    case invalidScope(String)
    /// A collection, record or field name that breaks the naming rules.
    case invalidKey(part: String, value: String, reason: String)
    /// Bytes that are not a JSON document; `offset` counts bytes from the start.
    case malformedJSON(offset: Int, reason: JSONSyntaxProblem)
    /// A JSON document that does not have the shape of the expected message.
    case invalidField(path: String, reason: String)
}

extension ModelError: CustomStringConvertible {
    /// In the language of the process.
    public var description: String { description(in: Language.current) }

    /// The description in `language`. The server's error bodies are English (`.english`); a
    /// `reason` given as text stays as it was written.
    public func description(in language: Language) -> String {
        switch self {
        case .invalidReplicaID(let value):
            return localized("model.invalid.replica.id", ["value": Printable.quoted(value)], in: language)
        case .invalidMunicipalityCode(let value, let reason):
            let values: [String: Any] = ["value": Printable.quoted(value), "reason": reason]
            return localized("model.invalid.municipality.code", values, in: language)
        case .invalidScope(let value):
            return localized("model.invalid.scope", ["value": Printable.quoted(value)], in: language)
        case .invalidKey(let part, let value, let reason):
            let values: [String: Any] = ["part": part, "value": Printable.quoted(value), "reason": reason]
            return localized("model.invalid.key", values, in: language)
        case .malformedJSON(let offset, let reason):
            let values: [String: Any] = ["offset": offset, "reason": reason.text(in: language)]
            return localized("model.malformed.json", values, in: language)
        case .invalidField(let path, let reason):
            return localized("model.invalid.field", ["path": path, "reason": reason], in: language)
        }
    }
}

/// Renders untrusted text for error messages and logs: control characters are escaped and the
/// text is cut to a bounded length, so input can never forge extra lines.
public enum Printable {
    /// The text in double quotes, at most `limit` characters, `"` and `\` escaped, line breaks and
    /// tabs as `\n` `\r` `\t`, other control characters as `\u{..}`.
    public static func quoted(_ text: String, limit: Int = 80) -> String {
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                out += "…"
                break
            }
            count += 1
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // Control characters, and those that reorder or break lines on display (bidi
                // controls, U+2028/2029): shown as escapes so a value cannot disguise a line.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                    || [0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(scalar.value)
                    || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
                {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Text someone else wrote, made safe to show on a terminal or in a report: line feeds and
    /// tabs stay; every other control character (C0 with CR, DEL, C1: what returns the cursor
    /// over a line, clears a screen or retitles a window) and the bidirectional overrides (U+202A-U+202E,
    /// U+2066-U+2069: text that reads backwards) show as `\u{1b}`.
    public static func display(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isHidden(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `display` shows `scalar` escaped.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if scalar == "\n" || scalar == "\t" { return false }
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }
}
