import Localization

/// When an item is shown or required: `{"item": "B01", "equals": "yes"}`; in a table,
/// `{"column": "category", "equals": "other"}`. Tests: `equals`, `in`, `gt`, `gte`, `lt`, `lte`.
public struct QuestionnaireCondition: Sendable, Equatable {
    /// The item (or, inside a table, the column) whose answer is tested.
    public let subject: String
    /// Whether `subject` names a column of the same table row.
    public let isColumn: Bool
    public let test: Test

    public enum Test: Sendable, Equatable {
        case equals(JSONValue)
        case oneOf([JSONValue])
        case greaterThan(Int64)
        case atLeast(Int64)
        case lessThan(Int64)
        case atMost(Int64)
    }

    init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: ["item", "column", "equals", "in", "gt", "gte", "lt", "lte"])
        if object.optionalValue("column") != nil {
            subject = try object.string("column")
            isColumn = true
        } else {
            subject = try object.string("item")
            isColumn = false
        }
        var tests: [Test] = []
        if let value = object.optionalValue("equals") { tests.append(.equals(value)) }
        if object.optionalValue("in") != nil { tests.append(.oneOf(try object.array("in"))) }
        if object.optionalValue("gt") != nil { tests.append(.greaterThan(try object.int64("gt"))) }
        if object.optionalValue("gte") != nil { tests.append(.atLeast(try object.int64("gte"))) }
        if object.optionalValue("lt") != nil { tests.append(.lessThan(try object.int64("lt"))) }
        if object.optionalValue("lte") != nil { tests.append(.atMost(try object.int64("lte"))) }
        guard tests.count == 1 else {
            throw .invalidField(path: path, reason: localized("questionnaire.condition.one.test"))
        }
        test = tests[0]
    }

    /// A value the condition tests for that `subject` can never hold: a code that is none of its
    /// choices (nil when every tested value is possible, or the subject has no choices). Such a
    /// condition never holds, so the item it governs could never be shown or required.
    public func impossibleValue(for subject: QuestionnaireItem) -> String? {
        let codes: [QuestionnaireItem.Choice]
        switch subject.kind {
        case .singleChoice(let choices), .multiChoice(let choices, _), .boolean(let choices?): codes = choices
        default: return nil
        }
        let tested: [JSONValue]
        switch test {
        case .equals(let value): tested = [value]
        case .oneOf(let values): tested = values
        default: return nil
        }
        for value in tested {
            guard case .string(let code) = value else { return value.canonicalText }
            if !codes.contains(where: { $0.code == code }) { return code }
        }
        return nil
    }

    /// Whether `answer` (nil when unanswered) satisfies the condition.
    public func holds(for answer: JSONValue?) -> Bool {
        guard let answer else { return false }
        switch test {
        case .equals(let expected): return answer == expected
        case .oneOf(let options): return options.contains(answer)
        case .greaterThan(let bound): return Self.number(answer).map { $0 > bound } ?? false
        case .atLeast(let bound): return Self.number(answer).map { $0 >= bound } ?? false
        case .lessThan(let bound): return Self.number(answer).map { $0 < bound } ?? false
        case .atMost(let bound): return Self.number(answer).map { $0 <= bound } ?? false
        }
    }

    private static func number(_ value: JSONValue) -> Int64? {
        if case .integer(let number) = value { return number }
        return nil
    }
}
