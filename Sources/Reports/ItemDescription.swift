import Models

/// What a clerk needs to answer an item, in Japanese, for `survey show`: its type and range,
/// unit, choices (code and label), hint, the conditions that show it or make it required, and a
/// table's columns and fixed rows.
public enum ItemDescription {
    /// The lines describing `item` (without its label), each to be indented by the caller.
    public static func lines(for item: QuestionnaireItem) -> [String] {
        var lines = ["種類: " + kind(item)]
        if let unit = item.unit, !unit.isEmpty { lines.append("単位: \(unit)") }
        if let choices = choices(item) { lines.append("選択肢: " + choices) }
        if let hint = item.hint, !hint.isEmpty { lines.append("ヒント: \(hint)") }
        if let condition = item.visibleIf { lines.append("回答する条件: " + text(condition)) }
        if item.required {
            lines.append("必須")
        } else if let condition = item.requiredIf {
            lines.append("必須になる条件: " + text(condition))
        }
        if case .table(let columns, _) = item.kind {
            if let rows = item.fixedRows {
                lines.append("行（決まっています）: " + rows.map { "\($0.code)=\($0.label)" }.joined(separator: " / "))
            }
            for column in columns {
                let details = Self.lines(for: column).joined(separator: "、")
                lines.append("列 \(column.id)（\(column.label)）: \(details)")
            }
        }
        return lines
    }

    /// The type in words, with its bounds.
    static func kind(_ item: QuestionnaireItem) -> String {
        func range(_ low: String?, _ high: String?) -> String {
            switch (low, high) {
            case (let low?, let high?): return "（\(low)〜\(high)）"
            case (let low?, nil): return "（\(low) 以上）"
            case (nil, let high?): return "（\(high) 以下）"
            case (nil, nil): return ""
            }
        }
        switch item.kind {
        case .text(let maxLength, _): return "文字列" + (maxLength.map { "（\($0) 文字以内）" } ?? "")
        case .textarea(let maxLength): return "文章" + (maxLength.map { "（\($0) 文字以内）" } ?? "")
        case .integer(let low, let high): return "整数" + range(low.map(String.init), high.map(String.init))
        case .money(let low, let high):
            let unit = item.moneyFactor == 1 ? "円" : "千円（円に換算して保存）"
            return "金額・\(unit)" + range(low.map(String.init), high.map(String.init))
        case .decimal(let scale, let low, let high):
            return "小数（小数点以下 \(scale) 桁まで）" + range(low.map(JSONValue.plainText), high.map(JSONValue.plainText))
        case .percent(let scale): return "割合 %（0〜100、小数点以下 \(scale) 桁まで）"
        case .yearMonth: return "年月（2026/3、令和8年3月 など）"
        case .date: return "日付（2025/4/1、令和7年4月1日、R7.4.1 など）"
        case .boolean: return "はい／いいえ"
        case .singleChoice: return "選択（1つ）"
        case .multiChoice: return "選択（複数可）"
        case .table: return "表"
        }
    }

    /// `yes=はい / no=いいえ`, with exclusive choices marked; nil for items without choices.
    static func choices(_ item: QuestionnaireItem) -> String? {
        let choices: [QuestionnaireItem.Choice]
        var exclusive: Set<String> = []
        switch item.kind {
        case .boolean(let listed?): choices = listed
        case .singleChoice(let listed): choices = listed
        case .multiChoice(let listed, let alone):
            choices = listed
            exclusive = alone
        default: return nil
        }
        return choices.map { "\($0.code)=\($0.label)" + (exclusive.contains($0.code) ? "（単独）" : "") }
            .joined(separator: " / ")
    }

    /// `B08 が 0 より大きいとき`.
    static func text(_ condition: QuestionnaireCondition) -> String {
        let subject = condition.subject
        switch condition.test {
        case .equals(let value): return "\(subject) が \(shown(value)) のとき"
        case .oneOf(let values): return "\(subject) が \(values.map(shown).joined(separator: "・")) のいずれかのとき"
        case .greaterThan(let bound): return "\(subject) が \(bound) より大きいとき"
        case .atLeast(let bound): return "\(subject) が \(bound) 以上のとき"
        case .lessThan(let bound): return "\(subject) が \(bound) より小さいとき"
        case .atMost(let bound): return "\(subject) が \(bound) 以下のとき"
        }
    }

    private static func shown(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.canonicalText
    }
}
