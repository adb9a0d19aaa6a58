/// Answer to `GET /v1/history`: every version of one register the server holds, current and
/// superseded, oldest first, as changes `{"changes":[…]}`. A replica that joined late sees
/// versions it never pulled (pulls carry current versions only).
public struct HistoryResponse: Hashable, Sendable, WireMessage {
    public var changes: [Change]

    public init(changes: [Change]) {
        self.changes = changes
    }

    public init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: ["changes"])
        var changes: [Change] = []
        for (index, element) in try object.array("changes").enumerated() {
            changes.append(try Change(json: element, path: "\(object.path(of: "changes"))[\(index)]"))
        }
        self.changes = changes
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        Change.writeList(changes, to: &writer)
        writer.endObject()
    }
}
