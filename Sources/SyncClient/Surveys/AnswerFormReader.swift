import CommandLineSupport
import Foundation
import Localization
import Models
import Reports
import Workbook

/// Reads an Excel 回答票 (`renkei survey form`, laid out as `AnswerFormLayout` says) back into
/// import entries, one per answer cell, each named by its sheet and cell. The form must be of
/// this survey and this municipality (`記入方法` B3 and B4). Cells become text as a person would
/// have typed them: a date cell's day number becomes `2025-04-01`, TRUE はい; an error value
/// (`#N/A`) is a problem of its own. An empty cell is an empty answer.
struct AnswerFormReader {
    let survey: Questionnaire
    let municipality: String

    /// The most rows a table sheet may have (a form offers its answered rows and 20 more).
    static let maxTableRows = 10_000

    /// Whether `bytes` look like an Excel file (a ZIP, or the old binary format, which the reader
    /// then refuses by name) rather than a CSV.
    static func isWorkbook(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
    }

    /// - Throws: `CommandFailure` (data error) when the file cannot be read, is not a form of
    ///   this survey and municipality, or holds cells that are not answers (every one named).
    func entries(_ bytes: [UInt8], file: String) throws -> [AnswerImport.Entry] {
        let workbook: Workbook
        do { workbook = try WorkbookReader.read(bytes) } catch {
            throw CommandFailure(
                localized("survey.form.unreadable", ["file": file, "error": "\(error)"]), status: .dataError)
        }
        try checkIdentity(workbook, file: file)
        var entries: [AnswerImport.Entry] = []
        var problems: [String] = []
        let tableItems = Dictionary(
            survey.items.compactMap { item -> (String, QuestionnaireItem)? in
                if case .table = item.kind { return (item.id, item) }
                return nil
            }, uniquingKeysWith: { first, _ in first })
        for sheet in workbook.sheets
        where sheet.name != AnswerFormLayout.instructionsSheet && sheet.name != AnswerFormLayout.listsSheet {
            let reader = SheetReader(sheet: sheet, uses1904: workbook.uses1904Dates)
            if let table = tableItems[reader.text(1, 1)] {
                reader.tableEntries(table, into: &entries, problems: &problems)
            } else {
                reader.sectionEntries(survey, into: &entries, problems: &problems)
            }
        }
        guard problems.isEmpty else { throw AnswerImport.refusal(file, problems) }
        return entries
    }

    /// The form names its survey and municipality on the instructions sheet.
    private func checkIdentity(_ workbook: Workbook, file: String) throws {
        guard let instructions = workbook.sheet(named: AnswerFormLayout.instructionsSheet) else {
            throw CommandFailure(
                localized("survey.form.not.form", ["file": file, "sheet": AnswerFormLayout.instructionsSheet]),
                status: .dataError)
        }
        let reader = SheetReader(sheet: instructions, uses1904: workbook.uses1904Dates)
        let surveyID = reader.text(AnswerFormLayout.surveyIDCell.column, AnswerFormLayout.surveyIDCell.row)
        let code = reader.text(AnswerFormLayout.municipalityCell.column, AnswerFormLayout.municipalityCell.row)
        guard surveyID == survey.surveyID else {
            let values: [String: Any] = ["file": file, "found": Printable.quoted(surveyID), "survey": survey.surveyID]
            throw CommandFailure(localized("survey.form.other.survey", values), status: .dataError)
        }
        guard code == municipality else {
            let values: [String: Any] = [
                "file": file, "name": SurveyRecords.name(of: code), "code": code,
                "own_name": SurveyRecords.name(of: municipality), "own": municipality,
            ]
            throw CommandFailure(localized("survey.form.other.municipality", values), status: .dataError)
        }
    }
}

/// One sheet of a form, read cell by cell.
private struct SheetReader {
    let sheet: Sheet
    let uses1904: Bool

    /// The text of a cell holding text or a number ("" when empty).
    func text(_ column: Int, _ row: Int) -> String {
        switch sheet[CellReference(column: column, row: row)] {
        case .text(let text)?: return text.trimmingCharacters(in: .whitespaces)
        case .number(let number)?: return number
        default: return ""
        }
    }

    func place(_ column: Int, _ row: Int) -> String {
        "シート「\(sheet.name)」のセル \(CellReference(column: column, row: row))"
    }

    /// The rows from `first` down whose column A holds something, in order: the rows the form
    /// wrote ids into (only cells present are visited, however far down the sheet reaches).
    func idRows(from first: Int) -> [Int] {
        sheet.cells.keys.filter { $0.column == AnswerFormLayout.idColumn && $0.row >= first }.map(\.row).sorted()
    }

