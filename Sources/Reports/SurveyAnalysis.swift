import Models

/// The survey analysis report the advisor hands to the prefecture (`renkei report analysis`):
/// how the survey was run, where the answers stand, then each section of the survey with, per
/// item, a sentence of findings and its table, the national rate beside each share where the
/// survey links the item to the national survey, and a closing table of every national
/// comparison.
///
/// The figures are the progress report's (`ProgressReport`: shares of every municipality of the
/// survey, answered or not) and the comparison report's (`ComparisonReport`), so the analysis
/// never says other numbers than the tables the advisor also sends.
public enum SurveyAnalysis {
    /// The source the national figures are quoted from.
    static let nationalSource =
        "総務省「自治体DX・情報化推進概要 ～令和5年度地方公共団体における行政情報化の推進状況調査の取りまとめ結果～」（令和6年4月）"

    /// - Parameter producedAt: when the report is made (Unix milliseconds), shown under the title.
    public static func document(
        _ survey: Questionnaire, _ municipalities: [SurveyReport.Municipality], producedAt: Int64
    ) -> WordDocument {
        let progress = ProgressReport.tables(survey, municipalities)
        let counts = Dictionary(grouping: progress[1].rows) { $0.first?.text ?? "" }
        let numbers = Dictionary(grouping: progress[2].rows) { $0.first?.text ?? "" }
        let national = Dictionary(
            grouping: ComparisonReport.table(survey, municipalities, groupByKind: false, national: true).rows
        ) { $0.first?.text ?? "" }
        var document = WordDocument(
            title: "\(survey.title) 分析報告書",
            subtitle: [
                "基準日：\(survey.referenceDate ?? "定めなし")", "作成：\(JapanTime.text(producedAt))",
                "出典：府内各団体の回答（Renkei）、全国値は\(nationalSource)",
            ])
        document.blocks += method(survey, municipalities)
        document.blocks += responses(municipalities, progress: progress[0])
        for section in survey.sections {
            document.blocks.append(.heading(section.title, level: 1))
            for item in section.items {
                let header = SurveyReport.header(item)
                document.blocks.append(.heading(header, level: 2))
                document.blocks += findings(
                    item, counts: counts[header] ?? [], numbers: numbers[header]?.first,
                    national: national[header] ?? [], municipalities: municipalities)
            }
        }
        document.blocks += nationalSummary(national, survey: survey, municipalities: municipalities)
        return document
    }

    static func method(_ survey: Questionnaire, _ municipalities: [SurveyReport.Municipality]) -> [WordDocument.Block] {
        let year = survey.fiscalYear.map { "（\($0)年度）" } ?? ""
        return [
            .heading("調査の概要", level: 1),
            .paragraph("本報告書は、「\(survey.title)」\(year)への府内 \(municipalities.count) 団体の回答を集計し、分析したものです。"),
            .bullet("調査対象：府内 \(municipalities.count) 市町村（回答のある府外の団体を含む）"),
            .bullet("回答方法：各団体が Renkei に回答を入力し（Excel の回答票からの取込みを含む）、点検のうえ提出"),
            .bullet("集計の方法：割合は対象団体すべてを分母とし、未回答の団体も分母に含めます。表示条件により対象外となる団体は「対象外」と数えます。提出前の回答も集計に含みます"),
            .bullet("全国との比較：全国値は令和5年度の全国調査（市区町村）の数値で、差は府内の割合から全国の割合を引いたポイントです"),
        ]
    }

