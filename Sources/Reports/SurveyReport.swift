import Models

/// The consolidated survey table the prefecture asks for: one row per municipality and one
/// column per item (choice codes shown as their Japanese labels, money as whole yen, dates as
/// dates, missing answers empty, conflicts marked), and one more table per table item with one
/// row per table row. Which municipalities are rows, and how answers are read, is
/// `SurveyRecords`'.
public enum SurveyReport {
    /// A municipality's row: code, name, and its answers.
    public struct Municipality: Sendable {
        public let code: String
        public let name: String
        public let answers: SurveyAnswers
        /// 回答中, 提出済 or 差戻し.
        public let submission: SubmissionStatus

        public init(code: String, name: String, answers: SurveyAnswers, submission: SubmissionStatus = .answering) {
            self.code = code
            self.name = name
            self.answers = answers
            self.submission = submission
        }
    }

    /// Marks a cell whose answer has concurrent versions (followed by the versions, when known).
    public static let conflictMark = "【競合】"

    /// Marks a cell whose item its `visible_if` hides for that municipality (answered before a
    /// later answer hid it): shown, never counted (`survey check` warns of it).
    public static let hiddenMark = "【対象外】"

    /// Marks a cell whose answer the survey refuses (stored before the survey was published, by
    /// an older client, or under an earlier edition of the survey): shown, never counted.
    public static let invalidMark = "【不正】"

    /// - Parameter groupByKind: rows ordered by kind of municipality (政令指定都市, 中核市, その他の市,
    ///   町村; `ComparisonReport.kindGroup(of:)`), with a 区分 column.
    public static func tables(_ survey: Questionnaire, _ municipalities: [Municipality], groupByKind: Bool = false)
        -> [ReportTable]
    {
        let ordered = Self.ordered(municipalities, byKind: groupByKind)
        let plain = survey.items.filter { if case .table = $0.kind { return false } else { return true } }
        let schema = AnswerSchema(survey)
        let kindColumn = groupByKind ? ["区分"] : []
        var main = ReportTable(name: "回答", columns: ["団体コード", "団体名"] + kindColumn + ["状態"] + plain.map(header))
        main.columnIDs = Array(repeating: "", count: 3 + kindColumn.count) + plain.map(\.id)
        main.keyColumns = 2
        for municipality in ordered {
            let kind: [ReportCell] = groupByKind ? [.text(ComparisonReport.kindGroup(of: municipality.code) ?? "")] : []
            main.rows.append(
                [.text(municipality.code), .text(municipality.name)] + kind
                    + [.text(municipality.submission.japaneseLabel)]
                    + plain.map { item in
                        let record = AnswerRecord(
                            survey: survey.surveyID, municipality: municipality.code, item: item.id)
                        let answers = municipality.answers
                        let visible = SurveyCheck.isVisible(item, answers: answers.values, tables: answers.tables)
                        return cell(item, in: answers, visible: visible) {
                            schema.problem($0, at: record, field: "value")
                        }
                    })
        }
        var tables = [main]
        for item in survey.items {
            guard case .table(let columns, _) = item.kind else { continue }
            var table = ReportTable(
                name: "\(item.id) \(item.label)", columns: ["団体コード", "団体名", "行"] + columns.map(header))
            table.columnIDs = ["", "", ""] + columns.map(\.id)
            table.keyColumns = 2
            for municipality in ordered {
                let rows = municipality.answers.tables[item.id] ?? [:]
                for row in Self.rowOrder(item, rows.keys) {
                    table.rows.append(
                        [.text(municipality.code), .text(municipality.name), .text(Self.rowLabel(item, row))]
                            + columns.map { column in
                                if municipality.answers.conflicted.contains("\(item.id).\(row).\(column.id)") {
                                    return .text(conflictMark)
                                }
                                guard let stored = rows[row]?[column.id] else { return .empty }
                                let record = AnswerRecord(
                                    survey: survey.surveyID, municipality: municipality.code, item: item.id, row: row)
                                guard schema.problem(stored, at: record, field: column.id) == nil else {
                                    return .text(invalidMark + value(column, stored).text)
                                }
                                return value(column, stored)
                            })
                }
            }
            tables.append(table)
        }
        return tables
    }

