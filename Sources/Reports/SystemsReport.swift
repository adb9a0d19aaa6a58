import Foundation
import Models

/// The advisor's analysis of the system inventories (`renkei report systems`): from every table
/// item that lists systems, when contracts end (the basis for joint procurement), which vendors
/// hold each 業務, what the systems cost per municipality, per 業務 and per inhabitant, and from
/// the migration table where 標準化 stands per 業務.
///
/// A table is a system inventory when it has the columns `category` (a single choice: the 業務),
/// `vendor_name` and `contract_end` (a date); `contract_amount_annual` and
/// `contract_amount_total` (money, yen) are summed when present. A migration table has fixed rows
/// (the 業務) and the column `migration_month` (a month), and may have `difficult` (yes/no). These
/// are the example survey's D01/E01 and D03; any survey that names its columns so gets the same
/// analysis. Only answers the survey accepts count, and only from municipalities the item is asked
/// of; a conflicted cell counts nowhere.
public enum SystemsReport {
    /// Every table of the analysis, in order: per inventory its contract calendar, vendors and
    /// cost per 業務; then cost per municipality; then the migration tables.
    /// - Parameter groupByKind: the per-municipality cost ordered by kind, and a table of cost
    ///   per kind of municipality.
    public static func tables(
        _ survey: Questionnaire, _ municipalities: [SurveyReport.Municipality], groupByKind: Bool = false
    ) -> [ReportTable] {
        let ordered = SurveyReport.ordered(municipalities, byKind: groupByKind)
        let inventories = survey.items.compactMap(Inventory.init)
        var tables: [ReportTable] = []
        var all: [Entry] = []
        for inventory in inventories {
            let entries = inventory.entries(survey, ordered)
            let window = YearWindow(entries.compactMap(\.endYear), from: survey.fiscalYear)
            tables.append(calendar(inventory, entries, window))
            tables.append(expiries(inventory, entries, window))
            tables.append(vendors(inventory, entries))
            tables.append(costPerCategory(inventory, entries))
            all += entries
        }
        if !inventories.isEmpty {
            tables.append(costPerMunicipality(all, ordered, byKind: groupByKind))
            if groupByKind { tables.append(costPerKind(all, ordered)) }
        }
        for item in survey.items {
            if let migration = Migration(item) { tables.append(migration.table(survey, ordered)) }
        }
        return tables
    }

    /// One system of one municipality, as its inventory row says.
    struct Entry {
        let municipality: String
        let name: String
        let category: String
        let vendor: String?
        /// The fiscal year (April-March) its contract ends in.
        let endYear: Int?
        /// Yen.
        let annual: Int64?
        let total: Int64?
    }

    /// A table item that lists systems (see the type's documentation).
    struct Inventory {
        let item: QuestionnaireItem
        let categories: [QuestionnaireItem.Choice]

        init?(_ item: QuestionnaireItem) {
            guard case .table(let columns, _) = item.kind,
                let category = columns.first(where: { $0.id == "category" }),
                case .singleChoice(let choices) = category.kind,
                columns.contains(where: { $0.id == "vendor_name" }),
                columns.contains(where: { if case .date = $0.kind { $0.id == "contract_end" } else { false } })
            else { return nil }
            self.item = item
            categories = choices
        }

        func label(_ code: String) -> String { categories.first { $0.code == code }?.label ?? code }

        /// Every answered row the survey accepts, of every municipality the item is asked of.
        func entries(_ survey: Questionnaire, _ municipalities: [SurveyReport.Municipality]) -> [Entry] {
            let schema = AnswerSchema(survey)
            var entries: [Entry] = []
            for municipality in municipalities {
                let answers = municipality.answers
                guard SurveyCheck.isVisible(item, answers: answers.values, tables: answers.tables) else { continue }
                for row in (answers.tables[item.id] ?? [:]).keys {
                    func cell(_ column: String) -> JSONValue? {
                        answers.countedCell(item, row: row, column: column, survey: survey.surveyID, schema: schema)
                    }
                    guard case .string(let category)? = cell("category") else { continue }
                    var vendor: String?
                    if case .string(let text)? = cell("vendor_name") {
                        let trimmed = text.trimmingCharacters(in: .whitespaces)
                        vendor = trimmed.isEmpty ? nil : trimmed
                    }
                    var endYear: Int?
                    if case .string(let date)? = cell("contract_end") { endYear = FiscalYear.containing(date) }
                    func money(_ column: String) -> Int64? {
                        if case .integer(let yen)? = cell(column) { return yen }
                        return nil
                    }
                    entries.append(
                        Entry(
                            municipality: municipality.code, name: municipality.name, category: category,
                            vendor: vendor, endYear: endYear, annual: money("contract_amount_annual"),
                            total: money("contract_amount_total")))
                }
            }
            return entries
        }
    }

