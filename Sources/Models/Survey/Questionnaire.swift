import Localization

/// A survey's schema, stored as data in the `surveys` collection: sections of typed items,
/// conditions, choice codes with Japanese labels, and cross-item rules.
///
/// Parsing checks the whole schema and refuses it with the path of the first offending part
/// (`sections[1].items[4].choices[2].value`). Answers are stored per item as JSON values:
/// text and dates as strings, integers and money (yen) as integers, booleans as `true`/`false`,
/// choices as their codes, tables as objects of rows keyed by row id.
///
/// ```swift
/// let survey = try Questionnaire(parsing: bytes)
/// if let problem = survey.item("B07")?.check(.integer(-1)) { print(problem.japanese) }
/// ```
public struct Questionnaire: Sendable, Equatable {
    /// The record id in `surveys`, e.g. `osaka-dx-2025` (a valid record name).
    public let surveyID: String
    public let title: String
    /// The fiscal year the survey is about (e.g. 2025 for 令和7年度).
    public let fiscalYear: Int?
    /// The date answers describe (基準日), `YYYY-MM-DD`: the start of `fiscal_year.period`.
    public let referenceDate: String?
    public let sections: [Section]
    /// Items one survey may have, across its sections. The Osaka survey has about a hundred;
    /// the bound keeps what a submission's check, a form or a report does with one survey in
    /// proportion to one someone could fill in.
    public static let maxItems = 2_000
    /// Cross-item rules one survey may have (the example survey has 6).
    public static let maxCrossItemRules = 200
    public let crossItemRules: [CrossItemRule]
    /// Named lists of allowed codes (e.g. `osaka_municipalities`).
    public let codelists: [String: Codelist]

    public struct Section: Sendable, Equatable {
        public let id: String
        public let title: String
        public let items: [QuestionnaireItem]
    }

    /// Every item in order, across sections.
    public var items: [QuestionnaireItem] { sections.flatMap(\.items) }

    /// The item with `id`, if any.
    public func item(_ id: String) -> QuestionnaireItem? { items.first { $0.id == id } }

    /// Parses and checks a schema document.
    ///
    /// - Throws: `ModelError.malformedJSON` or `.invalidField` naming the offending part.
    public init(parsing bytes: some Collection<UInt8>) throws(ModelError) {
        try self.init(json: JSONValue(parsing: bytes))
    }

    static let knownMembers: Set<String> = [
        "schema_version", "survey_id", "title", "status", "reference_date_rule", "fiscal_year", "conventions", "types",
        "sections", "cross_item_rules", "codelists",
    ]

