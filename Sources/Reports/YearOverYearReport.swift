import Models

/// Two surveys side by side (`renkei report compare A B`, typically last year's and this year's):
/// per municipality and item both answers and the change; per item the prefecture-wide change
/// (totals and means of numbers, counts and shares of choices). Items match by id and type; table
/// items are left out (their rows have no identity across years). Only answers each survey
/// accepts count, and only where the item is asked.
public enum YearOverYearReport {
    public static func tables(
        _ earlier: Questionnaire, _ earlierAnswers: [SurveyReport.Municipality], _ later: Questionnaire,
        _ laterAnswers: [SurveyReport.Municipality]
    ) -> [ReportTable] {
        let items = later.items.filter { item in
            if case .table = item.kind { return false }
            return earlier.item(item.id)?.kind.typeName == item.kind.typeName
        }
        let before = Dictionary(earlierAnswers.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(laterAnswers.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let codes = Set(before.keys).union(after.keys).sorted()
        let earlierSchema = AnswerSchema(earlier)
        let laterSchema = AnswerSchema(later)
        func value(
            _ survey: Questionnaire, _ schema: AnswerSchema, _ municipality: SurveyReport.Municipality?, _ id: String
        )
            -> JSONValue?
        {
            guard let item = survey.item(id) else { return nil }
            return municipality?.answers.countedValue(item, survey: survey.surveyID, schema: schema)
        }

        var changes = ReportTable(
            name: "団体別の変化",
            columns: [
                "団体コード", "団体名", "項目", earlier.title + "（\(earlier.surveyID)）", later.title + "（\(later.surveyID)）",
                "変化",
            ])
        var summary = ReportTable(
            name: "項目別の変化",
            columns: ["項目", "回答・集計", earlier.surveyID, later.surveyID, "変化"])
        for item in items {
            var earlierValues: [JSONValue] = []
            var laterValues: [JSONValue] = []
            for code in codes {
                let old = value(earlier, earlierSchema, before[code], item.id)
                let new = value(later, laterSchema, after[code], item.id)
                if let old { earlierValues.append(old) }
                if let new { laterValues.append(new) }
                guard old != nil || new != nil else { continue }
                changes.rows.append([
                    .text(code), .text(SurveyRecords.name(of: code)), .text(SurveyReport.header(item)),
                    old.map { SurveyReport.value(item, $0) } ?? .empty,
                    new.map { SurveyReport.value(item, $0) } ?? .empty,
                    .text(Self.change(old, new)),
                ])
            }
            let header = SurveyReport.header(item)
            switch item.kind {
            case .integer, .money, .decimal, .percent:
                let old = earlierValues.compactMap(\.finiteNumber)
                let new = laterValues.compactMap(\.finiteNumber)
                func total(_ values: [Double]) -> ReportCell { values.isEmpty ? .empty : .decimal(values.reduce(0, +)) }
                func mean(_ values: [Double]) -> ReportCell {
                    values.isEmpty
                        ? .empty : .decimal(ReportNumber.oneDecimal(values.reduce(0, +) / Double(values.count)))
                }
                summary.rows.append([
                    .text(header), .text("回答団体数"), .integer(Int64(old.count)), .integer(Int64(new.count)),
                    .integer(Int64(new.count - old.count)),
                ])
                summary.rows.append([
                    .text(header), .text("合計"), total(old), total(new),
                    old.isEmpty || new.isEmpty ? .empty : .decimal(new.reduce(0, +) - old.reduce(0, +)),
                ])
                summary.rows.append([.text(header), .text("平均"), mean(old), mean(new), .empty])
            case .boolean, .singleChoice, .multiChoice:
                for (code, label) in ComparisonReport.choices(item) {
                    let old = earlierValues.filter { ComparisonReport.chose(code, $0) }.count
                    let new = laterValues.filter { ComparisonReport.chose(code, $0) }.count
                    summary.rows.append([
                        .text(header), .text(label), .integer(Int64(old)), .integer(Int64(new)),
                        .integer(Int64(new - old)),
                    ])
                }
            default:
                continue
            }
        }
        return [summary, changes]
    }

    /// `+3`, `-1.5`, `変更`, `同じ`, `新規`, `回答なし`.
    static func change(_ old: JSONValue?, _ new: JSONValue?) -> String {
        switch (old, new) {
        case (nil, .some): return "新規"
        case (.some, nil): return "回答なし"
        case (let old?, let new?):
            if let before = old.finiteNumber, let after = new.finiteNumber {
                let difference = after - before
                return difference == 0 ? "同じ" : (difference > 0 ? "+" : "") + JSONValue.plainText(difference)
            }
            return old == new ? "同じ" : "変更"
        default: return ""
        }
    }
}
