import Localization

/// A rule every row of a table must satisfy: `left op right` between two columns, e.g.
/// `contract_end >= contract_start` or `contract_amount_annual <= contract_amount_total`.
/// Rows where either column is empty are skipped (nothing to compare yet).
public struct TableRowRule: Sendable, Equatable {
    public let left: String
    public let op: String
    public let right: String
    /// The message shown to the municipality (Japanese, from the schema).
    public let message: String

    init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: ["rule", "left", "op", "right", "message", "skip_if_empty"])
        guard try object.string("rule") == "compare" else {
            throw .invalidField(path: object.path(of: "rule"), reason: localized("questionnaire.row.rule.compare"))
        }
        op = try object.string("op")
        guard CrossItemRule.operators.contains(op) else {
            throw .invalidField(path: object.path(of: "op"), reason: localized("questionnaire.operator"))
        }
        left = try object.string("left")
        right = try object.string("right")
        message = try object.string("message")
    }

    /// Whether `row` breaks the rule.
    public func isBroken(by row: [String: JSONValue]) -> Bool {
        guard let a = row[left], let b = row[right], a != .null, b != .null else { return false }
        return CrossItemRule.compare(a, op, b) == false
    }
}
