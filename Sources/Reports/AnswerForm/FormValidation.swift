import Models

/// One data validation of the answer form: a dropdown of labels for choices and yes/no, a
/// whole-number, decimal or date range for numbers and dates, a length for text; each with an
/// input message saying what to type (Excel shows at most 255 characters of it).
struct FormValidation {
    let xml: String

    /// The validations of `item`'s answer cells `range` (`C5`, `D4:D23`); none for free text
    /// without a length or for several choices (typed as labels joined by `、`).
    static func of(_ item: QuestionnaireItem, range: String, lists: inout FormLists) -> [FormValidation] {
        let prompt = String((ItemDescription.lines(for: item).first ?? "").prefix(250))
        func make(_ type: String, _ formulas: [String], operator op: String? = nil, error: String) -> [FormValidation] {
            var xml = #"<dataValidation type="\#(type)""#
            if let op { xml += #" operator="\#(op)""# }
            xml += #" allowBlank="1" showInputMessage="1" showErrorMessage="1""#
            xml += #" errorTitle="入力できない値です" error="\#(XMLText.escaped(error))""#
            xml +=
                #" promptTitle="\#(XMLText.escaped(String(item.label.prefix(32))))" prompt="\#(XMLText.escaped(prompt))""#
            xml += #" sqref="\#(range)">"#
            for (index, formula) in formulas.enumerated() {
                xml += "<formula\(index + 1)>\(XMLText.escaped(formula))</formula\(index + 1)>"
            }
            return [FormValidation(xml: xml + "</dataValidation>")]
        }
        func bounds(_ minimum: Double?, _ maximum: Double?) -> (String, [String]) {
            func text(_ number: Double) -> String { JSONValue.plainText(number) }
            switch (minimum, maximum) {
            case (let low?, let high?): return ("between", [text(low), text(high)])
            case (let low?, nil): return ("greaterThanOrEqual", [text(low)])
            case (nil, let high?): return ("lessThanOrEqual", [text(high)])
            case (nil, nil): return ("between", ["-999999999999999", "999999999999999"])
            }
        }
        switch item.kind {
        case .boolean(let choices):
            let labels = choices?.map(\.label) ?? ["はい", "いいえ"]
            return make("list", [lists.reference(for: labels)], error: "一覧から選んでください: " + labels.joined(separator: "、"))
        case .singleChoice(let choices):
            return make(
                "list", [lists.reference(for: choices.map(\.label))], error: "▼の一覧から選んでください")
        case .integer(let minimum, let maximum):
            let (op, formulas) = bounds(minimum.map(Double.init), maximum.map(Double.init))
            return make("whole", formulas, operator: op, error: "整数で入力してください（\(prompt)）")
        case .money(let minimum, let maximum):
            let factor = Double(item.moneyFactor)
            let (op, formulas) = bounds(minimum.map { Double($0) / factor }, maximum.map { Double($0) / factor })
            return make(
                factor == 1 ? "whole" : "decimal", formulas, operator: op,
                error: "\(item.unit ?? "円")単位の数値で入力してください（\(prompt)）")
        case .decimal(_, let minimum, let maximum):
            let (op, formulas) = bounds(minimum, maximum)
            return make("decimal", formulas, operator: op, error: "数値で入力してください（\(prompt)）")
        case .percent:
            return make("decimal", ["0", "100"], operator: "between", error: "0〜100 の数値で入力してください（% は付けません）")
        case .date:
            // 1900-03-01 ... 2199-12-31 as Excel day numbers.
            return make("date", ["61", "109574"], operator: "between", error: "日付を 2025/4/1 のように入力してください")
        case .text(let maximum?, _), .textarea(let maximum?):
            return make(
                "textLength", ["\(maximum)"], operator: "lessThanOrEqual", error: "\(maximum) 文字以内で入力してください")
        default:
            return []
        }
    }
}

/// The hidden sheet of dropdown lists: each distinct list of labels once, in its own column
/// from row 1.
struct FormLists {
    private var lists: [[String]] = []

    /// `'選択肢'!$A$1:$A$3` for `labels`, adding the list when new.
    mutating func reference(for labels: [String]) -> String {
        let index: Int
        if let known = lists.firstIndex(of: labels) {
            index = known
        } else {
            lists.append(labels)
            index = lists.count - 1
        }
        let column = CellName.column(index + 1)
        return "'\(AnswerFormLayout.listsSheet)'!$\(column)$1:$\(column)$\(max(labels.count, 1))"
    }

    func sheet() -> String {
        var sheet = FormSheet(widths: [])
        let height = lists.map(\.count).max() ?? 0
        for row in 0..<height {
            let cells = lists.enumerated().compactMap { column, labels -> (Int, FormCell, Int)? in
                row < labels.count ? (column + 1, .text(labels[row]), FormStyle.locked) : nil
            }
            sheet.row(row + 1, cells)
        }
        return sheet.xml()
    }
}
