import Models

/// One municipality's answers to a survey as a readable sheet, to check before submitting
/// (`renkei survey print`): every item in the survey's order with its section, question, answer
/// as people read it (labels, units, dates) and what still needs attention (必須・未回答, 競合,
/// 対象外, 不正); then one table per answered table item, rows labelled.
public enum AnswerSheet {
    public static func tables(_ survey: Questionnaire, _ municipality: SurveyReport.Municipality) -> [ReportTable] {
        let answers = municipality.answers
        let schema = AnswerSchema(survey)
        let check = answers.check(against: survey)
        var main = ReportTable(name: "回答", columns: ["区分", "番号", "設問", "回答", "単位", "確認"])
        for section in survey.sections {
            for item in section.items {
                let visible = SurveyCheck.isVisible(item, answers: answers.values, tables: answers.tables)
                let record = AnswerRecord(survey: survey.surveyID, municipality: municipality.code, item: item.id)
                let shown: ReportCell
                if case .table = item.kind {
                    let count = answers.tables[item.id]?.count ?? 0
                    shown = count == 0 ? .empty : .text("\(count) 行（表「\(item.id)」）")
                } else {
                    shown = SurveyReport.cell(item, in: answers, visible: visible) {
                        schema.problem($0, at: record, field: "value")
                    }
                }
                let unit: String = if case .money = item.kind { "円" } else { item.unit ?? "" }
                let findings = check.findings.filter { $0.path == item.id || $0.path.hasPrefix(item.id + ".") }
                var notes = findings.map { "\($0.severity == "error" ? "要修正" : "確認"): \($0.japanese)" }
                if !visible { notes.insert("対象外（表示条件）", at: 0) }
                main.rows.append([
                    .text(section.title), .text(item.id), .text(item.label), shown, .text(unit),
                    .text(notes.joined(separator: "\n")),
                ])
            }
        }
        var tables = [main]
        for item in survey.items {
            guard case .table(let columns, _) = item.kind, let rows = answers.tables[item.id], !rows.isEmpty
            else { continue }
            var table = ReportTable(
                name: "\(item.id) \(item.label)", columns: ["行"] + columns.map(SurveyReport.header))
            for row in SurveyReport.rowOrder(item, rows.keys) {
                table.rows.append(
                    [.text(SurveyReport.rowLabel(item, row))]
                        + columns.map { column in
                            if answers.conflicted.contains("\(item.id).\(row).\(column.id)") {
                                return .text(SurveyReport.conflictMark)
                            }
                            return rows[row]?[column.id].map { SurveyReport.value(column, $0) } ?? .empty
                        })
            }
            tables.append(table)
        }
        return tables
    }
}
