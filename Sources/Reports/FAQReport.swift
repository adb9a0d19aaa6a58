import Models

/// The FAQ the advisor builds from hearings: items flagged `faq`, grouped by the focus areas
/// the advisor published (`HearingCategories`, in its order), each with the municipality and hearing date.
public enum FAQReport {
    public struct Entry: Sendable {
        /// nil when the item names no category the published list has (shown as 未分類).
        public let category: HearingCategory?
        /// The category's place in the published list (the FAQ's order).
        public let order: Int
        public let question: String
        public let answer: String
        public let municipalityCode: String
        public let municipalityName: String
        /// The hearing's date, `YYYY-MM-DD` ("" when unknown).
        public let date: String

        public init(
            category: HearingCategory?, order: Int, question: String, answer: String, municipalityCode: String,
            municipalityName: String, date: String
        ) {
            self.category = category
            self.order = category == nil ? Int.max : order
            self.question = question
            self.answer = answer
            self.municipalityCode = municipalityCode
            self.municipalityName = municipalityName
            self.date = date
        }

        var categoryLabel: String { category?.label ?? "未分類" }

        /// The entry as it may be shared with every municipality: its municipality is only its
        /// kind and size (`中核市（人口30万人以上）`), its date only the month, so that the answer
        /// cannot be traced to the municipality that gave it.
        public var anonymized: Entry {
            Entry(
                category: category, order: order, question: question, answer: answer, municipalityCode: "",
                municipalityName: FAQReport.anonymousName(of: municipalityCode), date: String(date.prefix(7)))
        }
    }

    /// A municipality as its kind and population band (`町村（人口1万人未満）`).
    static func anonymousName(of code: String) -> String {
        let kind = ComparisonReport.kindGroup(of: code) ?? "府外の団体"
        guard let population = OsakaMunicipalityProfile.population(of: code) else { return kind }
        let band =
            switch population {
            case ..<10_000: "人口1万人未満"
            case ..<50_000: "人口1万〜5万人"
            case ..<100_000: "人口5万〜10万人"
            case ..<300_000: "人口10万〜30万人"
            default: "人口30万人以上"
            }
        return "\(kind)（\(band)）"
    }

    static func sorted(_ entries: [Entry]) -> [Entry] {
        entries.sorted {
            ($0.order, $0.date, $0.municipalityCode, $0.question) < (
                $1.order, $1.date, $1.municipalityCode, $1.question
            )
        }
    }

    public static func table(_ entries: [Entry]) -> ReportTable {
        var table = ReportTable(name: "FAQ", columns: ["分類", "質問", "回答", "団体コード", "団体名", "ヒアリング日"])
        for entry in sorted(entries) {
            table.rows.append([
                .text(entry.categoryLabel), .text(entry.question), .text(entry.answer), .text(entry.municipalityCode),
                .text(entry.municipalityName), entry.date.isEmpty ? .empty : ReportCell.dateOrText(entry.date),
            ])
        }
        return table
    }

    /// `## 分類` headings, then `### Q. …` with the answer and where it came from. Everything
    /// staff wrote (question, answer, date) is escaped so it renders as literal text.
    public static func markdown(title: String, _ entries: [Entry]) -> String {
        var out = "# \(MarkdownText.escaped(title))\n"
        var current: String?
        for entry in sorted(entries) {
            if entry.categoryLabel != current {
                current = entry.categoryLabel
                out += "\n## \(MarkdownText.escaped(entry.categoryLabel))\n"
            }
            out += "\n### Q. \(MarkdownText.escaped(entry.question))\n\n"
            out += "A. \(MarkdownText.escaped(entry.answer))\n\n"
            let date = entry.date.isEmpty ? "日付不明" : MarkdownText.escaped(entry.date)
            out += "（\(MarkdownText.escaped(entry.municipalityName))・\(date)）\n"
        }
        if entries.isEmpty { out += "\nFAQ に載せる項目はまだありません。\n" }
        return out
    }
}

extension FAQReport {
    /// The FAQ as a Word document: a numbered section per focus area, each question a heading
    /// (`Q. …`), its answer, and where it came from in a note.
    public static func document(title: String, subtitle: [String], _ entries: [Entry]) -> WordDocument {
        var document = WordDocument(title: title, subtitle: subtitle)
        guard !entries.isEmpty else {
            document.blocks.append(.paragraph("FAQ に載せる項目はまだありません。"))
            return document
        }
        document.blocks.append(
            .paragraph(
                "ヒアリングで伺った質問と回答のうち、他の団体にも役立つものを DX 推進の重点分野ごとにまとめました（\(entries.count) 件）。"))
        var current: String?
        for entry in sorted(entries) {
            if entry.categoryLabel != current {
                current = entry.categoryLabel
                document.blocks.append(.heading(entry.categoryLabel, level: 1))
            }
            document.blocks.append(.heading("Q. \(entry.question)", level: 3))
            document.blocks.append(.paragraph("A. \(entry.answer)"))
            document.blocks.append(.note("（\(entry.municipalityName)・\(entry.date.isEmpty ? "日付不明" : entry.date)）"))
        }
        return document
    }
}
