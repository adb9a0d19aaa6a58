import Models

/// Where a survey round stands: per municipality its state (回答中, 提出済 or 差戻し, when and by
/// whom, and the return comment), answers carried over from last year not yet confirmed, the
/// share of required items answered, errors
/// the survey's rules find, open conflicts and when its answers last changed; and, prefecture
/// wide, how municipalities answered each choice item (how many appointed a CIO, as a number and
/// a percentage of all municipalities) and totals of number items.
public enum ProgressReport {
    /// Answers are checked with the code lists `SurveyRecords.codelists(for:)` gives.
    public static func tables(_ survey: Questionnaire, _ municipalities: [SurveyReport.Municipality]) -> [ReportTable] {
        let ordered = municipalities.sorted { $0.code < $1.code }
        var progress = ReportTable(
            name: "進捗",
            columns: [
                "団体コード", "団体名", "状態", "回答率(%)", "回答済み必須項目", "必須項目", "エラー", "未解決の競合", "最終更新（回答）",
                "提出・差戻し日時", "提出・差戻しした人", "差戻し理由", "前年度値（未確認）",
            ])
        for municipality in ordered {
            let answers = municipality.answers
            let check = answers.check(against: survey)
            let started = answers.lastWrite != nil
            let submission = municipality.submission
            progress.rows.append([
                .text(municipality.code), .text(municipality.name), .text(submission.japaneseLabel),
                .decimal(started ? ReportNumber.percent(check.completion) : 0),
                .integer(Int64(started ? check.answeredCount : 0)), .integer(Int64(check.requiredCount)),
                .integer(Int64(started ? check.errorCount : 0)), .integer(Int64(answers.conflicted.count)),
                answers.lastWrite.map { .text(JapanTime.text($0)) } ?? .text("未回答"),
                submission.at.map { .text(JapanTime.text($0)) } ?? .empty,
                submission.user.map { .text($0) } ?? .empty,
                submission.comment.map { .text($0) } ?? .empty,
                .integer(Int64(answers.unconfirmedCarryOvers.count)),
            ])
        }

        progress.keyColumns = 2
        progress.chart = ReportChart(
            .bar, title: "団体別の回答率（必須項目）", categoryColumn: 1, valueColumns: [3], valueAxisTitle: "回答率（%）",
            maximum: 100)

        func percent(_ count: Int) -> ReportCell { .decimal(ReportNumber.percent(count, of: max(ordered.count, 1))) }
        var counts = ReportTable(name: "集計", columns: ["項目", "回答", "団体数", "割合(%)"])
        var numbers = ReportTable(
            name: "数値集計", columns: ["項目", "回答団体数", "合計", "平均", "最小", "最大"])
        // Answers the survey refuses (stored before it was published, by an older client, or
        // under an earlier edition) are counted nowhere: the progress table counts them as errors.
        // Nor are answers to items that a later answer hid (`SurveyCheck.isVisible`).
        let schema = AnswerSchema(survey)
        for item in survey.items {
            // Municipalities the item's condition asks it of (the others are counted apart).
            let asked = ordered.filter { municipality in
                SurveyCheck.isVisible(item, answers: municipality.answers.values, tables: municipality.answers.tables)
            }
            let notAsked = ordered.count - asked.count
            let values = asked.compactMap { municipality -> JSONValue? in
                guard let value = municipality.answers.values[item.id], value != .null else { return nil }
                let record = AnswerRecord(survey: survey.surveyID, municipality: municipality.code, item: item.id)
                return schema.problem(value, at: record, field: "value") == nil ? value : nil
            }
            switch item.kind {
            case .boolean, .singleChoice, .multiChoice:
                var tally: [String: Int] = [:]
                for value in values {
                    switch value {
                    case .array(let codes):
                        for code in codes { tally[SurveyReport.value(item, .array([code])).text, default: 0] += 1 }
                    default: tally[SurveyReport.value(item, value).text, default: 0] += 1
                    }
                }
                // Every choice of the survey (zeros included), then codes the survey does not know.
                let declared = Self.labels(item)
                for label in declared + tally.keys.filter({ !declared.contains($0) }).sorted() {
                    counts.rows.append([
                        .text(SurveyReport.header(item)), .text(label), .integer(Int64(tally[label] ?? 0)),
                        percent(tally[label] ?? 0),
                    ])
                }
                if item.visibleIf != nil {
                    counts.rows.append([
                        .text(SurveyReport.header(item)), .text("対象外（表示条件）"), .integer(Int64(notAsked)),
                        percent(notAsked),
                    ])
                }
                let unanswered = ordered.count - values.count - notAsked
                counts.rows.append([
                    .text(SurveyReport.header(item)), .text("未回答"), .integer(Int64(unanswered)), percent(unanswered),
                ])
            case .integer, .money:
                let amounts = values.compactMap { value -> Int64? in
                    if case .integer(let number) = value { return number }
                    return nil
                }
                guard let summary = NumberSummary(amounts) else {
                    numbers.rows.append([.text(SurveyReport.header(item)), .integer(0), .empty, .empty, .empty, .empty])
                    continue
                }
                numbers.rows.append([
                    .text(SurveyReport.header(item)), .integer(Int64(summary.count)), summary.total, summary.mean,
                    .integer(summary.minimum), .integer(summary.maximum),
                ])
            default: continue
            }
        }
        return [progress, counts, numbers]
    }

    /// The labels an item's answers can show, in the survey's order.
    static func labels(_ item: QuestionnaireItem) -> [String] { ComparisonReport.choices(item).map(\.label) }
}