    /// Submitted, returned and answering municipalities, prefecture-wide and by kind.
    static func responses(_ municipalities: [SurveyReport.Municipality], progress: ReportTable) -> [WordDocument.Block]
    {
        let completion = Dictionary(
            progress.rows.compactMap { row -> (String, Double)? in
                guard case .text(let code) = row[0], case .decimal(let share) = row[3] else { return nil }
                return (code, share)
            }, uniquingKeysWith: { first, _ in first })
        func line(_ name: String, _ members: [SurveyReport.Municipality]) -> [ReportCell] {
            let submitted = members.filter { $0.submission.state == .submitted }.count
            let returned = members.filter { $0.submission.state == .returned }.count
            let shares = members.compactMap { completion[$0.code] }
            let mean = shares.isEmpty ? nil : ReportNumber.oneDecimal(shares.reduce(0, +) / Double(shares.count))
            return [
                .text(name), .integer(Int64(members.count)), .integer(Int64(submitted)), .integer(Int64(returned)),
                .integer(Int64(members.count - submitted - returned)), mean.map(ReportCell.decimal) ?? .empty,
            ]
        }
        var table = ReportTable(
            name: "回答状況", columns: ["区分", "団体数", "提出済", "差戻し", "回答中", "必須項目の回答率の平均(%)"])
        table.rows.append(line("府内全体", municipalities))
        for kind in ComparisonReport.kinds {
            table.rows.append(
                line(kind.name, municipalities.filter { ComparisonReport.kindGroup(of: $0.code) == kind.name }))
        }
        let all = table.rows[0]
        let submitted = all[2].text
        let share = municipalities.isEmpty ? "0" : percentText(Double(all[2].text) ?? 0, of: municipalities.count)
        return [
            .heading("回答状況", level: 1),
            .paragraph(
                "\(municipalities.count) 団体のうち \(submitted) 団体（\(share)%）が提出済み、\(all[3].text) 団体が差戻し中、\(all[4].text) 団体が回答中です。必須項目の回答率の平均は \(all[5].text.isEmpty ? "—" : all[5].text)% です。"
            ),
            .table(table),
        ]
    }

    /// The sentence and table of one item.
    static func findings(
        _ item: QuestionnaireItem, counts: [[ReportCell]], numbers: [ReportCell]?, national: [[ReportCell]],
        municipalities: [SurveyReport.Municipality]
    ) -> [WordDocument.Block] {
        switch item.kind {
        case .boolean, .singleChoice, .multiChoice:
            return choiceFindings(item, counts: counts, national: national)
        case .integer, .money:
            guard let numbers, case .integer(let answered) = numbers[1], answered > 0 else {
                return [.paragraph("回答はまだありません。")]
            }
            let unit = if case .money = item.kind { "円" } else { item.unit ?? "" }
            let spaced = unit.isEmpty ? "" : " \(unit)"
            var table = ReportTable(
                name: item.id,
                columns: ["回答団体数", "合計", "平均", "最小", "最大"].map { $0 == "回答団体数" || unit.isEmpty ? $0 : "\($0)（\(unit)）" }
            )
            table.rows = [Array(numbers.dropFirst())]
            return [
                .paragraph(
                    "\(answered) 団体が回答し、合計は \(DOCXWriter.text(numbers[2]))\(spaced)、平均は \(DOCXWriter.text(numbers[3]))\(spaced)（最小 \(DOCXWriter.text(numbers[4]))\(spaced)、最大 \(DOCXWriter.text(numbers[5]))\(spaced)）です。"
                ),
                .table(table),
            ]
        case .table:
            let answering = municipalities.filter { !($0.answers.tables[item.id] ?? [:]).isEmpty }
            let rows = answering.reduce(0) { $0 + ($1.answers.tables[item.id]?.count ?? 0) }
            return [
                .paragraph(
                    "\(answering.count) 団体が計 \(rows) 行を回答しています。業務ごとの契約満了年度、ベンダー、費用と標準化の移行状況は「システム・契約の分析」（renkei report systems）にまとめています。"
                )
            ]
        default:
            let answered = municipalities.filter { municipality in
                guard let value = municipality.answers.values[item.id] else { return false }
                return value != .null && value != .string("")
            }.count
            return [.paragraph("\(answered) 団体が回答しています（記述・日付の回答は個別の回答表をご覧ください）。")]
        }
    }