    /// The lines of a survey report's title block before the time it was made: the survey, its
    /// reference date and where the figures come from.
    public static func about(_ survey: Questionnaire, national: Bool = false) -> [String] {
        var lines = ["調査：\(survey.surveyID)　基準日：\(survey.referenceDate ?? "定めなし")", "出典：府内各団体の回答（Renkei で集計）"]
        if national { lines.append("全国値：\(SurveyAnalysis.nationalSource)") }
        return lines
    }

    /// Municipalities in code order, or by kind group first (in `ComparisonReport.kinds`' order,
    /// others last), then code.
    static func ordered(_ municipalities: [Municipality], byKind: Bool) -> [Municipality] {
        guard byKind else { return municipalities.sorted { $0.code < $1.code } }
        func rank(_ code: String) -> Int {
            let group = ComparisonReport.kindGroup(of: code)
            return ComparisonReport.kinds.firstIndex { $0.name == group } ?? ComparisonReport.kinds.count
        }
        return municipalities.sorted { (rank($0.code), $0.code) < (rank($1.code), $1.code) }
    }

    /// The rows of a table in the order a table shows them: a fixed-row table's in the survey's
    /// order (then any other, sorted), others by row id.
    static func rowOrder(_ item: QuestionnaireItem, _ rows: some Collection<String>) -> [String] {
        guard let fixed = item.fixedRows else { return rows.sorted() }
        let present = Set(rows)
        let declared = fixed.map(\.code)
        return declared.filter(present.contains) + present.subtracting(declared).sorted()
    }

    /// What the 行 column shows: a fixed row's label (with its code), else the row id.
    static func rowLabel(_ item: QuestionnaireItem, _ row: String) -> String {
        guard let label = item.fixedRows?.first(where: { $0.code == row })?.label else { return row }
        return "\(label)（\(row)）"
    }

    /// `B07 職員数（人）`.
    static func header(_ item: QuestionnaireItem) -> String {
        var text = "\(item.id) \(item.label)"
        // Money is stored (and shown) in yen, whatever unit it is answered in.
        let shownUnit = if case .money = item.kind { "円" } else { item.unit }
        if let unit = shownUnit, !unit.isEmpty, !item.label.contains(unit) { text += "（\(unit)）" }
        return text
    }

    /// `problem`: why the survey refuses a value (nil: it accepts it); `visible`: whether the
    /// item is asked of this municipality. Marks in order: conflict, refused, hidden.
    static func cell(
        _ item: QuestionnaireItem, in answers: SurveyAnswers, visible: Bool = true,
        problem: (JSONValue) -> AnswerProblem?
    ) -> ReportCell {
        if answers.conflicted.contains(item.id) {
            // Sorted, so the same conflict reads the same on every replica and in every run.
            let versions = (answers.registers[item.id]?.versions.map { value(item, $0.value).text } ?? []).sorted()
            return .text(conflictMark + versions.joined(separator: " / "))
        }
        guard let stored = answers.values[item.id] else { return .empty }
        guard problem(stored) == nil else { return .text(invalidMark + value(item, stored).text) }
        guard visible || stored == .null else { return .text(hiddenMark + value(item, stored).text) }
        return value(item, stored)
    }

    /// A stored answer as people read it.
    public static func value(_ item: QuestionnaireItem, _ value: JSONValue) -> ReportCell {
        func label(_ code: String, _ choices: [QuestionnaireItem.Choice]) -> String {
            choices.first { $0.code == code }?.label ?? code
        }
        switch (item.kind, value) {
        case (_, .null): return .empty
        case (.integer, .integer(let number)), (.money, .integer(let number)): return .integer(number)
        case (.date, .string(let text)): return ReportCell.dateOrText(text)
        case (.boolean(let choices), .string(let code)): return .text(label(code, choices ?? []))
        case (.boolean, .bool(let flag)): return .text(flag ? "はい" : "いいえ")
        case (.singleChoice(let choices), .string(let code)): return .text(label(code, choices))
        case (.multiChoice(let choices, _), .array(let codes)):
            return .text(
                codes.map { element in
                    if case .string(let code) = element { return label(code, choices) }
                    return element.canonicalText
                }.joined(separator: "、"))
        case (_, .string(let text)): return .text(text)
        case (_, .integer(let number)): return .integer(number)
        case (_, .double(let number)): return .decimal(number)
        default: return .text(value.canonicalText)
        }
    }
}
