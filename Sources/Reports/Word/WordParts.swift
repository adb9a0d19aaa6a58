/// The fixed parts of every Word file `DOCXWriter` writes: content types, relationships, styles
/// (Japanese fonts, headings tied to the section numbering), the numbering, settings and the
/// footer with page numbers.
enum WordParts {
    static let main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let package = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let wordprocessing = "application/vnd.openxmlformats-officedocument.wordprocessingml"

    static let contentTypes =
        XMLText.declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        + #"<Default Extension="xml" ContentType="application/xml"/>"#
        + #"<Override PartName="/word/document.xml" ContentType="\#(wordprocessing).document.main+xml"/>"#
        + #"<Override PartName="/word/styles.xml" ContentType="\#(wordprocessing).styles+xml"/>"#
        + #"<Override PartName="/word/numbering.xml" ContentType="\#(wordprocessing).numbering+xml"/>"#
        + #"<Override PartName="/word/settings.xml" ContentType="\#(wordprocessing).settings+xml"/>"#
        + #"<Override PartName="/word/footer1.xml" ContentType="\#(wordprocessing).footer+xml"/>"#
        + #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
        + "</Types>"

    static let rootRelationships =
        XMLText.declaration + #"<Relationships xmlns="\#(package)">"#
        + #"<Relationship Id="rId1" Type="\#(officeDocument)/officeDocument" Target="word/document.xml"/>"#
        + #"<Relationship Id="rId2" Type="\#(package)/metadata/core-properties" Target="docProps/core.xml"/>"#
        + "</Relationships>"

    static let documentRelationships =
        XMLText.declaration + #"<Relationships xmlns="\#(package)">"#
        + #"<Relationship Id="rIdStyles" Type="\#(officeDocument)/styles" Target="styles.xml"/>"#
        + #"<Relationship Id="rIdNumbering" Type="\#(officeDocument)/numbering" Target="numbering.xml"/>"#
        + #"<Relationship Id="rIdSettings" Type="\#(officeDocument)/settings" Target="settings.xml"/>"#
        + #"<Relationship Id="rIdFooter" Type="\#(officeDocument)/footer" Target="footer1.xml"/>"#
        + "</Relationships>"

    /// The document's title (shown by the file's properties), its author and language.
    static func coreProperties(title: String) -> String {
        XMLText.declaration
            + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">"#
            + "<dc:title>\(XMLText.escaped(title))</dc:title><dc:creator>Renkei</dc:creator><dc:language>ja-JP</dc:language>"
            + "</cp:coreProperties>"
    }

    /// Run fonts: `text` for Latin and Japanese alike, so a line never mixes two typefaces.
    static func fonts(_ name: String) -> String {
        #"<w:rFonts w:ascii="\#(name)" w:eastAsia="\#(name)" w:hAnsi="\#(name)" w:cs="\#(name)"/>"#
    }

    static let mincho = fonts("游明朝")
    static let gothic = fonts("游ゴシック")

    /// Sizes in half points: 10.5 pt text (the Japanese default), headings 16, 13 and 11 pt.
    static func paragraphStyle(
        _ id: String, name: String, run: String, paragraph: String = "", basedOn: String? = "Normal"
    ) -> String {
        let base = basedOn.map { #"<w:basedOn w:val="\#($0)"/>"# } ?? ""
        return #"<w:style w:type="paragraph" w:styleId="\#(id)"><w:name w:val="\#(name)"/>\#(base)<w:qFormat/>"#
            + "<w:pPr>\(paragraph)</w:pPr><w:rPr>\(run)</w:rPr></w:style>"
    }

    static let styles =
        XMLText.declaration + #"<w:styles xmlns:w="\#(main)">"#
        + "<w:docDefaults><w:rPrDefault><w:rPr>\(mincho)"
        + #"<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="ja-JP" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#
        + #"<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="300" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr></w:pPrDefault></w:docDefaults>"#
        + paragraphStyle("Normal", name: "Normal", run: "", basedOn: nil).replacingOccurrences(
            of: "<w:style ", with: #"<w:style w:default="1" "#)
        + paragraphStyle(
            "Title", name: "Title", run: gothic + #"<w:b/><w:sz w:val="36"/><w:szCs w:val="36"/>"#,
            paragraph: #"<w:jc w:val="center"/><w:spacing w:before="240" w:after="240"/>"#)
        + paragraphStyle(
            "Subtitle", name: "Subtitle", run: #"<w:sz w:val="20"/><w:szCs w:val="20"/>"#,
            paragraph: #"<w:jc w:val="right"/><w:spacing w:after="0"/>"#)
        + paragraphStyle(
            "Heading1", name: "heading 1", run: gothic + #"<w:b/><w:sz w:val="32"/><w:szCs w:val="32"/>"#,
            paragraph:
                #"<w:keepNext/><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>"#
        )
        + paragraphStyle(
            "Heading2", name: "heading 2", run: gothic + #"<w:b/><w:sz w:val="26"/><w:szCs w:val="26"/>"#,
            paragraph:
                #"<w:keepNext/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/>"#
        )
        + paragraphStyle(
            "Heading3", name: "heading 3", run: gothic + #"<w:b/><w:sz w:val="22"/><w:szCs w:val="22"/>"#,
            paragraph: #"<w:keepNext/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/>"#)
        + paragraphStyle(
            "ListBullet", name: "List Bullet", run: "",
            paragraph: #"<w:numPr><w:numId w:val="2"/></w:numPr><w:spacing w:after="60"/>"#)
        + paragraphStyle(
            "Note", name: "Note", run: #"<w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/>"#)
        + paragraphStyle(
            "TableText", name: "Table Text", run: #"<w:sz w:val="18"/><w:szCs w:val="18"/>"#,
            paragraph: #"<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>"#)
        + #"<w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:tblPr>"#
        + #"<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>"#
        + #"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>"#
        + #"<w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders>"#
        + #"<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
        + "</w:styles>"

    /// List 1 numbers the headings (`1.` for level 1, `1.1` for level 2); list 2 is the bullets.
    static let numbering =
        XMLText.declaration + #"<w:numbering xmlns:w="\#(main)">"#
        + #"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>"#
        + #"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="425" w:hanging="425"/></w:pPr></w:lvl>"#
        + #"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>"#
        + "</w:abstractNum>"
        + #"<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>"#
        + #"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="・"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl>"#
        + "</w:abstractNum>"
        + #"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#
        + "</w:numbering>"

    static let settings =
        XMLText.declaration + #"<w:settings xmlns:w="\#(main)"><w:defaultTabStop w:val="840"/>"#
        + #"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#
        + #"<w:themeFontLang w:val="en-US" w:eastAsia="ja-JP"/></w:settings>"#

    /// `3 / 12`, centred: the page and the number of pages, as fields Word and LibreOffice fill in.
    static let footer =
        XMLText.declaration + #"<w:ftr xmlns:w="\#(main)"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>"#
        + #"<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> / </w:t></w:r>"#
        + #"<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>"#
}
