import Foundation
import Models

/// The Excel 回答票 a municipality fills in (`renkei survey form`), laid out as
/// `AnswerFormLayout` says: instructions, one sheet per section and per table, the current
/// answers filled in, dropdowns (data validation lists) for choices, whole-number, decimal and
/// date validation with their ranges, an input message on every answer cell, and every cell but
/// the answer cells locked (sheet protection without a password, so that nobody renames a sheet
/// or overwrites an id by accident; the structure of the workbook is locked too).
///
/// Answers are written as a person would type them: choice labels (several joined by `、`),
/// はい/いいえ, money in the item's unit (千円 divides by 1,000), dates as Excel dates. An answer
/// in conflict is left empty with a note: the reader leaves it alone unless a value is typed.
public struct AnswerFormWriter {
    let survey: Questionnaire
    let municipality: String
    let answers: SurveyAnswers
    /// Shown on the instructions sheet (Japan time).
    let generatedAt: Int64

    public init(survey: Questionnaire, municipality code: String, answers: SurveyAnswers, generatedAt: Int64) {
        self.survey = survey
        self.municipality = code
        self.answers = answers
        self.generatedAt = generatedAt
    }

    /// The workbook's bytes (a ZIP of SpreadsheetML parts).
    public func bytes() -> [UInt8] {
        var lists = FormLists()
        var sheets: [(name: String, xml: String, hidden: Bool)] = [
            (AnswerFormLayout.instructionsSheet, instructions(), false)
        ]
        let layout = AnswerFormLayout.sheets(survey)
        // Where each table item is answered, for the pointer in its section's row.
        let tableSheets = Dictionary(
            layout.compactMap { sheet -> (String, String)? in
                if case .table(let item) = sheet.content { return (item.id, sheet.name) }
                return nil
            }, uniquingKeysWith: { first, _ in first })
        for sheet in layout {
            switch sheet.content {
            case .section(let section):
                sheets.append((sheet.name, self.section(section, tableSheets: tableSheets, lists: &lists), false))
            case .table(let item): sheets.append((sheet.name, table(item, lists: &lists), false))
            }
        }
        sheets.append((AnswerFormLayout.listsSheet, lists.sheet(), true))
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Array(XLSXWriter.contentTypes(sheets: sheets.count).utf8))
        zip.add("_rels/.rels", Array(XLSXWriter.rootRelationships.utf8))
        zip.add("xl/workbook.xml", Array(workbook(sheets.map { ($0.name, $0.hidden) }).utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array(XLSXWriter.workbookRelationships(sheets: sheets.count).utf8))
        zip.add("xl/styles.xml", Array(FormStyle.styles.utf8))
        for (index, sheet) in sheets.enumerated() {
            zip.add("xl/worksheets/sheet\(index + 1).xml", Array(sheet.xml.utf8))
        }
        return zip.bytes()
    }

