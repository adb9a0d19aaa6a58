/// Text anyone wrote (hearing answers, FAQ questions, survey answers and labels) made safe to
/// put in a Markdown report: it renders as the same literal text in any CommonMark or GitHub
/// renderer, and cannot add HTML, links, images, emphasis, code or table cells.
///
/// The output is for inline positions only (a table cell, after `# `, `### Q. ` or `A. `):
/// line breaks become `<br>`, so the text never starts a line of its own and block syntax
/// (lists, quotes, fences) cannot begin inside it. Ordinary Japanese text comes out unchanged.
enum MarkdownText {
    /// Escapes, by Unicode scalar (a combining mark cannot hide a `<` or `[` from the escaping):
    /// - `<` `>` `&` as HTML entities (no tag, comment or autolink such as `<javascript:…>`);
    /// - `\` `` ` `` `*` `~` `[` `]` `|` `#` `$` with a backslash (no code span, emphasis,
    ///   strikethrough, link or image, table cell, heading close or math);
    /// - `_` with a backslash unless both neighbours are letters or digits (`vendor_name`
    ///   stays readable: an underscore inside a word cannot start or end emphasis);
    /// - `(` right after `]` too, so `[x](javascript:alert(1))` keeps no `](` at all;
    /// - CR LF, LF and CR as `<br>`.
    static func escaped(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let previous = index > 0 ? scalars[index - 1] : nil
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            index += 1
            switch scalar {
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "\r", "\n":
                out.append(contentsOf: "<br>".unicodeScalars)
                if scalar == "\r", next == "\n" { index += 1 }
            case "\\", "`", "*", "~", "[", "]", "|", "#", "$":
                out.append("\\")
                out.append(scalar)
            case "_" where !(isWordScalar(previous) && isWordScalar(next)):
                out.append("\\")
                out.append(scalar)
            case "(" where previous == "]":
                out.append("\\")
                out.append(scalar)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// A letter or digit of any script (Unicode Alphabetic or numeric, so neither punctuation
    /// nor space): an `_` between two of them can neither open nor close emphasis.
    static func isWordScalar(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// A Markdown table: the header row, the separator and one line per row, every cell escaped.
    static func table(_ columns: [String], _ rows: [[String]]) -> String {
        var out = "| " + columns.map(escaped).joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " --- |", count: columns.count) + "\n"
        for row in rows { out += "| " + row.map(escaped).joined(separator: " | ") + " |\n" }
        return out
    }
}
