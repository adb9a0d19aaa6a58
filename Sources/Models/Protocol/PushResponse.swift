/// The answer to a push, sent only after the batch is durably committed.
public struct PushResponse: Hashable, Sendable, WireMessage {
    /// The batch this answers.
    public var batch: String
    /// Changes that became current versions on the server.
    public var accepted: Int
    /// Changes the server already had or that a current version supersedes.
    public var ignored: Int
    /// True when this batch had been applied before and this is a retry: nothing changed now.
    public var replayed: Bool
    /// The server sequence after the batch: every version it stored has a sequence at most this.
    public var sequence: Int64
    /// Changes refused for good, one by one (the others were applied); in batch order. Sent only
    /// when not empty.
    public var rejected: [RejectedChange]

    public init(
        batch: String, accepted: Int, ignored: Int, replayed: Bool, sequence: Int64, rejected: [RejectedChange] = []
    ) {
        self.batch = batch
        self.accepted = accepted
        self.ignored = ignored
        self.replayed = replayed
        self.sequence = sequence
        self.rejected = rejected
    }

    public init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: ["batch", "accepted", "ignored", "replayed", "sequence", "rejected"])
        batch = try object.string("batch")
        accepted = Int(try object.int64("accepted"))
        ignored = Int(try object.int64("ignored"))
        replayed = try object.bool("replayed")
        sequence = try object.int64("sequence")
        rejected = []
        if let list = object.optionalValue("rejected") {
            guard case .array(let elements) = list else {
                throw .invalidField(path: object.path(of: "rejected"), reason: "expected an array")
            }
            for (index, element) in elements.enumerated() {
                rejected.append(try RejectedChange(json: element, path: "\(object.path(of: "rejected"))[\(index)]"))
            }
        }
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("batch")
        writer.write(string: batch)
        writer.key("accepted")
        writer.write(integer: Int64(accepted))
        writer.key("ignored")
        writer.write(integer: Int64(ignored))
        writer.key("replayed")
        writer.write(bool: replayed)
        writer.key("sequence")
        writer.write(integer: sequence)
        if !rejected.isEmpty {
            writer.key("rejected")
            writer.beginArray()
            for change in rejected { change.writeJSON(to: &writer) }
            writer.endArray()
        }
        writer.endObject()
    }
}
