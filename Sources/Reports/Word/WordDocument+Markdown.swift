extension WordDocument {
    /// The document as Markdown, numbered as Word numbers it (`## 1. …`, `### 1.1 …`): for
    /// mail, for reading in a terminal, and for golden files a person reviews. Everything staff
    /// wrote goes through `MarkdownText.escaped`.
    public var markdown: String {
        var out = "# \(MarkdownText.escaped(title))\n"
        if !subtitle.isEmpty { out += "\n" + subtitle.map(MarkdownText.escaped).joined(separator: "<br>") + "\n" }
        var numbers = (section: 0, subsection: 0)
        for (index, block) in blocks.enumerated() {
            switch block {
            case .heading(let text, let level):
                switch level {
                case ...1:
                    numbers = (numbers.section + 1, 0)
                    out += "\n## \(numbers.section). \(MarkdownText.escaped(text))\n"
                case 2:
                    numbers.subsection += 1
                    out += "\n### \(numbers.section).\(numbers.subsection) \(MarkdownText.escaped(text))\n"
                default: out += "\n#### \(MarkdownText.escaped(text))\n"
                }
            case .paragraph(let text):
                out += "\n\(MarkdownText.escaped(text))\n"
            case .bullet(let text):
                // A list's items follow one another without a blank line (a tight list).
                let continues = index > 0 && { if case .bullet = blocks[index - 1] { true } else { false } }()
                out += (continues ? "" : "\n") + "- \(MarkdownText.escaped(text))\n"
            case .note(let text): out += "\n\(MarkdownText.escaped(text))\n"
            case .table(let table):
                out += "\n" + MarkdownText.table(table.columns, table.rows.map { $0.map(DOCXWriter.text) })
            }
        }
        return out
    }
}
