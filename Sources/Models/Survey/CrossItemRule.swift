import Localization

/// A rule across items, checked when a survey is checked as a whole:
/// - `compare`: `left op right` (`<`, `<=`, `==`, `>=`, `>`) between two items;
/// - `implies`: when the `if` condition holds, the `then` condition must hold;
/// - `table_row_date_window`: dates in a table column not before the reference date;
/// - `sum`: the `parts` (items, or `TABLE.COLUMN` for a column summed over every row) add up to
///   the `total` item (`{"rule": "sum", "parts": ["C04a", "C04b"], "total": "C04"}`).
public struct CrossItemRule: Sendable, Equatable {
    public let id: String
    public let kind: Kind
    /// `error` blocks completion; `warning` and `info` are shown.
    public let severity: String
    /// The message shown to the municipality (Japanese, from the schema).
    public let message: String

    public enum Kind: Sendable, Equatable {
        case compare(left: String, op: String, right: String)
        case implies(condition: QuestionnaireCondition, then: QuestionnaireCondition)
        case tableRowDateWindow(table: String, column: String)
        case sum(parts: [Term], total: String)
    }

    /// An item, or a column of a table item summed over its rows.
    public struct Term: Sendable, Equatable {
        public let item: String
        public let column: String?

        /// `ITEM` or `TABLE.COLUMN`.
        init(_ text: String) {
            let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
            item = parts.first ?? text
            column = parts.count == 2 ? parts[1] : nil
        }

        public var description: String { column.map { "\(item).\($0)" } ?? item }
    }

    static let operators: Set<String> = ["<", "<=", "==", ">=", ">"]
    /// Parts one sum may add, each named once (the example survey's sums have a handful).
    public static let maxSumParts = 100

    init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: [
            "id", "rule", "left", "op", "right", "if", "then", "table", "column", "not_before", "parts", "total",
            "severity",
            "message",
        ])
        id = try object.string("id")
        severity = object.optionalValue("severity") == nil ? "error" : try object.string("severity")
        guard ["error", "warning", "info"].contains(severity) else {
            throw .invalidField(path: object.path(of: "severity"), reason: localized("questionnaire.severity"))
        }
        message = try object.string("message")
        switch try object.string("rule") {
        case "compare":
            let op = try object.string("op")
            guard Self.operators.contains(op) else {
                throw .invalidField(path: object.path(of: "op"), reason: localized("questionnaire.operator"))
            }
            kind = .compare(left: try object.string("left"), op: op, right: try object.string("right"))
        case "implies":
            kind = .implies(
                condition: try QuestionnaireCondition(json: try object.value("if"), path: object.path(of: "if")),
                then: try QuestionnaireCondition(json: try object.value("then"), path: object.path(of: "then")))
        case "table_row_date_window":
            kind = .tableRowDateWindow(table: try object.string("table"), column: try object.string("column"))
        case "sum":
            var parts: [Term] = []
            var named: Set<String> = []
            let elements = try object.array(
                "parts", atMost: Self.maxSumParts,
                reason: localized("questionnaire.too.many.parts", ["limit": Self.maxSumParts]))
            for (index, element) in elements.enumerated() {
                guard case .string(let text) = element, !text.isEmpty else {
                    throw .invalidField(
                        path: "\(object.path(of: "parts"))[\(index)]", reason: localized("questionnaire.sum.part"))
                }
                // A part named twice would count twice: a mistake, and a way to make one rule
                // read a table's rows thousands of times.
                guard named.insert(text).inserted else {
                    throw .invalidField(
                        path: "\(object.path(of: "parts"))[\(index)]",
                        reason: localized("questionnaire.too.many.parts", ["limit": Self.maxSumParts]))
                }
                parts.append(Term(text))
            }
            guard !parts.isEmpty else {
                throw .invalidField(path: object.path(of: "parts"), reason: localized("questionnaire.sum.no.parts"))
            }
            kind = .sum(parts: parts, total: try object.string("total"))
        case let other:
            throw .invalidField(
                path: object.path(of: "rule"),
                reason: localized("questionnaire.unknown.rule", ["rule": Printable.quoted(other)]))
        }
    }

    /// Items the rule reads.
    public var referencedItems: [String] {
        switch kind {
        case .compare(let left, _, let right): return [left, right]
        case .implies(let condition, let then): return [condition.subject, then.subject]
        case .tableRowDateWindow(let table, _): return [table]
        case .sum(let parts, let total): return parts.map(\.item) + [total]
        }
    }
}
