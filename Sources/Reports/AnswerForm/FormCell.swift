import Foundation
import Models

/// A value in the answer form: text, a number or an Excel date.
enum FormCell {
    case text(String)
    /// A number as SpreadsheetML writes it (`1250`, `12.5`).
    case number(String)
    /// Excel's day number (days since 1899-12-30).
    case date(Int)
    case empty

    func xml(at reference: String, style: Int) -> String {
        switch self {
        case .empty: return #"<c r="\#(reference)" s="\#(style)"/>"#
        case .number(let text): return #"<c r="\#(reference)" s="\#(style)"><v>\#(text)</v></c>"#
        case .date(let serial): return #"<c r="\#(reference)" s="\#(style)"><v>\#(serial)</v></c>"#
        case .text(let whole):
            let text = XLSXWriter.fitted(whole)
            guard !text.isEmpty else { return #"<c r="\#(reference)" s="\#(style)"/>"# }
            let space =
                text.first?.isWhitespace == true || text.last?.isWhitespace == true ? #" xml:space="preserve""# : ""
            return
                #"<c r="\#(reference)" s="\#(style)" t="inlineStr"><is><t\#(space)>\#(XMLText.escaped(text))</t></is></c>"#
        }
    }

    /// A stored answer as a person would type it into `item`'s cell (nil or null: empty).
    static func answer(_ item: QuestionnaireItem, _ value: JSONValue?) -> FormCell {
        guard let value, value != .null else { return .empty }
        switch (item.kind, value) {
        case (.money, .integer(let yen)) where yen.magnitude < XLSXWriter.largestExactInteger:
            let factor = item.moneyFactor
            if yen % factor == 0 { return .number("\(yen / factor)") }
            return .number(JSONValue.plainText(Double(yen) / Double(factor)))
        case (.integer, .integer(let number)) where number.magnitude < XLSXWriter.largestExactInteger:
            return .number("\(number)")
        case (.decimal, _), (.percent, _):
            guard let number = value.finiteNumber, number.magnitude < 1e15 else {
                return .text(SurveyReport.value(item, value).text)
            }
            return .number(JSONValue.plainText(number))
        case (.date, .string(let text)):
            let parts = text.split(separator: "-").compactMap { Int($0) }
            if parts.count == 3, let serial = XLSXWriter.serial(year: parts[0], month: parts[1], day: parts[2]) {
                return .date(serial)
            }
            return .text(text)
        default:
            return .text(SurveyReport.value(item, value).text)
        }
    }
}