    static func choiceFindings(_ item: QuestionnaireItem, counts: [[ReportCell]], national: [[ReportCell]])
        -> [WordDocument.Block]
    {
        let prefectureWide = national.filter { $0[2].text == "府内全体" }
        let byLabel = Dictionary(prefectureWide.map { ($0[1].text, $0) }, uniquingKeysWith: { first, _ in first })
        var columns = ["回答", "団体数", "割合(%)"]
        if !byLabel.isEmpty { columns += ["全国の割合(%)", "差（ポイント）"] }
        var table = ReportTable(name: item.id, columns: columns)
        for row in counts {
            var cells = Array(row.dropFirst())
            if !byLabel.isEmpty {
                let match = byLabel[row[1].text]
                cells += [match?[7] ?? .empty, match?[8] ?? .empty]
            }
            table.rows.append(cells)
        }
        let chosen = counts.filter { !["未回答", "対象外（表示条件）"].contains($0[1].text) }
        var sentences: [String] = []
        if let top = chosen.max(by: { (Double($0[2].text) ?? 0) < (Double($1[2].text) ?? 0) }),
            top[2].text != "0"
        {
            sentences.append("最も多い回答は「\(top[1].text)」で \(top[2].text) 団体（\(top[3].text)%）です。")
        } else {
            sentences.append("回答はまだありません。")
        }
        if let unanswered = counts.first(where: { $0[1].text == "未回答" }), unanswered[2].text != "0" {
            sentences.append("未回答は \(unanswered[2].text) 団体です。")
        }
        // Beside the national rate only once someone answered: 0% of nobody is no finding.
        for row in prefectureWide where !sentences.contains("回答はまだありません。") {
            guard case .decimal(let rate) = row[7], case .decimal(let difference) = row[8] else { continue }
            let direction = difference >= 0 ? "上回って" : "下回って"
            sentences.append(
                "「\(row[1].text)」は府内 \(row[5].text)% で、全国の市区町村（\(ReportCell.decimal(rate).text)%）を \(ReportCell.decimal(abs(difference)).text) ポイント\(direction)います。"
            )
        }
        return [.paragraph(sentences.joined()), .table(table)]
    }

    /// Every comparison with the national survey of an item someone answered in one table, and
    /// the widest gaps below the national rate named.
    static func nationalSummary(
        _ national: [String: [[ReportCell]]], survey: Questionnaire, municipalities: [SurveyReport.Municipality]
    ) -> [WordDocument.Block] {
        var table = ReportTable(name: "全国比較", columns: ["項目", "回答", "府内(%)", "全国(%)", "差（ポイント）"])
        var gaps: [(text: String, difference: Double)] = []
        for item in survey.items {
            // 0% of nobody is no finding: items nobody answered yet are left out.
            guard municipalities.contains(where: { ($0.answers.values[item.id] ?? .null) != .null }) else { continue }
            for row in national[SurveyReport.header(item)] ?? [] where row[2].text == "府内全体" {
                table.rows.append([row[0], row[1], row[5], row[7], row[8]])
                if case .decimal(let difference) = row[8] {
                    gaps.append(
                        ("「\(item.label)」の「\(row[1].text)」（\(ReportCell.decimal(difference).text) ポイント）", difference))
                }
            }
        }
        guard !table.rows.isEmpty else { return [] }
        let below = gaps.filter { $0.difference < 0 }.sorted { $0.difference < $1.difference }.prefix(3)
        var blocks: [WordDocument.Block] = [.heading("全国との比較（まとめ）", level: 1)]
        blocks.append(
            .paragraph(
                below.isEmpty
                    ? "全国の市区町村の割合を下回る項目はありません。"
                    : "全国の市区町村との差が大きく下回る項目は、\(below.map(\.text).joined(separator: "、"))です。重点的な支援の候補となります。"))
        blocks.append(.table(table))
        blocks.append(.note("回答のまだない項目は除いています。全国値の出典：\(nationalSource)"))
        return blocks
    }

    /// `count` of `total` as a percentage with one decimal (`7.0` → `7`).
    static func percentText(_ count: Double, of total: Int) -> String {
        ReportCell.decimal(ReportNumber.percent(count / Double(max(total, 1)))).text
    }
}
