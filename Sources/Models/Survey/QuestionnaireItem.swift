import Localization

/// One question of a survey (or one column of a table item), with its type and constraints.
public struct QuestionnaireItem: Sendable, Equatable {
    /// Stable id, e.g. `B07` (letters, digits, `_`, `-`); answers are stored under it.
    public let id: String
    /// The Japanese question text.
    public let label: String
    public let kind: Kind
    public let required: Bool
    public let requiredIf: QuestionnaireCondition?
    public let visibleIf: QuestionnaireCondition?
    /// Codelists the answer must be in (`in_codelist:NAME` validators).
    public let codelists: [String]
    /// Whether the answer is a municipality code whose check digit must be right.
    public let checksMunicipalityCode: Bool
    /// Display unit, e.g. `人` or `円`.
    public let unit: String?
    /// Guidance shown beside the question (`例: 大阪市 271004`).
    public let hint: String?
    /// For tables: rules each row must satisfy (e.g. end date >= start date).
    public let rowRules: [TableRowRule]
    /// For tables: rules across rows (e.g. no two rows with the same key columns).
    public let uniqueColumnSets: [(columns: [String], message: String)]
    /// For tables with fixed rows (a matrix: the 26 procedures x columns): the rows, by code and
    /// label, in the survey's order. Answers name a row by its code; no other row exists; a
    /// required table must have every row answered. Nil for tables whose rows people add.
    public let fixedRows: [Choice]?
    /// The national survey's topic and answers this item's choices match (`NationalLink`).
    public let national: NationalLink?

    public static func == (lhs: QuestionnaireItem, rhs: QuestionnaireItem) -> Bool {
        lhs.id == rhs.id && lhs.label == rhs.label && lhs.kind == rhs.kind && lhs.required == rhs.required
            && lhs.requiredIf == rhs.requiredIf && lhs.visibleIf == rhs.visibleIf && lhs.codelists == rhs.codelists
            && lhs.checksMunicipalityCode == rhs.checksMunicipalityCode && lhs.unit == rhs.unit && lhs.hint == rhs.hint
            && lhs.rowRules == rhs.rowRules && lhs.fixedRows == rhs.fixedRows && lhs.national == rhs.national
            && lhs.uniqueColumnSets.elementsEqual(rhs.uniqueColumnSets) {
                $0.columns == $1.columns && $0.message == $1.message
            }
    }

    /// Choice codes are stored; labels are for display and reports.
    public struct Choice: Sendable, Equatable {
        /// `a-z`, `0-9`, `_`; stable across years.
        public let code: String
        public let label: String
    }

    public enum Kind: Sendable, Equatable {
        case text(maxLength: Int?, pattern: TextPattern?)
        case textarea(maxLength: Int?)
        case integer(min: Int64?, max: Int64?)
        /// Yen, as an integer. With `unit: "千円"` people answer in thousands of yen
        /// (`QuestionnaireItem.moneyFactor`); it is still stored in yen.
        case money(min: Int64?, max: Int64?)
        /// A number with at most `scale` digits after the point (0...6), stored as a JSON number.
        case decimal(scale: Int, min: Double?, max: Double?)
        /// A percentage from 0 to 100 with at most `scale` digits after the point, stored as the
        /// number of percent (`12.5` for 12.5%).
        case percent(scale: Int)
        /// A month, `YYYY-MM` (a migration date, a contract's end).
        case yearMonth
        /// ISO 8601 calendar date, `YYYY-MM-DD`.
        case date
        /// Yes or no. With choices (`yes`/`no` and their labels) the answer is stored as the choice
        /// code, like every choice, so conditions such as `{"item": "B01", "equals": "yes"}` hold;
        /// without choices it is stored as `true` / `false`.
        case boolean(choices: [Choice]?)
        case singleChoice([Choice])
        /// Stored as an array of codes; an `exclusive` code (e.g. `none`) stands alone.
        case multiChoice([Choice], exclusive: Set<String>)
        /// Rows keyed by row id, each an object of column answers.
        case table(columns: [QuestionnaireItem], rowKey: String?)

        /// The schema's name for the type.
        public var typeName: String {
            switch self {
            case .text: return "text"
            case .textarea: return "textarea"
            case .integer: return "integer"
            case .money: return "money"
            case .decimal: return "decimal"
            case .percent: return "percent"
            case .yearMonth: return "year_month"
            case .date: return "date"
            case .boolean: return "boolean"
            case .singleChoice: return "single_choice"
            case .multiChoice: return "multi_choice"
            case .table: return "table"
            }
        }
    }

    /// Columns one table may have. A table of the Osaka survey has up to a dozen; the bound
    /// keeps what a check, a form or a workbook does with one table in proportion to a survey
    /// someone could fill in.
    public static let maxColumns = 100
    /// Row rules one table may have, and unique rules (`table_rules`) likewise: each is judged
    /// on every row of every municipality's answers.
    public static let maxTableRules = 20
    /// Columns one unique rule may combine.
    public static let maxUniqueColumns = 10

    /// Why a table's rules are refused for their number or width.
    static var tableRulesTooMany: String {
        localized("questionnaire.too.many.table.rules", ["limit": maxTableRules, "columns": maxUniqueColumns])
    }

    static let knownMembers: Set<String> = [
        "id", "label", "type", "required", "required_if", "visible_if", "hint", "notes", "pattern", "max_length", "min",
        "max", "unit", "currency", "tax", "scale", "choices", "rows", "exclusive", "allow_other_text", "validators",
        "columns",
        "row_key",
        "row_rules", "table_rules", "national",
    ]