    public init(json: JSONValue) throws(ModelError) {
        let object = try WireObject(json, path: "")
        try object.finish(known: Self.knownMembers)
        let surveyID = try object.string("survey_id")
        try object.checked("survey_id") { () throws(ModelError) in
            try RecordKey.checkText(surveyID, part: localized("questionnaire.part.survey.id"), limit: 64)
            if surveyID.contains("/") {
                throw .invalidKey(
                    part: localized("questionnaire.part.survey.id"), value: surveyID,
                    reason: localized("questionnaire.survey.id.slash"))
            }
        }
        self.surveyID = surveyID
        title = try object.string("title")
        if let year = object.optionalValue("fiscal_year") {
            switch year {
            case .integer(let value):
                fiscalYear = Int(value)
                referenceDate = nil
            case .object(let members):
                guard case .integer(let value)? = members["value"] else {
                    throw .invalidField(path: "fiscal_year.value", reason: localized("questionnaire.fiscal.year.value"))
                }
                fiscalYear = Int(value)
                if case .array(let period)? = members["period"], case .string(let start)? = period.first {
                    guard QuestionnaireItem.isISODate(start) else {
                        throw .invalidField(
                            path: "fiscal_year.period[0]", reason: localized("questionnaire.fiscal.year.period"))
                    }
                    referenceDate = start
                } else {
                    referenceDate = nil
                }
            default: throw .invalidField(path: "fiscal_year", reason: localized("questionnaire.fiscal.year.shape"))
            }
        } else {
            fiscalYear = nil
            referenceDate = nil
        }
        var codelists: [String: Codelist] = [:]
        if case .object(let lists)? = object.optionalValue("codelists") {
            for (name, list) in lists {
                codelists[name] = try Codelist(json: list, path: "codelists.\(name)")
            }
        }
        self.codelists = codelists

        var sections: [Section] = []
        var seen: Set<String> = []
        var itemCount = 0
        for (sectionIndex, sectionValue) in try object.array("sections").enumerated() {
            let path = "sections[\(sectionIndex)]"
            let section = try WireObject(sectionValue, path: path)
            try section.finish(known: ["id", "title", "items", "notes", "hint"])
            var items: [QuestionnaireItem] = []
            for (itemIndex, itemValue) in try section.array("items").enumerated() {
                itemCount += 1
                guard itemCount <= Self.maxItems else {
                    throw .invalidField(
                        path: "\(path).items[\(itemIndex)]",
                        reason: localized("questionnaire.too.many.items", ["limit": Self.maxItems]))
                }
                let item = try QuestionnaireItem(json: itemValue, path: "\(path).items[\(itemIndex)]", isColumn: false)
                guard seen.insert(item.id).inserted else {
                    throw .invalidField(
                        path: "\(path).items[\(itemIndex)].id",
                        reason: localized("questionnaire.item.twice", ["item": item.id]))
                }
                items.append(item)
            }
            sections.append(Section(id: try section.string("id"), title: try section.string("title"), items: items))
        }
        guard !sections.isEmpty else {
            throw .invalidField(path: "sections", reason: localized("questionnaire.no.section"))
        }
        self.sections = sections

        // Conditions refer to items that exist (earlier or later), validators to known lists.
        let all = sections.flatMap(\.items)
        // Items by id (unique, checked above): one lookup per reference, where a search of the
        // list per condition made a survey of 26,000 items take 8.8 s to read, inside the write
        // transaction of every submission to it (a seventh outside review).
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        for (sectionIndex, section) in sections.enumerated() {
            for (itemIndex, item) in section.items.enumerated() {
                let path = "sections[\(sectionIndex)].items[\(itemIndex)]"
                for (name, condition) in [("visible_if", item.visibleIf), ("required_if", item.requiredIf)] {
                    guard let condition else { continue }
                    guard let subject = byID[condition.subject] else {
                        throw .invalidField(
                            path: "\(path).\(name)",
                            reason: localized("questionnaire.unknown.item", ["item": condition.subject]))
                    }
                    if let value = condition.impossibleValue(for: subject) {
                        let values = ["item": condition.subject, "value": value]
                        throw .invalidField(
                            path: "\(path).\(name)", reason: localized("questionnaire.condition.impossible", values))
                    }
                }
                for list in item.codelists where codelists[list] == nil {
                    throw .invalidField(
                        path: "\(path).validators", reason: localized("questionnaire.unknown.codelist", ["list": list]))
                }
                if case .table(let columns, _) = item.kind {
                    for (columnIndex, column) in columns.enumerated() {
                        for list in column.codelists where codelists[list] == nil {
                            throw .invalidField(
                                path: "\(path).columns[\(columnIndex)].validators",
                                reason: localized("questionnaire.unknown.codelist", ["list": list]))
                        }
                    }
                }
            }
        }
        var ruleValues: [JSONValue] = []
        if let value = object.optionalValue("cross_item_rules") {
            guard case .array(let elements) = value else {
                throw .invalidField(path: "cross_item_rules", reason: localized("questionnaire.rules.array"))
            }
            ruleValues = elements
        }
        guard ruleValues.count <= Self.maxCrossItemRules else {
            throw .invalidField(
                path: "cross_item_rules",
                reason: localized("questionnaire.too.many.rules", ["limit": Self.maxCrossItemRules]))
        }
        var rules: [CrossItemRule] = []
        for (index, ruleValue) in ruleValues.enumerated() {
            let rule = try CrossItemRule(json: ruleValue, path: "cross_item_rules[\(index)]")
            if let unknown = rule.referencedItems.first(where: { byID[$0] == nil }) {
                throw .invalidField(
                    path: "cross_item_rules[\(index)]",
                    reason: localized("questionnaire.unknown.item", ["item": unknown]))
            }
            if case .sum(let parts, _) = rule.kind {
                for part in parts {
                    guard let column = part.column else { continue }
                    guard let table = byID[part.item],
                        case .table(let columns, _) = table.kind, columns.contains(where: { $0.id == column })
                    else {
                        throw .invalidField(
                            path: "cross_item_rules[\(index)].parts",
                            reason: localized("questionnaire.sum.not.column", ["part": part.description]))
                    }
                }
            }
            rules.append(rule)
        }
        crossItemRules = rules
    }
}
