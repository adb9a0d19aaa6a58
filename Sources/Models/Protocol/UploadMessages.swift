/// `POST /v1/uploads` body: the blob a client is about to send, `{"sha256":"…","size":1234}`.
public struct UploadRequest: Hashable, Sendable, WireMessage {
    /// SHA-256 of the whole file, 64 lowercase hexadecimal digits.
    public var sha256: String
    /// Size of the whole file in bytes.
    public var size: Int64

    public init(sha256: String, size: Int64) {
        self.sha256 = sha256
        self.size = size
    }

    public init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: ["sha256", "size"])
        sha256 = try object.string("sha256")
        size = try object.int64("size")
        guard Document.isHash(sha256) else {
            throw .invalidField(path: object.path(of: "sha256"), reason: "expected 64 lowercase hexadecimal digits")
        }
        guard size >= 0 else { throw .invalidField(path: object.path(of: "size"), reason: "must be 0 or more") }
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("sha256")
        writer.write(string: sha256)
        writer.key("size")
        writer.write(integer: size)
        writer.endObject()
    }
}

/// Where an upload stands (answer to `POST /v1/uploads` and `PATCH /v1/uploads/{id}`):
/// `complete` when the server holds the verified blob (then `id` is absent: nothing more to
/// send, e.g. another office uploaded the same file); otherwise the session `id` and the durable
/// `offset` to send from.
public struct UploadStatus: Hashable, Sendable, WireMessage {
    public var id: String?
    public var sha256: String
    public var size: Int64
    /// Bytes the server holds durably; equal to `size` when complete.
    public var offset: Int64
    public var complete: Bool

    public init(id: String?, sha256: String, size: Int64, offset: Int64, complete: Bool) {
        self.id = id
        self.sha256 = sha256
        self.size = size
        self.offset = offset
        self.complete = complete
    }

    public init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: ["id", "sha256", "size", "offset", "complete"])
        id = object.optionalValue("id") == nil ? nil : try object.string("id")
        sha256 = try object.string("sha256")
        size = try object.int64("size")
        offset = try object.int64("offset")
        complete = try object.bool("complete")
        guard (0...size).contains(offset) else {
            throw .invalidField(path: object.path(of: "offset"), reason: "must be from 0 to size")
        }
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("complete")
        writer.write(bool: complete)
        if let id {
            writer.key("id")
            writer.write(string: id)
        }
        writer.key("offset")
        writer.write(integer: offset)
        writer.key("sha256")
        writer.write(string: sha256)
        writer.key("size")
        writer.write(integer: size)
        writer.endObject()
    }
}
