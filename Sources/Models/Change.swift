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
        let collection = try object.string("collection")
        let record = try object.string("record")
        let field = try object.string("field")
        try object.checked("collection") { () throws(ModelError) in try RecordKey.checkCollection(collection) }
        try object.checked("record") { () throws(ModelError) in
            try RecordKey.checkText(record, part: "record", limit: RecordKey.maxRecordBytes)
        }
        try object.checked("field") { () throws(ModelError) in
            try RecordKey.checkText(field, part: "field", limit: RecordKey.maxFieldBytes)
        }
        let user = try object.string("user")
        try object.checked("user") { () throws(ModelError) in
            try RecordKey.checkText(user, part: "user", limit: Self.maxUserBytes)
        }
        let vector = try object.vector("vector")
        guard !vector.isEmpty else { throw .invalidField(path: object.path(of: "vector"), reason: "must not be empty") }
        let author = try object.replicaID("author")
        guard vector[author] > 0 else {
            throw .invalidField(path: object.path(of: "author"), reason: "the author must have a counter in the vector")
        }
        self.key = try RecordKey(validating: collection, record: record, field: field)
        self.scope = try object.scope("scope")
        self.version = Version(
            vector: vector, value: try object.value("value"), author: author, user: user, at: try object.int64("at"))
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
        writer.key("collection")
        writer.write(string: key.collection)
        writer.key("record")
        writer.write(string: key.record)
        writer.key("field")
        writer.write(string: key.field)
        writer.key("scope")
        writer.write(string: scope.description)
    }
}