    /// The fiscal years the contract tables show: from the first year a contract ends in at or
    /// after the survey's fiscal year (contracts that ended before it gathered in one column), at
    /// most `span` years, later ones gathered in the last. Anchored at the survey's year, not at
    /// the earliest answer, so that one municipality answering `0001-01-01` cannot push
    /// everyone's real contracts into the last column.
    struct YearWindow {
        let first: Int
        let last: Int
        /// Whether some contracts ended before `first` (a column of their own).
        let earlier: Bool
        /// Whether some contracts end after `last` (gathered in `last`'s column).
        let later: Bool

        /// nil without any year; `start` nil: the earliest year (a survey without a fiscal year).
        init?(_ years: [Int], from start: Int?, span: Int = 15) {
            guard let minimum = years.min(), let maximum = years.max() else { return nil }
            let anchor = start ?? minimum
            first = years.filter { $0 >= anchor }.min() ?? anchor
            last = max(first, min(maximum, first + span - 1))
            earlier = minimum < first
            later = maximum > last
        }

        /// The columns (rows) in order: nil for the earlier years when there are any, then each
        /// year of the window.
        var slots: [Int?] { (earlier ? [nil] : []) + (first...last).map { $0 } }

        /// A slot's label: `令和7年度（2025年度）より前` for the earlier years, a year's label, the
        /// last one `…以降` when it gathers later years.
        func label(_ year: Int?) -> String {
            guard let year else { return "\(FiscalYear.label(first))より前" }
            return "\(FiscalYear.label(year))\(year == last && later ? "以降" : "")"
        }

        /// Whether a contract ending in `end` belongs to the column or row of `year` (nil: the
        /// earlier one).
        func holds(_ end: Int, in year: Int?) -> Bool {
            guard let year else { return end < first }
            return year == last ? end >= last : end == year
        }
    }

    /// 業務 x fiscal year: how many contracts end that year, and whose (the basis for joint
    /// procurement), over `window`.
    static func calendar(_ inventory: Inventory, _ entries: [Entry], _ window: YearWindow?) -> ReportTable {
        guard let window else {
            return ReportTable(
                name: "\(inventory.item.id) 契約満了年度", columns: ["業務", "契約満了年度の回答なし"])
        }
        let columns = window.slots
        var table = ReportTable(
            name: "\(inventory.item.id) 契約満了年度", columns: ["業務"] + columns.map(window.label) + ["満了年度の回答なし"])
        for category in inventory.categories {
            let ofCategory = entries.filter { $0.category == category.code }
            guard !ofCategory.isEmpty else { continue }
            var row: [ReportCell] = [.text(category.label)]
            for year in columns {
                let ending = ofCategory.filter { entry in entry.endYear.map { window.holds($0, in: year) } ?? false }
                row.append(ending.isEmpty ? .empty : .text(Self.whose(ending)))
            }
            let unknown = ofCategory.filter { $0.endYear == nil }
            row.append(unknown.isEmpty ? .empty : .text(Self.whose(unknown)))
            table.rows.append(row)
        }
        return table
    }

    /// Contracts ending per fiscal year of `window` (every year, none skipped, so the chart's
    /// gaps are real), with a column chart: when the contracts fall due together.
    static func expiries(_ inventory: Inventory, _ entries: [Entry], _ window: YearWindow?) -> ReportTable {
        var table = ReportTable(
            name: "\(inventory.item.id) 契約満了（年度別）", columns: ["契約満了年度", "契約の数", "団体数"])
        guard let window else { return table }
        for year in window.slots {
            let ending = entries.filter { entry in entry.endYear.map { window.holds($0, in: year) } ?? false }
            table.rows.append([
                .text(window.label(year)), .integer(Int64(ending.count)),
                .integer(Int64(Set(ending.map(\.municipality)).count)),
            ])
        }
        table.chart = ReportChart(
            .column, title: "\(inventory.item.label)：年度別の契約満了", categoryColumn: 0, valueColumns: [1],
            valueAxisTitle: "契約の数")
        return table
    }