    private func workbook(_ sheets: [(name: String, hidden: Bool)]) -> String {
        XMLText.declaration + #"<workbook xmlns="\#(XLSXWriter.main)" xmlns:r="\#(XMLText.relationshipsNamespace)">"#
            + #"<workbookProtection lockStructure="1"/><bookViews><workbookView activeTab="1"/></bookViews><sheets>"#
            + sheets.enumerated().map { index, sheet in
                #"<sheet name="\#(XMLText.escaped(sheet.name))" sheetId="\#(index + 1)""#
                    + (sheet.hidden ? #" state="hidden""# : "") + #" r:id="rId\#(index + 1)"/>"#
            }.joined() + "</sheets></workbook>"
    }

    // MARK: - Sheets

    private func instructions() -> String {
        var sheet = FormSheet(widths: [14, 90])
        let name = SurveyRecords.name(of: municipality)
        sheet.row(1, [(1, .text("\(survey.title)　回答票"), FormStyle.title)])
        sheet.row(3, [(1, .text("調査ID"), FormStyle.header), (2, .text(survey.surveyID), FormStyle.locked)])
        sheet.row(4, [(1, .text("団体コード"), FormStyle.header), (2, .text(municipality), FormStyle.locked)])
        sheet.row(5, [(1, .text("団体名"), FormStyle.header), (2, .text(name), FormStyle.locked)])
        sheet.row(6, [(1, .text("作成日時"), FormStyle.header), (2, .text(JapanTime.text(generatedAt)), FormStyle.locked)])
        let steps = [
            "黄色のセルに回答を入力してください。ほかのセルは保護されていて変更できません。",
            "選択肢のある設問は、セルを選ぶと出る ▼ から選びます。複数選ぶ設問は「、」で区切って入力します。",
            "日付は 2025/4/1 のように、金額は「単位」の列の単位（円または千円）で入力します。",
            "表の設問はシートが分かれています。1行に1件を入力し、A列の行IDは変えないでください。",
            "回答を消すときはセルを空にします。",
            "保存したら renkei survey import \(survey.surveyID) <このファイル> で取り込みます。誤りがあるとシート名とセル番地を示し、何も書き込みません。",
            "取り込んだら renkei survey check \(survey.surveyID) で確かめ、renkei survey submit \(survey.surveyID) で提出します。",
        ]
        sheet.row(8, [(1, .text("記入のしかた"), FormStyle.header), (2, .text(""), FormStyle.header)])
        for (index, line) in steps.enumerated() {
            sheet.row(9 + index, [(1, .text("\(index + 1)"), FormStyle.locked), (2, .text(line), FormStyle.wrapped)])
        }
        return sheet.xml()
    }

    /// - Parameter tableSheets: table item id -> the name of the sheet it is answered on.
    private func section(
        _ section: Questionnaire.Section, tableSheets: [String: String], lists: inout FormLists
    ) -> String {
        var sheet = FormSheet(widths: [8, 48, 28, 8, 60])
        sheet.freezeRows = 2
        sheet.row(1, [(1, .text(section.id), FormStyle.title), (2, .text(section.title), FormStyle.title)])
        sheet.row(
            2,
            ["番号", "設問", "回答", "単位", "記入の説明"].enumerated().map { ($0.offset + 1, .text($0.element), FormStyle.header) })
        for (offset, item) in section.items.enumerated() {
            let row = AnswerFormLayout.firstItemRow + offset
            let isTable = if case .table = item.kind { true } else { false }
            let conflicted = !isTable && answers.conflicted.contains(item.id)
            let notes =
                (conflicted ? ["【競合】別々の値が同時に入力されています。正しい値を入力してください。"] : [])
                + ItemDescription.lines(for: item)
            let answer: (FormCell, Int) =
                isTable
                ? (.text("→ シート「\(tableSheets[item.id] ?? item.id)」に記入"), FormStyle.locked)
                : (FormCell.answer(item, conflicted ? nil : answers.values[item.id]), FormStyle.input(for: item))
            sheet.row(
                row,
                [
                    (AnswerFormLayout.idColumn, .text(item.id), FormStyle.locked),
                    (AnswerFormLayout.questionColumn, .text(item.label), FormStyle.wrapped),
                    (AnswerFormLayout.answerColumn, answer.0, answer.1),
                    (AnswerFormLayout.unitColumn, .text(item.unit ?? ""), FormStyle.locked),
                    (AnswerFormLayout.notesColumn, .text(notes.joined(separator: "\n")), FormStyle.notes),
                ])
            if !isTable {
                let reference = CellName.of(column: AnswerFormLayout.answerColumn, row: row)
                sheet.validations.append(contentsOf: FormValidation.of(item, range: reference, lists: &lists))
            }
        }
        return sheet.xml()
    }

    private func table(_ item: QuestionnaireItem, lists: inout FormLists) -> String {
        guard case .table(let columns, _) = item.kind else { return FormSheet(widths: []).xml() }
        let held = answers.tables[item.id] ?? [:]
        let rows = AnswerFormLayout.tableRows(item, answered: held.keys)
        var sheet = FormSheet(widths: [10, item.fixedRows == nil ? 4 : 34] + columns.map { _ in 22 })
        sheet.freezeRows = AnswerFormLayout.tableHeaderRow
        sheet.row(1, [(1, .text(item.id), FormStyle.title), (2, .text(item.label), FormStyle.title)])
        let first = AnswerFormLayout.firstTableColumn
        sheet.row(
            AnswerFormLayout.columnIDRow,
            [(1, .text("列ID"), FormStyle.small)]
                + columns.enumerated().map { (first + $0.offset, .text($0.element.id), FormStyle.small) })
        sheet.row(
            AnswerFormLayout.tableHeaderRow,
            [(1, .text("行ID"), FormStyle.header), (2, .text(item.fixedRows == nil ? "" : "行"), FormStyle.header)]
                + columns.enumerated().map { offset, column in
                    let unit = column.unit.map { "（\($0)）" } ?? ""
                    let required = column.required ? "＊" : ""
                    return (first + offset, .text("\(required)\(column.label)\(unit)"), FormStyle.header)
                })
        let lastRow = AnswerFormLayout.firstTableRow + rows.count - 1
        for (offset, row) in rows.enumerated() {
            let sheetRow = AnswerFormLayout.firstTableRow + offset
            var cells: [(Int, FormCell, Int)] = [
                (1, .text(row.id), FormStyle.locked), (2, .text(row.label ?? ""), FormStyle.wrapped),
            ]
            for (index, column) in columns.enumerated() {
                let conflicted = answers.conflicted.contains("\(item.id).\(row.id).\(column.id)")
                let value = conflicted ? nil : held[row.id]?[column.id]
                cells.append((first + index, FormCell.answer(column, value), FormStyle.input(for: column)))
            }
            sheet.row(sheetRow, cells)
        }
        if !rows.isEmpty {
            for (index, column) in columns.enumerated() {
                let letter = CellName.column(first + index)
                let range = "\(letter)\(AnswerFormLayout.firstTableRow):\(letter)\(lastRow)"
                sheet.validations.append(contentsOf: FormValidation.of(column, range: range, lists: &lists))
            }
        }
        return sheet.xml()
    }
}
