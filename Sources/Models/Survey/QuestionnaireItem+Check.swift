extension QuestionnaireItem {
    /// Checks one stored answer against the item's type and constraints; nil when it is valid.
    ///
    /// `null` means "not answered" and is always accepted here (required items are reported by
    /// the survey-level check, which knows the conditions). Codelists that live in external
    /// files are checked by whoever loaded them (`externalCodes`).
    public func check(_ value: JSONValue, path: String? = nil, externalCodes: [String: Set<String>] = [:])
        -> AnswerProblem?
    {
        let path = path ?? id
        if value == .null { return nil }
        switch kind {
        case .text(let maxLength, let pattern):
            guard case .string(let text) = value else { return AnswerProblem(path, "文字列で入力してください", "enter text") }
            if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                return AnswerProblem(path, "改行や制御文字は使えません", "line breaks and control characters are not allowed")
            }
            if let maxLength, text.count > maxLength {
                return AnswerProblem(path, "\(maxLength) 文字以内で入力してください", "enter at most \(maxLength) characters")
            }
            if let pattern, let regex = try? Regex(pattern), (try? regex.firstMatch(in: text)) == nil {
                return AnswerProblem(path, "入力の形式が正しくありません", "the format is not the expected one")
            }
            if checksMunicipalityCode, (try? MunicipalityCode(validating: text)) == nil {
                return AnswerProblem(path, "団体コードの検査数字が正しくありません", "the municipality code's check digit is wrong")
            }
            return codelistProblem(text, path: path, externalCodes: externalCodes)
        case .textarea(let maxLength):
            guard case .string(let text) = value else { return AnswerProblem(path, "文字列で入力してください", "enter text") }
            if let maxLength, text.count > maxLength {
                return AnswerProblem(path, "\(maxLength) 文字以内で入力してください", "enter at most \(maxLength) characters")
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
                return AnswerProblem(
                    path, "年月は 2026-03、2026/3、令和8年3月、R8.3 のように入力してください",
                    "enter a month like 2026-03, 2026/3, 令和8年3月 or R8.3")
            }
            return nil
        case .date:
            guard case .string(let text) = value, Self.isCalendarDate(text) else {
                // Stored as YYYY-MM-DD; say why other text is not a date, in the clerk's terms.
                if case .string(let text) = value, case .impossible(let japanese, let english) = DateInput.read(text) {
                    return AnswerProblem(path, japanese, english)
                }
                return AnswerProblem(
                    path, "日付は 2025-04-01、2025/4/1、令和7年4月1日、R7.4.1 のように入力してください",
                    "enter a date like 2025-04-01, 2025/4/1, 令和7年4月1日 or R7.4.1")
            }
            return nil
        case .boolean(let choices?):
            guard case .string(let code) = value, choices.contains(where: { $0.code == code }) else {
                return AnswerProblem(
                    path, "はい／いいえで回答してください（\(Self.codes(choices))）", "answer yes or no (\(Self.codes(choices)))")
            }
            return nil
        case .boolean(nil):
            guard case .bool = value else { return AnswerProblem(path, "はい／いいえで回答してください", "answer yes or no") }
            return nil
        case .singleChoice(let choices):
            guard case .string(let code) = value, choices.contains(where: { $0.code == code }) else {
                return AnswerProblem(
                    path, "選択肢の中から選んでください（\(Self.codes(choices))）", "choose one of \(Self.codes(choices))")
            }
            return nil
        case .multiChoice(let choices, let exclusive):
            guard case .array(let elements) = value else {
                return AnswerProblem(path, "選択肢を配列で指定してください", "give the choices as an array")
            }
            var seen: Set<String> = []
            for element in elements {
                guard case .string(let code) = element, choices.contains(where: { $0.code == code }) else {
                    return AnswerProblem(
                        path, "選択肢の中から選んでください（\(Self.codes(choices))）", "choose from \(Self.codes(choices))")
                }
                guard seen.insert(code).inserted else {
                    return AnswerProblem(path, "同じ選択肢が重複しています（\(code)）", "\(code) is chosen twice")
                }
            }
            if let alone = seen.first(where: { exclusive.contains($0) }), seen.count > 1 {
                return AnswerProblem(
                    path, "「\(alone)」は他の選択肢と同時に選べません", "\"\(alone)\" cannot be combined with other choices")
            }
            return nil
        case .table(let columns, _):
            guard case .object(let rows) = value else {
                return AnswerProblem(path, "表の行をオブジェクトで指定してください", "give the table rows as an object keyed by row id")
            }
            for rowID in rows.keys.sorted() {
                guard case .object(let cells) = rows[rowID]! else {
                    return AnswerProblem("\(path).\(rowID)", "行は列の値のオブジェクトです", "a row is an object of column values")
                }
                for column in columns {
                    if let cell = cells[column.id],
                        let problem = column.check(
                            cell, path: "\(path).\(rowID).\(column.id)", externalCodes: externalCodes)
                    {
                        return problem
                    }
                }
                if let unknown = cells.keys.sorted().first(where: { name in !columns.contains { $0.id == name } }) {
                    return AnswerProblem(
                        "\(path).\(rowID)", "この表に「\(unknown)」列はありません", "the table has no column \(unknown)")
                }
            }
            return nil
        }
    }

    private func codelistProblem(_ code: String, path: String, externalCodes: [String: Set<String>]) -> AnswerProblem? {
        for list in codelists {
            guard let codes = externalCodes[list] else { continue }
            if !codes.contains(code) {
                return AnswerProblem(path, "一覧（\(list)）にないコードです", "not in the list \(list)")
            }
        }
        return nil
    }

    private static func numberProblem(_ value: JSONValue, low: Int64?, high: Int64?, path: String, yen: Bool)
        -> AnswerProblem?
    {
        let noun = yen ? "金額（円・整数）" : "整数"
        let range: (String, String)
        switch (low, high) {
        case (let low?, let high?): range = ("\(low) 以上 \(high) 以下の", "from \(low) to \(high)")
        case (let low?, nil): range = ("\(low) 以上の", "of at least \(low)")
        case (nil, let high?): range = ("\(high) 以下の", "of at most \(high)")
        case (nil, nil): range = ("", "")
        }
        let english = "enter a whole number \(range.1)\(yen ? " (yen)" : "")".trimmingSpaces
        guard case .integer(let number) = value else {
            return AnswerProblem(path, "\(range.0)\(noun)を入力してください", english)
        }
        if let low, number < low { return AnswerProblem(path, "\(range.0)\(noun)を入力してください", english) }
        if let high, number > high { return AnswerProblem(path, "\(range.0)\(noun)を入力してください", english) }
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
        guard let number = value.finiteNumber else { return AnswerProblem(path, "数値で入力してください", "enter a number") }
        let scaled = number * pow10(scale)
        guard abs(scaled - scaled.rounded()) <= 1e-6 * max(1, abs(scaled)) else {
            return AnswerProblem(
                path, "小数点以下は \(scale) 桁までで入力してください", "enter at most \(scale) digits after the point")
        }
        let suffix = unit.map { "（\($0)）" } ?? ""
        if let low, number < low {
            return AnswerProblem(
                path, "\(JSONValue.plainText(low)) 以上で入力してください\(suffix)",
                "enter at least \(JSONValue.plainText(low))\(unit.map { " \($0)" } ?? "")")
        }
        if let high, number > high {
            return AnswerProblem(
                path, "\(JSONValue.plainText(high)) 以下で入力してください\(suffix)",
                "enter at most \(JSONValue.plainText(high))\(unit.map { " \($0)" } ?? "")")
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
