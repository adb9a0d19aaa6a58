import Localization

extension QuestionnaireItem {
    /// Checks one stored answer against the item's type and constraints; nil when it is valid.
    ///
    /// `null` means "not answered" and is always accepted here (required items are reported by
    /// the survey-level check, which knows the conditions). Codelists that live in external
    /// files are checked by whoever loaded them (`externalCodes`).
    /// `work`: the pattern steps these checks may take (`PatternWork`); nil: no bound.
    public func check(
        _ value: JSONValue, path: String? = nil, externalCodes: [String: Set<String>] = [:], work: PatternWork? = nil
    ) -> AnswerProblem? {
        let path = path ?? id
        if value == .null { return nil }
        switch kind {
        case .text(let maxLength, let pattern):
            guard case .string(let text) = value else {
                return AnswerProblem(path) { localized("answer.text.expected", in: $0) }
            }
            if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                return AnswerProblem(path) { localized("answer.text.control", in: $0) }
            }
            if let maxLength, text.count > maxLength {
                return AnswerProblem(path) { localized("answer.text.too.long", ["max": maxLength], in: $0) }
            }
            if let pattern, !pattern.matches(text, work: work) {
                return AnswerProblem(path) { localized("answer.text.format", in: $0) }
            }
            if checksMunicipalityCode, (try? MunicipalityCode(validating: text)) == nil {
                return AnswerProblem(path) { localized("answer.code.check.digit", in: $0) }
            }
            return codelistProblem(text, path: path, externalCodes: externalCodes)
        case .textarea(let maxLength):
            guard case .string(let text) = value else {
                return AnswerProblem(path) { localized("answer.text.expected", in: $0) }
            }
            if let maxLength, text.count > maxLength {
                return AnswerProblem(path) { localized("answer.text.too.long", ["max": maxLength], in: $0) }
            }
            return nil
        case .integer(let low, let high):
            return Self.numberProblem(value, low: low, high: high, path: path, yen: false)
        case .money(let low, let high):
            return Self.numberProblem(value, low: low, high: high, path: path, yen: true)
        case .decimal(let scale, let low, let high):
            return Self.decimalProblem(value, scale: scale, low: low, high: high, path: path, unit: unit)
        case .percent(let scale):
            return Self.decimalProblem(value, scale: scale, low: 0, high: 100, path: path, unit: "%")
        case .yearMonth:
            guard case .string(let text) = value, Self.isYearMonth(text) else {
                if case .string(let text) = value,
                    case .impossible(let japanese, let english) = DateInput.readMonth(text)
                {
                    return AnswerProblem(path, japanese, english)
                }
                return AnswerProblem(path) { localized("answer.month.expected", in: $0) }
            }
            return nil
        case .date:
            guard case .string(let text) = value, Self.isCalendarDate(text) else {
                // Stored as YYYY-MM-DD; say why other text is not a date, in the clerk's terms.
                if case .string(let text) = value, case .impossible(let japanese, let english) = DateInput.read(text) {
                    return AnswerProblem(path, japanese, english)
                }
                return AnswerProblem(path) { localized("answer.date.expected", in: $0) }
            }
            return nil
        case .boolean(let choices?):
            guard case .string(let code) = value, choices.contains(where: { $0.code == code }) else {
                return AnswerProblem(path) {
                    localized("answer.yes.no.choices", ["codes": Self.codes(choices)], in: $0)
                }
            }
            return nil
        case .boolean(nil):
            guard case .bool = value else { return AnswerProblem(path) { localized("answer.yes.no", in: $0) } }
            return nil
        case .singleChoice(let choices):
            guard case .string(let code) = value, choices.contains(where: { $0.code == code }) else {
                return AnswerProblem(path) { localized("answer.choice.one", ["codes": Self.codes(choices)], in: $0) }
            }
            return nil
        case .multiChoice(let choices, let exclusive):
            guard case .array(let elements) = value else {
                return AnswerProblem(path) { localized("answer.choice.array", in: $0) }
            }
            var seen: Set<String> = []
            for element in elements {
                guard case .string(let code) = element, choices.contains(where: { $0.code == code }) else {
                    return AnswerProblem(path) {
                        localized("answer.choice.from", ["codes": Self.codes(choices)], in: $0)
                    }
                }
                guard seen.insert(code).inserted else {
                    return AnswerProblem(path) { localized("answer.choice.twice", ["code": code], in: $0) }
                }
            }
            if let alone = seen.first(where: { exclusive.contains($0) }), seen.count > 1 {
                return AnswerProblem(path) { localized("answer.choice.exclusive", ["choice": alone], in: $0) }
            }
            return nil
        case .table(let columns, _):
            guard case .object(let rows) = value else {
                return AnswerProblem(path) { localized("answer.table.object", in: $0) }
            }
            let columnIDs = Set(columns.map(\.id))
            for rowID in rows.keys.sorted() {
                guard case .object(let cells) = rows[rowID]! else {
                    return AnswerProblem("\(path).\(rowID)") { localized("answer.table.row.object", in: $0) }
                }
                for column in columns {
                    if let cell = cells[column.id],
                        let problem = column.check(
                            cell, path: "\(path).\(rowID).\(column.id)", externalCodes: externalCodes, work: work)
                    {
                        return problem
                    }
                }
                if let unknown = cells.keys.sorted().first(where: { !columnIDs.contains($0) }) {
                    return AnswerProblem("\(path).\(rowID)") {
                        localized("answer.table.unknown.column", ["column": unknown], in: $0)
                    }
                }
            }
            return nil
        }
    }

    private func codelistProblem(_ code: String, path: String, externalCodes: [String: Set<String>]) -> AnswerProblem? {
        for list in codelists {
            guard let codes = externalCodes[list] else { continue }
            if !codes.contains(code) {
                return AnswerProblem(path) { localized("answer.codelist.missing", ["list": list], in: $0) }
            }
        }
        return nil
    }

    private static func numberProblem(_ value: JSONValue, low: Int64?, high: Int64?, path: String, yen: Bool)
        -> AnswerProblem?
    {
        /// The refusal in `language`: the range (if any), a whole number, in yen for money.
        func text(_ language: Language) -> String {
            let range: String
            switch (low, high) {
            case (let low?, let high?):
                range = localized("answer.range.between", ["low": low, "high": high], in: language)
            case (let low?, nil): range = localized("answer.range.at.least", ["low": low], in: language)
            case (nil, let high?): range = localized("answer.range.at.most", ["high": high], in: language)
            case (nil, nil): range = ""
            }
            let text =
                yen
                ? localized("answer.money.expected", ["range": range], in: language)
                : localized("answer.integer.expected", ["range": range], in: language)
            return text.trimmingSpaces
        }
        func problem() -> AnswerProblem { AnswerProblem(path, text(.japanese), text(.english)) }
        guard case .integer(let number) = value else { return problem() }
        if let low, number < low { return problem() }
        if let high, number > high { return problem() }
        return nil
    }

    private static func codes(_ choices: [Choice]) -> String {
        let listed = choices.prefix(6).map(\.code).joined(separator: ", ")
        return choices.count > 6 ? listed + ", …" : listed
    }

    /// Why a number answer is refused: not a number, more digits after the point than `scale`,
    /// or outside `low...high`.
    private static func decimalProblem(
        _ value: JSONValue, scale: Int, low: Double?, high: Double?, path: String, unit: String?
    ) -> AnswerProblem? {
        guard let number = value.finiteNumber else {
            return AnswerProblem(path) { localized("answer.number.expected", in: $0) }
        }
        let scaled = number * pow10(scale)
        guard abs(scaled - scaled.rounded()) <= 1e-6 * max(1, abs(scaled)) else {
            return AnswerProblem(path) { localized("answer.decimal.scale", ["scale": scale], in: $0) }
        }
        /// The unit after the bound, as each language writes it (`（%）`, ` %`).
        func unitSuffix(_ language: Language) -> String {
            unit.map { localized("answer.unit.suffix", ["unit": $0], in: language) } ?? ""
        }
        if let low, number < low {
            let bound = JSONValue.plainText(low)
            return AnswerProblem(
                path,
                localized("answer.decimal.at.least", ["low": bound, "unit": unitSuffix(.japanese)], in: .japanese),
                localized("answer.decimal.at.least", ["low": bound, "unit": unitSuffix(.english)], in: .english))
        }
        if let high, number > high {
            let bound = JSONValue.plainText(high)
            return AnswerProblem(
                path,
                localized("answer.decimal.at.most", ["high": bound, "unit": unitSuffix(.japanese)], in: .japanese),
                localized("answer.decimal.at.most", ["high": bound, "unit": unitSuffix(.english)], in: .english))
        }
        return nil
    }

    private static func pow10(_ exponent: Int) -> Double { (0..<exponent).reduce(1) { value, _ in value * 10 } }

    /// `YYYY-MM` naming a real month (year 1000 or later).
    static func isYearMonth(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
            bytes.enumerated().allSatisfy({ $0.offset == 4 || ($0.element >= 0x30 && $0.element <= 0x39) }),
            let year = Int(String(text.prefix(4))), year >= 1000, let month = Int(String(text.suffix(2)))
        else { return false }
        return (1...12).contains(month)
    }

    /// Whether `text` is `YYYY-MM-DD` naming a real day of the Gregorian calendar.
    public static func isISODate(_ text: String) -> Bool { isCalendarDate(text) }

    /// `YYYY-MM-DD` naming a real day of the Gregorian calendar (`CivilDay`).
    static func isCalendarDate(_ text: String) -> Bool { CivilDay(iso: text) != nil }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