    init(json: JSONValue, path: String, isColumn: Bool) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: Self.knownMembers)
        id = try object.string("id")
        guard !id.isEmpty, id.utf8.count <= 32,
            id.utf8.allSatisfy({
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F
                    || $0 == 0x2D
            })
        else { throw .invalidField(path: object.path(of: "id"), reason: localized("questionnaire.item.id")) }
        label = try object.string("label")
        guard !label.isEmpty else {
            throw .invalidField(path: object.path(of: "label"), reason: localized("questionnaire.label.empty"))
        }
        required = object.optionalValue("required") == nil ? false : try object.bool("required")
        requiredIf = try object.optionalValue("required_if").map { value throws(ModelError) in
            try QuestionnaireCondition(json: value, path: object.path(of: "required_if"))
        }
        visibleIf = try object.optionalValue("visible_if").map { value throws(ModelError) in
            try QuestionnaireCondition(json: value, path: object.path(of: "visible_if"))
        }
        unit = object.optionalValue("unit") == nil ? nil : try object.string("unit")
        hint = object.optionalValue("hint") == nil ? nil : try object.string("hint")
        var codelists: [String] = []
        var checksCode = false
        if object.optionalValue("validators") != nil {
            for (index, validator) in try object.array("validators").enumerated() {
                guard case .string(let name) = validator else {
                    throw .invalidField(
                        path: "\(object.path(of: "validators"))[\(index)]",
                        reason: localized("questionnaire.validator.name"))
                }
                if name == "lg_code_check_digit" {
                    checksCode = true
                } else if name.hasPrefix("in_codelist:") {
                    codelists.append(String(name.dropFirst("in_codelist:".count)))
                } else {
                    throw .invalidField(
                        path: "\(object.path(of: "validators"))[\(index)]",
                        reason: localized("questionnaire.unknown.validator", ["name": Printable.quoted(name)]))
                }
            }
        }
        self.codelists = codelists
        checksMunicipalityCode = checksCode
        let kind = try Self.kind(object, isColumn: isColumn)
        self.kind = kind
        national = try object.optionalValue("national").map { value throws(ModelError) in
            let codes: [String]
            switch kind {
            case .boolean(let choices): codes = choices?.map(\.code) ?? ["yes", "no"]
            case .singleChoice(let choices), .multiChoice(let choices, _): codes = choices.map(\.code)
            default:
                throw .invalidField(path: object.path(of: "national"), reason: localized("questionnaire.national.kind"))
            }
            return try NationalLink(json: value, path: object.path(of: "national"), choices: codes)
        }
        if case .money = kind, let unit, !Self.moneyUnits.keys.contains(unit) {
            throw .invalidField(path: object.path(of: "unit"), reason: localized("questionnaire.money.unit"))
        }
        var rowRules: [TableRowRule] = []
        var unique: [(columns: [String], message: String)] = []
        if case .table(let columns, _) = kind {
            let names = Set(columns.map(\.id))
            if object.optionalValue("row_rules") != nil {
                for (index, value) in try object.array(
                    "row_rules", atMost: Self.maxTableRules, reason: Self.tableRulesTooMany
                )
                .enumerated() {
                    let rule = try TableRowRule(json: value, path: "\(object.path(of: "row_rules"))[\(index)]")
                    for column in [rule.left, rule.right] where !names.contains(column) {
                        throw .invalidField(
                            path: "\(object.path(of: "row_rules"))[\(index)]",
                            reason: localized("questionnaire.unknown.column", ["column": column]))
                    }
                    rowRules.append(rule)
                }
            }
            if object.optionalValue("table_rules") != nil {
                for (index, value) in try object.array(
                    "table_rules", atMost: Self.maxTableRules, reason: Self.tableRulesTooMany
                )
                .enumerated() {
                    let path = "\(object.path(of: "table_rules"))[\(index)]"
                    let rule = try WireObject(value, path: path)
                    try rule.finish(known: ["rule", "columns", "message"])
                    guard try rule.string("rule") == "unique" else {
                        throw .invalidField(
                            path: rule.path(of: "rule"), reason: localized("questionnaire.table.rule.unique"))
                    }
                    var set: [String] = []
                    for element in try rule.array("columns") {
                        // Each column once: a set naming one column ten times made every row's key
                        // ten copies of its longest cell (an outside review).
                        guard case .string(let column) = element, names.contains(column), !set.contains(column) else {
                            throw .invalidField(
                                path: rule.path(of: "columns"), reason: localized("questionnaire.table.rule.columns"))
                        }
                        set.append(column)
                    }
                    guard set.count <= Self.maxUniqueColumns else {
                        throw .invalidField(path: rule.path(of: "columns"), reason: Self.tableRulesTooMany)
                    }
                    unique.append((set, try rule.string("message")))
                }
            }
        } else if object.optionalValue("row_rules") != nil || object.optionalValue("table_rules") != nil
            || object.optionalValue("rows") != nil
        {
            throw .invalidField(
                path: object.path(of: "row_rules"), reason: localized("questionnaire.rows.not.table"))
        }
        self.rowRules = rowRules
        uniqueColumnSets = unique
        fixedRows = object.optionalValue("rows") == nil ? nil : try Self.choices(object, member: "rows")
    }
}
