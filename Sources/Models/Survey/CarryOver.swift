/// An answer copied from last year's survey (`renkei survey carry-over FROM TO`), marked 前年度値
/// until a person confirms or changes it. The record layout in one place: beside the answer, on
/// the same `answers` record, the field `carried_over` holds `{"from": FROM, "value": V}` (V the
/// value copied: an item's value, or for a table row an object of its columns), or `null` once
/// confirmed. The answer is unconfirmed while the marker is set and the answer still equals V: a
/// changed answer needs no confirmation. (`carried_over` is therefore not a valid column id.)
///
/// ```swift
/// let marker = CarryOver(from: "osaka-dx-2024", value: .integer(12))
/// marker.json   // {"from":"osaka-dx-2024","value":12}
/// ```
public struct CarryOver: Hashable, Sendable {
    /// The field of an answer record that holds the marker.
    public static let field = "carried_over"

    /// The survey the value was copied from.
    public let from: String
    /// The value copied: an item's value, or a table row's columns as an object.
    public let value: JSONValue

    public init(from: String, value: JSONValue) {
        self.from = from
        self.value = value
    }

    /// Reads a marker strictly: `{"from": survey id, "value": any}`, nothing else.
    public init(json: JSONValue) throws(ModelError) {
        guard case .object(let members) = json, members.count == 2, case .string(let from)? = members["from"],
            let value = members["value"]
        else {
            throw .invalidField(path: Self.field, reason: "a carry-over marker is {\"from\": survey id, \"value\": …}")
        }
        try RecordKey.checkText(from, part: "survey id", limit: 64)
        guard !from.contains("/") else {
            throw .invalidKey(part: "survey id", value: from, reason: "must not contain /")
        }
        self.init(from: from, value: value)
    }

    public var json: JSONValue { .object(["from": .string(from), "value": value]) }
}
