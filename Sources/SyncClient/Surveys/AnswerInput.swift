import Foundation
import Models

/// Turns what a person types on the command line into the stored answer for an item:
/// `12`, `1,200,000` (money), `はい`/`yes`/`true`, a choice code or its Japanese label,
/// `a,b` for several choices, dates as `2025-04-01`, `2025/4/1`, `令和7年4月1日` or `R7.4.1` (`DateInput`). Text is NFC-normalised so the same characters typed
/// on different systems are stored alike. Empty input clears the answer (null).
enum AnswerInput {
    static func value(_ text: String, for item: QuestionnaireItem) -> JSONValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .null }
        switch item.kind {
        case .text, .textarea:
            return .string(text.precomposedStringWithCanonicalMapping)
        case .integer, .money:
            // Money answered in 千円 is stored in yen.
            let digits = Self.plainNumber(trimmed, dropping: ["円", "千円"])
            guard let number = Int64(digits) else { return .string(trimmed) }
            let (yen, overflow) = number.multipliedReportingOverflow(by: item.moneyFactor)
            return overflow ? .string(trimmed) : .integer(yen)
        case .decimal, .percent:
            let digits = Self.plainNumber(trimmed, dropping: ["%", "％"] + (item.unit.map { [$0] } ?? []))
            guard let number = Double(digits), number.isFinite else { return .string(trimmed) }
            if number == number.rounded(), abs(number) < 9e15 { return .integer(Int64(number)) }
            return .double(number)
        case .yearMonth:
            if case .date(let month) = DateInput.readMonth(trimmed) { return .string(month) }
            return .string(trimmed)
        case .date:
            // Stored as YYYY-MM-DD; anything else is kept as typed, and the check says why.
            if case .date(let iso) = DateInput.read(trimmed) { return .string(iso) }
            return .string(trimmed)
        case .boolean(let choices):
            let yes = Self.yesOrNo(trimmed)
            guard let choices else { return yes.map(JSONValue.bool) ?? .string(trimmed) }
            // A choice's own code or label first; then a generic yes or no, matched to the choice
            // whose code or label says it (never by position: a survey may list "no" first).
            if let exact = Self.exactCode(trimmed, in: choices) { return .string(exact) }
            if let yes,
                let choice = choices.first(where: { Self.yesOrNo($0.code) == yes || Self.yesOrNo($0.label) == yes })
            {
                return .string(choice.code)
            }
            return .string(trimmed)
        case .singleChoice(let choices):
            return .string(code(trimmed, in: choices))
        case .multiChoice(let choices, _):
            let parts = trimmed.split(whereSeparator: { $0 == "," || $0 == "、" }).map {
                code($0.trimmingCharacters(in: .whitespaces), in: choices)
            }
            return .array(parts.map(JSONValue.string))
        case .table:
            return .string(trimmed)  // tables are answered column by column
        }
    }

    /// A number as typed (`1,200,000円`, `１２.５%`), without grouping commas, the given unit
    /// words, spaces, and in half-width digits.
    private static func plainNumber(_ text: String, dropping units: [String]) -> String {
        var plain = text.applyingTransform(.fullwidthToHalfwidth, reverse: false) ?? text
        for unit in units.sorted(by: { $0.count > $1.count }) { plain = plain.replacingOccurrences(of: unit, with: "") }
        return plain.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
    }

    /// The code for a code or a label (NFC-compared), else the input unchanged (refused later).
    private static func code(_ text: String, in choices: [QuestionnaireItem.Choice]) -> String {
        exactCode(text, in: choices) ?? text
    }

    /// The code of the choice whose code is `text` or whose label is `text` (NFC-compared).
    private static func exactCode(_ text: String, in choices: [QuestionnaireItem.Choice]) -> String? {
        if choices.contains(where: { $0.code == text }) { return text }
        let normalized = text.precomposedStringWithCanonicalMapping
        return choices.first { $0.label.precomposedStringWithCanonicalMapping == normalized }?.code
    }

    /// Whether `text` is a generic yes (true) or no (false), in English or Japanese; nil otherwise.
    static func yesOrNo(_ text: String) -> Bool? {
        let word = (text.applyingTransform(.fullwidthToHalfwidth, reverse: false) ?? text).lowercased()
        switch word {
        case "true", "yes", "y", "はい", "1", "あり", "有": return true
        case "false", "no", "n", "いいえ", "0", "なし", "無": return false
        default: return nil
        }
    }
}
