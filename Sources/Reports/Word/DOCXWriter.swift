/// A Word file written by hand (WordprocessingML in a ZIP) from a `WordDocument`: A4 pages
/// (landscape when a table is wide), a title, numbered section headings (Word's own list
/// numbering), tables with a shaded header row repeated on every page, Japanese fonts
/// (游明朝 for text, 游ゴシック for headings, with ja-JP as the East Asian language) and page
/// numbers `n / N` in the footer. The same document always gives the same bytes.
public enum DOCXWriter {
    /// The most columns a table may have for the pages to stay portrait.
    static let portraitColumns = 7

    public static func bytes(_ document: WordDocument) -> [UInt8] {
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Array(WordParts.contentTypes.utf8))
        zip.add("_rels/.rels", Array(WordParts.rootRelationships.utf8))
        zip.add("docProps/core.xml", Array(WordParts.coreProperties(title: document.title).utf8))
        zip.add("word/_rels/document.xml.rels", Array(WordParts.documentRelationships.utf8))
        zip.add("word/document.xml", Array(body(document).utf8))
        zip.add("word/styles.xml", Array(WordParts.styles.utf8))
        zip.add("word/numbering.xml", Array(WordParts.numbering.utf8))
        zip.add("word/settings.xml", Array(WordParts.settings.utf8))
        zip.add("word/footer1.xml", Array(WordParts.footer.utf8))
        return zip.bytes()
    }

    /// Page geometry in twentieths of a point (twips): A4 with 20 mm margins.
    static let pageShort = 11_906
    static let pageLong = 16_838
    static let margin = 1_134

    static func body(_ document: WordDocument) -> String {
        let landscape = document.isLandscape
        let textWidth = (landscape ? pageLong : pageShort) - 2 * margin
        var xml =
            XMLText.declaration
            + #"<w:document xmlns:w="\#(WordParts.main)" xmlns:r="\#(XMLText.relationshipsNamespace)"><w:body>"#
        xml += paragraph(document.title, style: "Title")
        for line in document.subtitle { xml += paragraph(line, style: "Subtitle") }
        for block in document.blocks {
            switch block {
            case .heading(let text, let level): xml += paragraph(text, style: "Heading\(min(max(level, 1), 3))")
            case .paragraph(let text): xml += paragraph(text, style: nil)
            case .bullet(let text): xml += paragraph(text, style: "ListBullet")
            case .note(let text): xml += paragraph(text, style: "Note")
            case .table(let table): xml += self.table(table, width: textWidth) + paragraph("", style: nil)
            }
        }
        let size =
            landscape
            ? #"<w:pgSz w:w="\#(pageLong)" w:h="\#(pageShort)" w:orient="landscape"/>"#
            : #"<w:pgSz w:w="\#(pageShort)" w:h="\#(pageLong)"/>"#
        xml +=
            #"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>\#(size)"#
            + #"<w:pgMar w:top="\#(margin)" w:right="\#(margin)" w:bottom="\#(margin)" w:left="\#(margin)" w:header="567" w:footer="567" w:gutter="0"/>"#
            + "</w:sectPr></w:body></w:document>"
        return xml
    }

    /// A paragraph of `style` (nil: Normal); each line of `text` after the first follows a break.
    static func paragraph(_ text: String, style: String?, alignRight: Bool = false, bold: Bool = false) -> String {
        var properties = style.map { #"<w:pStyle w:val="\#($0)"/>"# } ?? ""
        if alignRight { properties += #"<w:jc w:val="right"/>"# }
        var xml = "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>")
        let runProperties = bold ? "<w:rPr><w:b/></w:rPr>" : ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { xml += "<w:r>\(runProperties)<w:br/></w:r>" }
            guard !line.isEmpty else { continue }
            let clean = XMLText.escaped(String(line).replacingOccurrences(of: "\r", with: ""))
            xml += #"<w:r>\#(runProperties)<w:t xml:space="preserve">\#(clean)</w:t></w:r>"#
        }
        return xml + "</w:p>"
    }

    /// A table as wide as the text, columns in proportion to their content, the header row
    /// shaded, bold and repeated on each page; numbers right-aligned with thousands separators.
    static func table(_ table: ReportTable, width: Int) -> String {
        // Widths from the text as printed (`2026年6月11日` is wider than `2026-06-11`).
        var printed = table
        printed.rows = table.rows.map { $0.map { .text(text($0)) } }
        let widths = printed.computedWidths
        let total = max(widths.reduce(0, +), 1)
        let columns = widths.map { max(360, Int(Double(width) * $0 / total)) }
        var xml =
            #"<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:w="\#(columns.reduce(0, +))" w:type="dxa"/>"#
            + #"<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
        for column in columns { xml += #"<w:gridCol w:w="\#(column)"/>"# }
        xml += "</w:tblGrid>"
        xml += #"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"#
        for (index, name) in table.columns.enumerated() {
            xml += cell(name, width: columns[index], header: true, alignRight: false)
        }
        xml += "</w:tr>"
        for row in table.rows {
            xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for index in table.columns.indices {
                let value = row.indices.contains(index) ? row[index] : .empty
                xml += cell(text(value), width: columns[index], header: false, alignRight: isNumber(value))
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl>"
    }

    static func cell(_ text: String, width: Int, header: Bool, alignRight: Bool) -> String {
        let shading = header ? #"<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>"# : ""
        return #"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/>\#(shading)</w:tcPr>"#
            + paragraph(text, style: "TableText", alignRight: alignRight, bold: header) + "</w:tc>"
    }

    static func isNumber(_ cell: ReportCell) -> Bool {
        switch cell {
        case .integer, .decimal, .bigInteger: return true
        case .text, .date, .empty: return false
        }
    }

    /// A cell as read on paper: numbers with thousands separators (`1,234,567`,
    /// `27,115,384.6`), dates as `2026年7月31日`, the rest as every format shows it.
    static func text(_ cell: ReportCell) -> String {
        switch cell {
        case .integer(let number): return grouped(String(number))
        case .bigInteger(let number): return grouped(String(number))
        case .decimal:
            // `1e+300` and `nan` stay as they are; `12345.6` is grouped in its whole part.
            let parts = cell.text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let whole = parts[0].drop { $0 == "-" }
            guard !whole.isEmpty, whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber),
                parts.count == 1 || parts[1].allSatisfy({ $0.isASCII && $0.isNumber })
            else { return cell.text }
            return grouped(String(parts[0])) + (parts.count == 2 ? ".\(parts[1])" : "")
        case .date(let year, let month, let day): return "\(year)年\(month)月\(day)日"
        case .text, .empty: return cell.text
        }
    }

    /// `-1234567` -> `-1,234,567`.
    static func grouped(_ digits: String) -> String {
        let negative = digits.hasPrefix("-")
        let plain = Array(negative ? digits.dropFirst() : Substring(digits))
        var out = ""
        for (index, digit) in plain.enumerated() {
            if index > 0 && (plain.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (negative ? "-" : "") + out
    }
}
