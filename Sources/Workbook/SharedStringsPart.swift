/// The shared strings part (`xl/sharedStrings.xml`): the text of every `<si>`, in order, which
/// `t="s"` cells refer to by index. Rich text is its runs' text joined; phonetic runs
/// (`<rPh>`, furigana over Japanese text) and their settings are left out.
enum SharedStringsPart {
    /// Parses `bytes`, the shared strings part named `part`.
    static func strings(_ bytes: [UInt8], part: String) throws(WorkbookError) -> [String] {
        var scanner = XMLScanner(bytes, part: part)
        var path: [String] = []
        var strings: [String] = []
        var current = ""
        while let event = try scanner.next() {
            switch event {
            case .start(let element):
                path.append(element.localName)
                if path.count == 2 && element.localName == "si" { current = "" }
            case .end:
                if path.count == 2 && path[1] == "si" { strings.append(SpreadsheetText.unescape(current)) }
                path.removeLast()
            case .text(let text):
                // <si><t> or <si><r><t>; never <si><rPh><t>.
                if (path.count == 3 && path[1] == "si" && path[2] == "t")
                    || (path.count == 4 && path[1] == "si" && path[2] == "r" && path[3] == "t")
                {
                    current += text
                }
            }
        }
        return strings
    }
}
