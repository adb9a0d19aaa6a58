/// `GET /v1/pull?since=S&limit=N`: one page of current versions changed after `S`.
///
/// The client applies `changes` and stores `next` in the same local transaction, then asks again
/// with `since=next` while `more` is true. `next` never decreases.
public struct PullResponse: Hashable, Sendable, WireMessage {
    public var changes: [Change]
    /// The cursor for the next request: the server sequence of the last change considered.
    public var next: Int64
    /// Whether more changes wait after `next`.
    public var more: Bool

    public init(changes: [Change], next: Int64, more: Bool) {
        self.changes = changes
        self.next = next
        self.more = more
    }

    public init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: ["changes", "next", "more"])
        let elements = try object.array("changes")
        changes = []
        changes.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            changes.append(try Change(json: element, path: "\(object.path(of: "changes"))[\(index)]"))
        }
        next = try object.int64("next")
        guard next >= 0 else { throw .invalidField(path: object.path(of: "next"), reason: "must not be negative") }
        more = try object.bool("more")
    }

    /// Parses a page; the common shape takes a fast path (see `FastWireDecoder`).
    public init(decoding bytes: some Collection<UInt8>) throws(ModelError) {
        var decoder = FastWireDecoder(bytes: Array(bytes))
        if let page = decoder.pullResponse(), decoder.atEnd {
            self = page
            return
        }
        try self.init(json: JSONValue(parsing: decoder.bytes), path: "")
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        Change.writeList(changes, to: &writer)
        writer.key("next")
        writer.write(integer: next)
        writer.key("more")
        writer.write(bool: more)
        writer.endObject()
    }
}
