import Foundation
import HTTP1
import Models
import Reports

/// The fields of a section's form and what they hold: names by item, row and column, the text
/// each input shows (stored answers as a person types them, or what was just posted), and the
/// entries a posted form gives (`AnswerImport.Entry`, checked and written as a file's are).
///
/// Field names: `a.ITEM` for an item (repeated for the boxes of a multiple choice, with
/// `m.ITEM` marking that the boxes were on the form), `t.ITEM.ROW.COLUMN` for a table cell,
/// `rows.ITEM` listing a table's rows (comma separated), `del.ITEM.ROW` for a row to remove.
/// Item, row and column ids never hold `.` or `,` (`AnswerRecord`'s rule for ids).
struct SurveyFormFields {
    /// The text of each field, by name (multiple choices: the codes joined by `,`).
    var texts: [String: String] = [:]
    /// The rows of each table item, in order.
    var rows: [String: [String]] = [:]
    /// Rows marked for removal, as `ITEM.ROW`.
    var removed: Set<String> = []

    static func item(_ item: String) -> String { "a.\(item)" }
    static func multiMarker(_ item: String) -> String { "m.\(item)" }
    static func cell(_ item: String, _ row: String, _ column: String) -> String { "t.\(item).\(row).\(column)" }
    static func rowList(_ item: String) -> String { "rows.\(item)" }
    static func removal(_ item: String, _ row: String) -> String { "del.\(item).\(row)" }

    /// The fields of `section` as `answers` holds them.
    init(section: Questionnaire.Section, answers: SurveyAnswers) {
        for item in section.items {
            if case .table(let columns, _) = item.kind {
                let held = answers.tables[item.id] ?? [:]
                let fixed = item.fixedRows?.map(\.code) ?? []
                let rowIDs = fixed + held.keys.filter { !fixed.contains($0) }.sorted(by: Self.rowOrder)
                rows[item.id] = rowIDs
                for row in rowIDs {
                    for column in columns {
                        texts[Self.cell(item.id, row, column.id)] = Self.typed(column, held[row]?[column.id])
                    }
                }
            } else {
                texts[Self.item(item.id)] = Self.typed(item, answers.values[item.id])
            }
        }
    }

    /// The fields of `section` as `form` posted them.
    init(section: Questionnaire.Section, form: HTTPFormBody) {
        for item in section.items {
            switch item.kind {
            case .table(let columns, _):
                let fixed = Set(item.fixedRows?.map(\.code) ?? [])
                let rowIDs = Self.decodeRows(form[Self.rowList(item.id)] ?? "").filter {
                    fixed.contains($0) || Self.isRowID($0)
                }
                rows[item.id] = Array(rowIDs.prefix(Self.maxRows))
                for row in rows[item.id] ?? [] {
                    if form[Self.removal(item.id, row)] != nil { removed.insert("\(item.id).\(row)") }
                    for column in columns {
                        let name = Self.cell(item.id, row, column.id)
                        texts[name] = form[name] ?? ""
                    }
                }
            case .multiChoice:
                guard form[Self.multiMarker(item.id)] != nil else { continue }
                texts[Self.item(item.id)] = form.values(Self.item(item.id)).joined(separator: ",")
            default:
                if let text = form[Self.item(item.id)] { texts[Self.item(item.id)] = text }
            }
        }
    }

    /// A table holds at most this many rows on one form: as many as the server takes.
    static let maxRows = AnswerRecord.maxRowsPerTable

    /// The entries to check and write: every field on the form; a removed row's cells empty.
    func entries(section: Questionnaire.Section) -> [AnswerImport.Entry] {
        var entries: [AnswerImport.Entry] = []
        for item in section.items {
            if case .table(let columns, _) = item.kind {
                for row in rows[item.id] ?? [] {
                    let gone = removed.contains("\(item.id).\(row)")
                    for column in columns {
                        let text = gone ? "" : texts[Self.cell(item.id, row, column.id)] ?? ""
                        entries.append(
                            AnswerImport.Entry(
                                place: "\(item.id).\(row).\(column.id)", item: item.id, row: row, column: column.id,
                                text: text))
                    }
                }
            } else if let text = texts[Self.item(item.id)] {
                entries.append(AnswerImport.Entry(place: item.id, item: item.id, row: "", column: "", text: text))
            }
        }
        return entries
    }

    /// Adds an empty row to table `item`, named `r1`, `r2`, … after the highest used.
    mutating func addRow(to item: String) {
        var list = rows[item] ?? []
        guard list.count < Self.maxRows else { return }
        let highest = list.compactMap { $0.hasPrefix("r") ? Int($0.dropFirst()) : nil }.max() ?? 0
        list.append("r\(highest + 1)")
        rows[item] = list
    }

    /// A table's rows for the hidden field that carries them: each percent-encoded (a survey's
    /// own row codes may hold any character), joined by `,`.
    static func encodeRows(_ rows: [String]) -> String {
        rows.map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }.joined(separator: ",")
    }

    /// The rows `encodeRows` wrote.
    static func decodeRows(_ text: String) -> [String] {
        text.split(separator: ",").compactMap { $0.removingPercentEncoding }
    }

    /// Rows in the order people read them: `r2` before `r10`.
    static func rowOrder(_ left: String, _ right: String) -> Bool {
        left.compare(right, options: .numeric) == .orderedAscending
    }

    /// Whether text can be a row id here (1-64 characters A-Z a-z 0-9 _ -).
    static func isRowID(_ text: some StringProtocol) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F
                    || $0 == 0x2D
            }
    }

    /// A stored answer as a person would type it into the field (empty for none): money in the
    /// item's unit, dates as YYYY-MM-DD, choices as their codes.
    static func typed(_ item: QuestionnaireItem, _ value: JSONValue?) -> String {
        guard let value, value != .null else { return "" }
        switch (item.kind, value) {
        case (.money, .integer(let yen)):
            let factor = item.moneyFactor
            return yen % factor == 0 ? "\(yen / factor)" : JSONValue.plainText(Double(yen) / Double(factor))
        case (_, .integer(let number)):
            return "\(number)"
        case (_, .double(let number)):
            return JSONValue.plainText(number)
        case (.boolean, .bool(let yes)):
            return yes ? "yes" : "no"
        case (_, .string(let text)):
            return text
        case (.multiChoice, .array(let codes)):
            return codes.compactMap { if case .string(let code) = $0 { code } else { nil } }.joined(separator: ",")
        default:
            return SurveyReport.value(item, value).text
        }
    }
}
