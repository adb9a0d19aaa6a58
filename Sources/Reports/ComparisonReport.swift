import Models

/// Shares of choices by group of municipalities and beside the national survey
/// (`renkei report progress --group-by kind --compare national`): for every choice and yes/no
/// item, how many municipalities of each group chose each choice and their share of the group;
/// with the national comparison, for the choices the survey links to a national answer
/// (`QuestionnaireItem.national`), the national rate of the matching group (市区町村 for all of
/// Osaka; 指定都市, 中核市, 指定都市・中核市以外の市 and 町村 for the kinds) and the difference in
/// points.
///
/// Shares are of every municipality in the group (as in the progress report's 集計), so one that
/// has not answered lowers them; the national rates are of the municipalities the national summary
/// counts (its `total`).
public enum ComparisonReport {
    /// A group of municipalities: its name, its members and the national group it compares with.
    struct Group {
        let name: String
        let members: [SurveyReport.Municipality]
        let national: String
    }

    /// The kinds reports group by, in order, with the kinds of `OsakaMunicipalityProfile` each
    /// gathers (施行時特例市 counts among その他の市, as the national summary counts it).
    static let kinds: [(name: String, members: Set<String>)] = [
        ("政令指定都市", ["政令指定都市"]), ("中核市", ["中核市"]), ("その他の市", ["施行時特例市", "その他の市"]),
        ("町村", ["町", "村"]),
    ]

    /// The group a municipality's kind falls in (nil outside Osaka Prefecture).
    public static func kindGroup(of code: String) -> String? {
        guard let kind = OsakaMunicipalityProfile.kind(of: code) else { return nil }
        return kinds.first { $0.members.contains(kind) }?.name
    }

    /// The table; `groupByKind` adds a row per kind under each prefecture-wide row, `national`
    /// the national columns (and leaves out items with no national link).
    public static func table(
        _ survey: Questionnaire, _ municipalities: [SurveyReport.Municipality], groupByKind: Bool, national: Bool
    ) -> ReportTable {
        var groups = [Group(name: "府内全体", members: municipalities, national: "市区町村")]
        if groupByKind {
            for kind in kinds {
                groups.append(
                    Group(
                        name: kind.name,
                        members: municipalities.filter { kindGroup(of: $0.code) == kind.name },
                        national: NationalSurvey.group(forKind: kind.name)))
            }
        }
        var columns = ["項目", "回答", "区分", "団体数", "区分の団体数", "割合(%)"]
        if national { columns += ["全国の区分", "全国の割合(%)", "差（ポイント）"] }
        var table = ReportTable(name: national ? "全国比較" : "区分別集計", columns: columns)
        let schema = AnswerSchema(survey)
        for item in survey.items {
            let choices = Self.choices(item)
            guard !choices.isEmpty, !national || item.national != nil else { continue }
            for (code, label) in choices {
                let answer = item.national?.answers[code]
                if national && answer == nil { continue }
                for group in groups {
                    let count = group.members.filter { municipality in
                        guard
                            let value = municipality.answers.countedValue(
                                item, survey: survey.surveyID, schema: schema)
                        else { return false }
                        return Self.chose(code, value)
                    }.count
                    let share =
                        group.members.isEmpty
                        ? nil : ReportNumber.percent(count, of: group.members.count)
                    var row: [ReportCell] = [
                        .text(SurveyReport.header(item)), .text(label), .text(group.name), .integer(Int64(count)),
                        .integer(Int64(group.members.count)), share.map(ReportCell.decimal) ?? .empty,
                    ]
                    if national, let topic = item.national?.topic, let answer {
                        let rate = NationalSurvey.percent(topic: topic, answer: answer, group: group.national)
                        row += [
                            .text("\(group.national)（\(answer)）"), rate.map(ReportCell.decimal) ?? .empty,
                            share.flatMap { own in rate.map { .decimal(ReportNumber.oneDecimal(own - $0)) } } ?? .empty,
                        ]
                    }
                    table.rows.append(row)
                }
            }
        }
        return table
    }

    /// The prefecture-wide share of every linked answer beside the national rate, one row each,
    /// with a bar chart of the two: `table` with `national` gives the figures.
    public static func chartTable(_ comparison: ReportTable) -> ReportTable {
        var table = ReportTable(name: "全国比較（グラフ）", columns: ["項目と回答", "府内(%)", "全国(%)"])
        for row in comparison.rows where row.count > 7 && row[2].text == "府内全体" {
            // `B01 CIO（…）を任命していますか：はい`, shortened so the chart's labels stay legible.
            let label = row[0].text
            let short = label.count > 28 ? String(label.prefix(27)) + "…" : label
            table.rows.append([.text("\(short)：\(row[1].text)"), row[5], row[7]])
        }
        table.chart = ReportChart(
            .bar, title: "府内の割合と全国の割合（市区町村）", categoryColumn: 0, valueColumns: [1, 2],
            valueAxisTitle: "割合（%）", maximum: 100)
        return table
    }

    /// An item's choices as (code, label): yes/no without choices as yes はい and no いいえ.
    static func choices(_ item: QuestionnaireItem) -> [(code: String, label: String)] {
        switch item.kind {
        case .boolean(let choices): return choices?.map { ($0.code, $0.label) } ?? [("yes", "はい"), ("no", "いいえ")]
        case .singleChoice(let choices), .multiChoice(let choices, _): return choices.map { ($0.code, $0.label) }
        default: return []
        }
    }

    /// Whether a stored value is (or, for several choices, includes) the choice `code`.
    static func chose(_ code: String, _ value: JSONValue) -> Bool {
        switch value {
        case .string(let chosen): return chosen == code
        case .bool(let flag): return code == (flag ? "yes" : "no")
        case .array(let chosen): return chosen.contains(.string(code))
        default: return false
        }
    }
}
