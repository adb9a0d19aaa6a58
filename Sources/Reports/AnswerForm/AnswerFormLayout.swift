import Models

/// Where everything sits in the Excel 回答票 (`renkei survey form`), in one place for the writer
/// (`AnswerFormWriter`) and the reader (`renkei survey import`):
///
/// - sheet `記入方法`: how to fill it in; the survey id in `B3` and the municipality code in `B4`
///   (the reader refuses a form of another survey or municipality);
/// - one sheet per section: `A1` the section id, `B1` its title, row 2 the headers, from row 3 one
///   item per row: `A` item id, `B` question, `C` the answer (the only cell to type in), `D` unit,
///   `E` how to answer (type, range, choices, hint, conditions). A table item's row points to its
///   sheet;
/// - one sheet per table item: `A1` the item id, `B1` its label, row 2 the column ids (from `C`),
///   row 3 their headers, from row 4 one table row per sheet row: `A` the row id, `B` a fixed
///   row's label, then the columns;
/// - a hidden sheet `選択肢` with the labels every dropdown offers, one list per column.
///
/// Ids written by the form (item ids in `A`, row ids, column ids) are locked; the reader reads
/// them from the file, so it needs no other copy of the layout than these positions.
public enum AnswerFormLayout {
    public static let instructionsSheet = "記入方法"
    public static let listsSheet = "選択肢"
    /// 1-based rows and columns of the instructions sheet's identifying cells.
    public static let surveyIDCell = (column: 2, row: 3)
    public static let municipalityCell = (column: 2, row: 4)

    // Section sheets (1-based columns).
    public static let idColumn = 1
    public static let questionColumn = 2
    public static let answerColumn = 3
    public static let unitColumn = 4
    public static let notesColumn = 5
    public static let firstItemRow = 3

    // Table sheets.
    public static let rowLabelColumn = 2
    public static let firstTableColumn = 3
    public static let columnIDRow = 2
    public static let tableHeaderRow = 3
    public static let firstTableRow = 4
    /// Empty rows offered below a free table's answered rows.
    public static let blankTableRows = 20

    /// A sheet of the form: its name and what it holds.
    public struct Sheet: Sendable {
        public enum Content: Sendable {
            case section(Questionnaire.Section)
            case table(QuestionnaireItem)
        }

        public let name: String
        public let content: Content
    }

    /// The section and table sheets of `survey`, in the survey's order (each table after its
    /// section), with names Excel accepts (at most 31 characters, unique).
    public static func sheets(_ survey: Questionnaire) -> [Sheet] {
        var contents: [(String, Sheet.Content)] = []
        for section in survey.sections {
            contents.append(("\(section.id) \(section.title)", .section(section)))
            for item in section.items {
                if case .table = item.kind { contents.append(("\(item.id) \(item.label)", .table(item))) }
            }
        }
        let reserved = [instructionsSheet, listsSheet]
        let names = XLSXWriter.sheetNames(reserved + contents.map(\.0)).dropFirst(reserved.count)
        return zip(names, contents).map { Sheet(name: $0, content: $1.1) }
    }

    /// The row ids a table sheet lists: a fixed-row table's rows; otherwise the answered rows (in
    /// report order) and then `blankTableRows` new ids (`r1`, `r2`, … not yet used).
    public static func tableRows(_ item: QuestionnaireItem, answered: some Collection<String>) -> [(
        id: String, label: String?
    )] {
        if let fixed = item.fixedRows { return fixed.map { ($0.code, $0.label) } }
        var rows = SurveyReport.rowOrder(item, answered).map { (id: $0, label: String?.none) }
        let used = Set(answered)
        var next = 1
        while rows.count < answered.count + blankTableRows {
            if !used.contains("r\(next)") { rows.append(("r\(next)", nil)) }
            next += 1
        }
        return rows
    }
}
