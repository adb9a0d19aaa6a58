/// A change of a push batch that the server refused for good, alone: the rest of the batch was
/// applied. The client sets it aside (it never blocks the outbox) and lists it with
/// `renkei rejected`.
///
/// Wire form, inside `PushResponse.rejected`:
/// ```json
/// {"index":3,"collection":"answers","record":"osaka-dx-2025/271004/B07","field":"value",
///  "code":"invalid_answer","message":"B07: 0 以上の整数で入力してください / enter a whole number of at least 0"}
/// ```
public struct RejectedChange: Hashable, Sendable, WireMessage {
    /// Position of the change in the batch's `changes`, from 0.
    public var index: Int
    /// The register the change was for (a batch holds at most one change per register).
    public var key: RecordKey
    /// Why, for programs (`invalid_answer`, `survey_closed`, `value_too_large`, `record_out_of_scope`,
    /// `record_taken`).
    public var code: ErrorCode
    /// Why, for people.
    public var message: String

    public init(index: Int, key: RecordKey, code: ErrorCode, message: String) {
        self.index = index
        self.key = key
        self.code = code
        self.message = message
    }

    public init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: ["index", "collection", "record", "field", "code", "message"])
        let index = try object.int64("index")
        guard index >= 0, index < Int64(PushRequest.maxChanges) else {
            throw .invalidField(path: object.path(of: "index"), reason: "must be a position in the batch")
        }
        self.index = Int(index)
        key = try RecordKey(
            validating: try object.string("collection"), record: try object.string("record"),
            field: try object.string("field"))
        code = ErrorCode(rawValue: try object.string("code"))
        message = try object.string("message")
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("index")
        writer.write(integer: Int64(index))
        Change.writeKey(key, to: &writer)
        writer.key("code")
        writer.write(string: code.rawValue)
        writer.key("message")
        writer.write(string: message)
        writer.endObject()
    }
}