    /// `2（大阪市、堺市）`: how many, and which municipalities (each once, in code order).
    static func whose(_ entries: [Entry]) -> String {
        let names = entries.sorted { $0.municipality < $1.municipality }.map(\.name).uniqued
        return "\(entries.count)（\(names.joined(separator: "、"))）"
    }

    /// Per 業務, each vendor's number of municipalities and share of those answering the 業務.
    static func vendors(_ inventory: Inventory, _ entries: [Entry]) -> ReportTable {
        var table = ReportTable(
            name: "\(inventory.item.id) ベンダー", columns: ["業務", "ベンダー", "団体数", "割合(%)", "団体"])
        for category in inventory.categories {
            let ofCategory = entries.filter { $0.category == category.code }
            let answering = Set(ofCategory.map(\.municipality)).count
            guard answering > 0 else { continue }
            var byVendor: [String: [Entry]] = [:]
            for entry in ofCategory { byVendor[entry.vendor ?? "（未回答）", default: []].append(entry) }
            let ranked = byVendor.map {
                (vendor: $0.key, entries: $0.value, count: Set($0.value.map(\.municipality)).count)
            }
            .sorted { ($1.count, $0.vendor) < ($0.count, $1.vendor) }
            for vendor in ranked {
                let names = vendor.entries.sorted { $0.municipality < $1.municipality }.map(\.name)
                table.rows.append([
                    .text(category.label), .text(vendor.vendor), .integer(Int64(vendor.count)),
                    .decimal(ReportNumber.percent(vendor.count, of: answering)),
                    .text(names.uniqued.joined(separator: "、")),
                ])
            }
        }
        return table
    }

    /// Per 業務: systems, municipalities, annual cost (sum and mean) and per inhabitant of the
    /// municipalities that answered a cost.
    static func costPerCategory(_ inventory: Inventory, _ entries: [Entry]) -> ReportTable {
        var table = ReportTable(
            name: "\(inventory.item.id) 費用（業務別）",
            columns: ["業務", "システム数", "団体数", "年額合計(円)", "年額平均(円)", "住民一人当たり年額(円)", "契約総額合計(円)"])
        for category in inventory.categories {
            let ofCategory = entries.filter { $0.category == category.code }
            guard !ofCategory.isEmpty else { continue }
            let annual = ofCategory.compactMap(\.annual)
            let payers = Set(ofCategory.filter { $0.annual != nil }.map(\.municipality))
            let population = payers.compactMap(OsakaMunicipalityProfile.population(of:)).reduce(0, +)
            let sum = Self.sum(annual)
            table.rows.append([
                .text(category.label), .integer(Int64(ofCategory.count)),
                .integer(Int64(Set(ofCategory.map(\.municipality)).count)), sum.map(ReportCell.integer) ?? .empty,
                sum.map { .integer($0 / Int64(annual.count)) } ?? .empty,
                sum.map { Self.perInhabitant($0, population) } ?? .empty,
                Self.sum(ofCategory.compactMap(\.total)).map(ReportCell.integer) ?? .empty,
            ])
        }
        return table
    }

    /// Per municipality: its kind and population, and what its systems cost a year, in all and
    /// per inhabitant (every inventory together).
    static func costPerMunicipality(_ entries: [Entry], _ municipalities: [SurveyReport.Municipality], byKind: Bool)
        -> ReportTable
    {
        var table = ReportTable(
            name: "費用（団体別）",
            columns: [
                "団体コード", "団体名", byKind ? "区分（集計）" : "区分", "人口（令和2年国勢調査）", "システム数", "年額合計(円)", "住民一人当たり年額(円)",
                "契約総額合計(円)",
            ])
        for municipality in municipalities {
            let own = entries.filter { $0.municipality == municipality.code }
            let population = OsakaMunicipalityProfile.population(of: municipality.code)
            let annual = Self.sum(own.compactMap(\.annual))
            table.rows.append([
                .text(municipality.code), .text(municipality.name),
                .text(
                    (byKind
                        ? ComparisonReport.kindGroup(of: municipality.code)
                        : OsakaMunicipalityProfile.kind(of: municipality.code)) ?? ""),
                population.map { .integer(Int64($0)) } ?? .empty, .integer(Int64(own.count)),
                annual.map(ReportCell.integer) ?? .empty,
                annual.flatMap { yen in population.map { Self.perInhabitant(yen, $0) } } ?? .empty,
                Self.sum(own.compactMap(\.total)).map(ReportCell.integer) ?? .empty,
            ])
        }
        return table
    }

