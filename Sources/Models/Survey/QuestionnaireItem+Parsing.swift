import Localization

/// How an item's type and choices are read from the schema, strictly (the path of the first bad
/// member in every error).
extension QuestionnaireItem {
    static func kind(_ object: WireObject, isColumn: Bool) throws(ModelError) -> Kind {
        func optionalInt(_ name: String) throws(ModelError) -> Int64? {
            object.optionalValue(name) == nil ? nil : try object.int64(name)
        }
        func bounds() throws(ModelError) -> (Int64?, Int64?) {
            let (low, high) = (try optionalInt("min"), try optionalInt("max"))
            if let low, let high, low > high {
                throw .invalidField(path: object.path(of: "min"), reason: localized("questionnaire.min.above.max"))
            }
            return (low, high)
        }
        let type = try object.string("type")
        switch type {
        case "text":
            var pattern: TextPattern?
            if object.optionalValue("pattern") != nil {
                let source = try object.string("pattern")
                do {
                    pattern = try TextPattern(source)
                } catch {
                    throw .invalidField(
                        path: object.path(of: "pattern"),
                        reason: localized("questionnaire.pattern.invalid", ["reason": error.reason]))
                }
            }
            return .text(maxLength: try optionalInt("max_length").map(Int.init), pattern: pattern)
        case "textarea":
            return .textarea(maxLength: try optionalInt("max_length").map(Int.init))
        case "integer":
            let (low, high) = try bounds()
            return .integer(min: low, max: high)
        case "money":
            let (low, high) = try bounds()
            return .money(min: low, max: high)
        case "date":
            return .date
        case "year_month":
            return .yearMonth
        case "decimal", "percent":
            let scale = try optionalInt("scale") ?? (type == "percent" ? 1 : 2)
            guard (0...6).contains(scale) else {
                throw .invalidField(path: object.path(of: "scale"), reason: localized("questionnaire.scale"))
            }
            if type == "percent" { return .percent(scale: Int(scale)) }
            func number(_ name: String) throws(ModelError) -> Double? {
                switch object.optionalValue(name) {
                case nil: return nil
                case .integer(let value)?: return Double(value)
                case .double(let value)?: return value
                default: throw .invalidField(path: object.path(of: name), reason: localized("questionnaire.number"))
                }
            }
            let (low, high) = (try number("min"), try number("max"))
            if let low, let high, low > high {
                throw .invalidField(path: object.path(of: "min"), reason: localized("questionnaire.min.above.max"))
            }
            return .decimal(scale: Int(scale), min: low, max: high)
        case "boolean":
            guard object.optionalValue("choices") != nil else { return .boolean(choices: nil) }
            let choices = try choices(object)
            guard choices.count == 2 else {
                throw .invalidField(
                    path: object.path(of: "choices"), reason: localized("questionnaire.boolean.choices"))
            }
            return .boolean(choices: choices)
        case "single_choice":
            return .singleChoice(try choices(object))
        case "multi_choice":
            let choices = try choices(object)
            var exclusive: Set<String> = []
            if object.optionalValue("exclusive") != nil {
                for (index, code) in try object.array("exclusive").enumerated() {
                    guard case .string(let text) = code, choices.contains(where: { $0.code == text }) else {
                        throw .invalidField(
                            path: "\(object.path(of: "exclusive"))[\(index)]",
                            reason: localized("questionnaire.exclusive.unknown"))
                    }
                    exclusive.insert(text)
                }
            }
            return .multiChoice(choices, exclusive: exclusive)
        case "table":
            guard !isColumn else {
                throw .invalidField(path: object.path(of: "type"), reason: localized("questionnaire.table.in.table"))
            }
            var columns: [QuestionnaireItem] = []
            // Columns by id, so that every check below is one lookup (a list searched per column
            // made a table of many columns cost its square).
            var columnsByID: [String: QuestionnaireItem] = [:]
            let columnValues = try object.array(
                "columns", atMost: QuestionnaireItem.maxColumns,
                reason: localized("questionnaire.too.many.columns", ["limit": QuestionnaireItem.maxColumns]))
            for (index, value) in columnValues.enumerated() {
                let column = try QuestionnaireItem(
                    json: value, path: "\(object.path(of: "columns"))[\(index)]", isColumn: true)
                guard column.id != CarryOver.field else {
                    throw .invalidField(
                        path: "\(object.path(of: "columns"))[\(index)].id",
                        reason: localized("questionnaire.column.reserved", ["field": CarryOver.field]))
                }
                guard columnsByID.updateValue(column, forKey: column.id) == nil else {
                    throw .invalidField(
                        path: "\(object.path(of: "columns"))[\(index)].id",
                        reason: localized("questionnaire.column.twice", ["column": column.id]))
                }
                columns.append(column)
            }
            guard !columns.isEmpty else {
                throw .invalidField(
                    path: object.path(of: "columns"), reason: localized("questionnaire.table.no.columns"))
            }
            let rowKey = object.optionalValue("row_key") == nil ? nil : try object.string("row_key")
            if let rowKey, columnsByID[rowKey] == nil {
                throw .invalidField(
                    path: object.path(of: "row_key"), reason: localized("questionnaire.row.key.unknown"))
            }
            for column in columns {
                for condition in [column.visibleIf, column.requiredIf].compactMap({ $0 }) where condition.isColumn {
                    guard let subject = columnsByID[condition.subject] else {
                        let values = ["column": column.id, "subject": condition.subject]
                        throw .invalidField(
                            path: object.path(of: "columns"),
                            reason: localized("questionnaire.column.condition.unknown", values))
                    }
                    if let value = condition.impossibleValue(for: subject) {
                        let values = ["column": column.id, "subject": condition.subject, "value": value]
                        throw .invalidField(
                            path: object.path(of: "columns"),
                            reason: localized("questionnaire.column.condition.impossible", values))
                    }
                }
            }
            return .table(columns: columns, rowKey: rowKey)
        default:
            throw .invalidField(
                path: object.path(of: "type"),
                reason: localized("questionnaire.unknown.type", ["type": Printable.quoted(type)]))
        }
    }