    /// A section sheet: from `firstItemRow`, an item id in A and its answer in C.
    func sectionEntries(_ survey: Questionnaire, into entries: inout [AnswerImport.Entry], problems: inout [String]) {
        for row in idRows(from: AnswerFormLayout.firstItemRow) {
            let id = text(AnswerFormLayout.idColumn, row)
            guard !id.isEmpty else { continue }
            guard let item = survey.item(id) else {
                problems.append("\(place(AnswerFormLayout.idColumn, row)): 調査に設問 \(Printable.quoted(id)) はありません")
                continue
            }
            if case .table = item.kind { continue }  // answered on its own sheet
            let column = AnswerFormLayout.answerColumn
            switch answerText(column, row, for: item) {
            case .success(let text):
                entries.append(AnswerImport.Entry(place: place(column, row), item: id, row: "", column: "", text: text))
            case .failure(let problem): problems.append("\(place(column, row)): \(problem.message)")
            }
        }
    }

    /// A table sheet: column ids in row 2 (from C, each once), row ids in A from `firstTableRow`
    /// (at most `maxTableRows`); a value in a row without an id is a problem.
    func tableEntries(_ item: QuestionnaireItem, into entries: inout [AnswerImport.Entry], problems: inout [String]) {
        guard case .table(let columns, _) = item.kind else { return }
        var sheetColumns: [(index: Int, column: QuestionnaireItem)] = []
        let headers = sheet.cells.keys.filter {
            $0.row == AnswerFormLayout.columnIDRow && $0.column >= AnswerFormLayout.firstTableColumn
        }.map(\.column).sorted()
        for index in headers {
            let id = text(index, AnswerFormLayout.columnIDRow)
            guard !id.isEmpty else { continue }
            guard let column = columns.first(where: { $0.id == id }) else {
                problems.append(
                    "\(place(index, AnswerFormLayout.columnIDRow)): \(item.id) に列 \(Printable.quoted(id)) はありません")
                continue
            }
            guard !sheetColumns.contains(where: { $0.column.id == id }) else {
                problems.append("\(place(index, AnswerFormLayout.columnIDRow)): 列 \(id) が2回あります")
                continue
            }
            sheetColumns.append((index, column))
        }
        let rows = idRows(from: AnswerFormLayout.firstTableRow)
        guard rows.count <= AnswerFormReader.maxTableRows else {
            let values: [String: Any] = [
                "sheet": sheet.name, "count": rows.count, "max": AnswerFormReader.maxTableRows,
            ]
            problems.append(localized("survey.form.too.many.rows", values))
            return
        }
        let withID = Set(rows)
        let answerColumns = Set(sheetColumns.map(\.index))
        let stray = sheet.cells.keys.filter {
            $0.row >= AnswerFormLayout.firstTableRow && !withID.contains($0.row) && answerColumns.contains($0.column)
        }.map(\.row)
        for row in Set(stray).sorted().prefix(AnswerImport.maxProblems) {
            problems.append("\(place(AnswerFormLayout.idColumn, row)): 行IDのない行には入力できません")
        }
        for row in rows {
            let rowID = text(AnswerFormLayout.idColumn, row)
            guard !rowID.isEmpty else { continue }
            for (index, column) in sheetColumns {
                switch answerText(index, row, for: column) {
                case .success(let text):
                    entries.append(
                        AnswerImport.Entry(
                            place: place(index, row), item: item.id, row: rowID, column: column.id, text: text))
                case .failure(let problem): problems.append("\(place(index, row)): \(problem.message)")
                }
            }
        }
    }

    struct Problem: Error {
        let message: String
    }

    /// The text a cell stands for, as typed for `item`.
    func answerText(_ column: Int, _ row: Int, for item: QuestionnaireItem) -> Result<String, Problem> {
        switch sheet[CellReference(column: column, row: row)] {
        case nil: return .success("")
        case .text(let text)?: return .success(text)
        case .bool(let flag)?: return .success(flag ? "はい" : "いいえ")
        case .error(let shown)?:
            return .failure(Problem(message: localized("survey.form.error.value", ["value": shown])))
        case .isoDate(let text)?:
            switch item.kind {
            case .yearMonth: return .success(String(text.prefix(7)))
            default: return .success(String(text.prefix(10)))
            }
        case .number(let number)?:
            switch item.kind {
            case .date, .yearMonth:
                guard let serial = Double(number), let day = Workbook.date(fromSerial: serial, uses1904: uses1904)
                else {
                    return .failure(Problem(message: localized("survey.form.not.date", ["number": number])))
                }
                let month = String(format: "%04d-%02d", day.year, day.month)
                if case .yearMonth = item.kind { return .success(month) }
                return .success(month + String(format: "-%02d", day.day))
            default:
                return .success(number)
            }
        }
    }
}
