import Models

/// The cell formats of the answer form (`xl/styles.xml`) and which one each cell takes. Every
/// format is locked except the input formats (pale yellow, bordered), which sheet protection
/// leaves editable.
enum FormStyle {
    /// Indexes into `cellXfs`.
    static let locked = 0
    static let header = 1
    static let title = 2
    static let wrapped = 3
    static let notes = 4
    static let small = 5
    static let inputText = 6
    static let inputInteger = 7
    static let inputDecimal = 8
    static let inputDate = 9

    /// The input format for an item's answer cell: text (`@`, so that `2026/3` or `027006` stay
    /// as typed), a whole number with separators, a number, or a date.
    static func input(for item: QuestionnaireItem) -> Int {
        switch item.kind {
        case .integer: return inputInteger
        case .money(_, _): return item.moneyFactor == 1 ? inputInteger : inputDecimal
        case .decimal, .percent: return inputDecimal
        case .date: return inputDate
        default: return inputText
        }
    }

    static let styles: String = {
        let unlocked =
            #"applyAlignment="1" applyProtection="1"><alignment vertical="top"/><protection locked="0"/></xf>"#
        let input = #"fontId="0" fillId="2" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyNumberFormat="1""#
        return XMLText.declaration + #"<styleSheet xmlns="\#(XLSXWriter.main)">"#
            + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts>"#
            + #"<fonts count="4"><font><sz val="11"/><name val="Yu Gothic"/></font>"#
            + #"<font><b/><sz val="11"/><name val="Yu Gothic"/></font>"#
            + #"<font><b/><sz val="14"/><name val="Yu Gothic"/></font>"#
            + #"<font><sz val="9"/><color rgb="FF666666"/><name val="Yu Gothic"/></font></fonts>"#
            + #"<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
            + #"<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill>"#
            + #"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>"#
            + #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
            + #"<border><left style="thin"><color rgb="FF999999"/></left><right style="thin"><color rgb="FF999999"/></right>"#
            + #"<top style="thin"><color rgb="FF999999"/></top><bottom style="thin"><color rgb="FF999999"/></bottom><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="10">"#
            + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="top"/></xf>"#
            + #"<xf numFmtId="0" fontId="1" fillId="3" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"><alignment vertical="top" wrapText="1"/></xf>"#
            + #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
            + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#
            + #"<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#
            + #"<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
            + #"<xf numFmtId="49" \#(input) applyAlignment="1" applyProtection="1">"#
            + #"<alignment vertical="top" wrapText="1"/><protection locked="0"/></xf>"#
            + #"<xf numFmtId="3" \#(input) \#(unlocked)"#
            + #"<xf numFmtId="0" \#(input) \#(unlocked)"#
            + #"<xf numFmtId="164" \#(input) \#(unlocked)"#
            + "</cellXfs>"
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
    }()
}
