/// Wraps text for a terminal by display columns (`DisplayWidth`): English at spaces, Japanese
/// between any two characters except before closing punctuation (`、。）」`…) and after opening
/// brackets (`（「`…), so a line never starts with `。` or ends with `（`.
public enum TextWrapper {
    /// `lead` and then `text`, wrapped so that lines stay within `width` columns; continuation
    /// lines start with `indent`. Line breaks in `text` are kept (each line after the first
    /// starts with `indent` too); a line that fits is kept as it is written, and a longer one's
    /// continuation lines start with the spaces it starts with.
    public static func wrap(_ text: String, lead: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        for (number, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let start = number == 0 ? lead : indent
            if DisplayWidth.of(start) + DisplayWidth.of(paragraph) <= width {
                lines.append(start + paragraph)
                continue
            }
            let margin = String(paragraph.prefix { $0 == " " })
            var current = start + margin
            var columns = DisplayWidth.of(current)
            var empty = true
            for unit in units(of: paragraph.drop { $0 == " " }) {
                let separator = empty || !unit.spaced ? "" : " "
                let needed = DisplayWidth.of(separator) + DisplayWidth.of(unit.text)
                if !empty, columns + needed > width {
                    lines.append(current)
                    current = indent + margin + unit.text
                    columns = DisplayWidth.of(current)
                } else {
                    current += separator + unit.text
                    columns += needed
                }
                empty = false
            }
            lines.append(current)
        }
        return lines.joined(separator: "\n")
    }

    /// A piece that is never split, and whether a space came before it.
    struct Unit: Equatable {
        var text: String
        var spaced: Bool
    }

    /// The pieces of `text` a line may break between: runs of narrow characters between
    /// spaces, and single wide characters with the punctuation that must stay beside them.
    static func units<S: StringProtocol>(of text: S) -> [Unit] {
        var units: [Unit] = []
        var spaced = false
        var pendingOpen = ""
        for character in text {
            if character == " " {
                spaced = true
                continue
            }
            let wide = character.unicodeScalars.first.map { DisplayWidth.of($0) == 2 } ?? false
            if noBreakBefore.contains(character), var last = units.popLast(), !spaced {
                last.text.append(character)
                units.append(last)
            } else if noBreakAfter.contains(character) {
                pendingOpen.append(character)
                continue
            } else if !wide, !spaced, pendingOpen.isEmpty, let last = units.last,
                let tail = last.text.last, !isWide(tail)
            {
                units[units.count - 1].text.append(character)
            } else {
                units.append(Unit(text: pendingOpen + String(character), spaced: spaced))
                pendingOpen = ""
            }
            spaced = false
        }
        if !pendingOpen.isEmpty { units.append(Unit(text: pendingOpen, spaced: spaced)) }
        return units
    }

    private static func isWide(_ character: Character) -> Bool {
        character.unicodeScalars.first.map { DisplayWidth.of($0) == 2 } ?? false
    }

    /// Characters a line must not start with (行頭禁則).
    static let noBreakBefore: Set<Character> = [
        "、", "。", "，", "．", "・", "：", "；", "？", "！", "ー", "）", "」", "』", "】", "〕", "〉", "》", "ぁ", "ぃ", "ぅ",
        "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", "々", ")", "]", ",", ".",
        ":", ";", "!", "?",
    ]
    /// Characters a line must not end with (行末禁則).
    static let noBreakAfter: Set<Character> = ["（", "「", "『", "【", "〔", "〈", "《"]
}
