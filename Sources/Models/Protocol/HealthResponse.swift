/// `GET /v1/health`: `{"epoch":"…","sequence":N,"status":"ok"}`. Needs no token.
public struct HealthResponse: Hashable, Sendable, WireMessage {
    /// Always `ok` when the server answers at all.
    public var status: String
    /// The highest sequence the server has assigned (0 for an empty server).
    public var sequence: Int64
    /// The database's identity: it changes when the server is restored from a backup, which
    /// tells replicas to send their own versions again (docs/PROTOCOL.md §8). Empty only from a
    /// server that does not keep one.
    public var epoch: String

    public init(status: String = "ok", sequence: Int64, epoch: String) {
        self.status = status
        self.sequence = sequence
        self.epoch = epoch
    }

    public init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        // `version` is read by nothing yet; accepted so that a later server may send it.
        try object.finish(known: ["status", "sequence", "epoch", "version"])
        status = try object.string("status")
        sequence = try object.int64("sequence")
        epoch = try object.string("epoch")
        guard sequence >= 0 else {
            throw .invalidField(path: object.path(of: "sequence"), reason: "must be 0 or more")
        }
        guard epoch.utf8.count <= 64 else {
            throw .invalidField(path: object.path(of: "epoch"), reason: "must be at most 64 bytes")
        }
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("epoch")
        writer.write(string: epoch)
        writer.key("sequence")
        writer.write(integer: sequence)
        writer.key("status")
        writer.write(string: status)
        writer.endObject()
    }
}