    /// Per kind of municipality: municipalities, systems, annual cost and per inhabitant.
    static func costPerKind(_ entries: [Entry], _ municipalities: [SurveyReport.Municipality]) -> ReportTable {
        var table = ReportTable(
            name: "費用（区分別）",
            columns: ["区分", "団体数", "人口（令和2年国勢調査）", "システム数", "年額合計(円)", "住民一人当たり年額(円)"])
        for kind in ComparisonReport.kinds {
            let members = Set(municipalities.map(\.code).filter { ComparisonReport.kindGroup(of: $0) == kind.name })
            let own = entries.filter { members.contains($0.municipality) }
            // Per inhabitant: of the municipalities that gave a cost.
            let payers = Set(own.filter { $0.annual != nil }.map(\.municipality))
            let population = members.compactMap(OsakaMunicipalityProfile.population(of:)).reduce(0, +)
            let payerPopulation = payers.compactMap(OsakaMunicipalityProfile.population(of:)).reduce(0, +)
            let annual = Self.sum(own.compactMap(\.annual))
            table.rows.append([
                .text(kind.name), .integer(Int64(members.count)), .integer(Int64(population)),
                .integer(Int64(own.count)), annual.map(ReportCell.integer) ?? .empty,
                annual.map { Self.perInhabitant($0, payerPopulation) } ?? .empty,
            ])
        }
        return table
    }

    /// Yen per inhabitant to one decimal; empty without inhabitants.
    static func perInhabitant(_ yen: Int64, _ population: Int) -> ReportCell {
        population > 0 ? .decimal(ReportNumber.oneDecimal(Double(yen) / Double(population))) : .empty
    }

    /// The sum of yen amounts, nil when there are none or it does not fit in 64 bits (then the
    /// cell stays empty rather than wrong).
    static func sum(_ amounts: [Int64]) -> Int64? {
        guard !amounts.isEmpty else { return nil }
        var total: Int64 = 0
        for amount in amounts {
            let (next, overflow) = total.addingReportingOverflow(amount)
            if overflow { return nil }
            total = next
        }
        return total
    }

    /// A fixed-row table with a `migration_month` column (see the type's documentation).
    struct Migration {
        let item: QuestionnaireItem
        let rows: [QuestionnaireItem.Choice]

        init?(_ item: QuestionnaireItem) {
            guard case .table(let columns, _) = item.kind, let rows = item.fixedRows,
                columns.contains(where: { if case .yearMonth = $0.kind { $0.id == "migration_month" } else { false } })
            else { return nil }
            self.item = item
            self.rows = rows
        }

        /// Per 業務: how many municipalities answered, when they plan to migrate (per fiscal
        /// year), and how many expect it to be difficult.
        func table(_ survey: Questionnaire, _ municipalities: [SurveyReport.Municipality]) -> ReportTable {
            let schema = AnswerSchema(survey)
            var table = ReportTable(
                name: "\(item.id) 標準化移行（業務別）",
                columns: ["業務", "回答団体数", "移行（予定）年度", "移行困難の見込み（団体数）", "移行困難の見込みの団体"])
            for row in rows {
                var years: [Int: Int] = [:]
                var answered = 0
                var difficult: [String] = []
                for municipality in municipalities {
                    let answers = municipality.answers
                    guard SurveyCheck.isVisible(item, answers: answers.values, tables: answers.tables),
                        answers.tables[item.id]?[row.code] != nil
                    else { continue }
                    func cell(_ column: String) -> JSONValue? {
                        answers.countedCell(
                            item, row: row.code, column: column, survey: survey.surveyID, schema: schema)
                    }
                    answered += 1
                    if case .string(let month)? = cell("migration_month"),
                        let year = FiscalYear.containing(month)
                    {
                        years[year, default: 0] += 1
                    }
                    switch cell("difficult") {
                    case .string("yes")?, .bool(true)?: difficult.append(municipality.name)
                    default: break
                    }
                }
                guard answered > 0 else { continue }
                let plan = years.keys.sorted().map { "\(FiscalYear.label($0)): \(years[$0]!)" }.joined(separator: "、")
                table.rows.append([
                    .text(row.label), .integer(Int64(answered)), .text(plan), .integer(Int64(difficult.count)),
                    .text(difficult.joined(separator: "、")),
                ])
            }
            return table
        }
    }
}

extension Array where Element == String {
    /// These strings with repeats left out, first occurrence first.
    fileprivate var uniqued: [String] {
        var seen: Set<String> = []
        return filter { seen.insert($0).inserted }
    }
}