    static func choices(_ object: WireObject, member: String = "choices") throws(ModelError) -> [Choice] {
        var choices: [Choice] = []
        for (index, value) in try object.array(member).enumerated() {
            let path = "\(object.path(of: member))[\(index)]"
            let choice = try WireObject(value, path: path)
            try choice.finish(known: ["value", "label", "hint"])
            let code = try choice.string("value")
            guard !code.isEmpty,
                code.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F })
            else {
                throw .invalidField(path: "\(path).value", reason: localized("questionnaire.choice.code"))
            }
            guard !choices.contains(where: { $0.code == code }) else {
                throw .invalidField(
                    path: "\(path).value", reason: localized("questionnaire.choice.twice", ["code": code]))
            }
            choices.append(Choice(code: code, label: try choice.string("label")))
        }
        guard !choices.isEmpty else {
            throw .invalidField(path: object.path(of: member), reason: localized("questionnaire.choices.empty"))
        }
        guard member == "choices" else { return choices }
        // `allow_other_text`: an "other" choice (`otherChoice`) whose free text the survey asks
        // in a field shown when it is chosen (`visible_if … equals "other"`).
        if object.optionalValue("allow_other_text") != nil, try object.bool("allow_other_text"),
            !choices.contains(where: { $0.code == otherChoice.code })
        {
            choices.append(otherChoice)
        }
        return choices
    }

    /// The units a money item may be answered in, with how many yen one of each is.
    public static let moneyUnits: [String: Int64] = ["円": 1, "千円": 1_000]

    /// Yen per unit people answer a money item in (1, or 1,000 for `千円`); 1 for other items.
    public var moneyFactor: Int64 {
        guard case .money = kind else { return 1 }
        return unit.flatMap { Self.moneyUnits[$0] } ?? 1
    }

    /// The choice `allow_other_text: true` adds at the end of an item's choices (unless the
    /// survey lists a choice coded `other` itself).
    public static let otherChoice = Choice(code: "other", label: "その他")
}
