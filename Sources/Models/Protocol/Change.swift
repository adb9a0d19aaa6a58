/// One version of one register as it travels between replicas and the server.
///
/// Wire form (flat, one object per change; the vector is a list of pairs):
/// ```json
/// {"collection":"answers","record":"osaka-dx-2025/271004/A05","field":"value","scope":"271004",
///  "vector":[["0f3a9c1d5e7b2a4c8d6e0f1a2b3c4d5e",3]],"value":12,
///  "author":"0f3a9c1d5e7b2a4c8d6e0f1a2b3c4d5e","user":"tanaka","at":1763884800000}
/// ```
public struct Change: Hashable, Sendable, WireMessage {
    public var key: RecordKey
    /// Who owns the record; checked against the sender's write scopes.
    public var scope: Scope
    public var version: Version

    /// Largest accepted user name, in UTF-8 bytes.
    public static let maxUserBytes = 128

    public init(key: RecordKey, scope: Scope, version: Version) {
        self.key = key
        self.scope = scope
        self.version = version
    }

    static let members: Set<String> = [
        "collection", "record", "field", "scope", "vector", "value", "author", "user", "at",
    ]

    public init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: Self.members)
        self = try Self.validated(
            collection: try object.string("collection"), record: try object.string("record"),
            field: try object.string("field"), scope: try object.string("scope"), vector: try object.vector("vector"),
            value: try object.value("value"), author: try object.replicaID("author"), user: try object.string("user"),
            at: try object.int64("at"), object: object)
    }

    /// Parses one change; a fast path reads the common shape straight from the bytes, anything
    /// unusual goes through the general parser, which also words the errors.
    public init(decoding bytes: some Collection<UInt8>) throws(ModelError) {
        var decoder = FastWireDecoder(bytes: Array(bytes))
        if let change = decoder.change(depth: 1), decoder.atEnd {
            self = change
            return
        }
        try self.init(json: JSONValue(parsing: decoder.bytes), path: "")
    }

    /// The checks every decoded change passes, whichever parser read it.
    static func validated(
        collection: String, record: String, field: String, scope: String, vector: VersionVector, value: JSONValue,
        author: ReplicaID, user: String, at: Int64, object: WireObject
    ) throws(ModelError) -> Change {
        try object.checked("collection") { () throws(ModelError) in try RecordKey.checkCollection(collection) }
        try object.checked("record") { () throws(ModelError) in
            try RecordKey.checkText(record, part: "record", limit: RecordKey.maxRecordBytes)
        }
        try object.checked("field") { () throws(ModelError) in
            try RecordKey.checkText(field, part: "field", limit: RecordKey.maxFieldBytes)
        }
        try object.checked("user") { () throws(ModelError) in
            try RecordKey.checkText(user, part: "user", limit: Self.maxUserBytes)
        }
        guard !vector.isEmpty else { throw .invalidField(path: object.path(of: "vector"), reason: "must not be empty") }
        guard vector[author] > 0 else {
            throw .invalidField(path: object.path(of: "author"), reason: "the author must have a counter in the vector")
        }
        let parsedScope = try object.checked("scope") { () throws(ModelError) in try Scope(validating: scope) }
        return Change(
            key: try RecordKey(validating: collection, record: record, field: field), scope: parsedScope,
            version: Version(vector: vector, value: value, author: author, user: user, at: at))
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        Self.writeAddress(key, scope: scope, to: &writer)
        version.writeMembers(to: &writer)
        writer.endObject()
    }

    /// Writes the members that address a register, `"collection","record","field","scope"`, inside
    /// an object the caller opened (wire changes and canonical dump lines share them).
    public static func writeAddress(_ key: RecordKey, scope: Scope, to writer: inout JSONWriter) {
        writeKey(key, to: &writer)
        writer.key("scope")
        writer.write(string: scope.description)
    }

    /// Writes `"collection","record","field"` of `key` inside an object the caller opened.
    public static func writeKey(_ key: RecordKey, to writer: inout JSONWriter) {
        writer.key("collection")
        writer.write(string: key.collection)
        writer.key("record")
        writer.write(string: key.record)
        writer.key("field")
        writer.write(string: key.field)
    }

    /// Writes the member `"changes":[…]` inside an object the caller opened (pull and history
    /// answers share it).
    public static func writeList(_ changes: [Change], to writer: inout JSONWriter) {
        writer.key("changes")
        writer.beginArray()
        for change in changes { change.writeJSON(to: &writer) }
        writer.endArray()
    }
}
