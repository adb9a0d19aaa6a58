/// One value of one register, with the causal context it was written in.
///
/// Identity is the vector: a replica's counter for a register rises with each of its writes, so
/// two different writes never share a vector (unless input is forged; see `MergeRule`).
public struct Version: Hashable, Sendable {
    /// What the writer had seen when writing, including its own new write.
    public var vector: VersionVector
    /// The value; `.null` marks a deletion.
    public var value: JSONValue
    /// The replica that made the write.
    public var author: ReplicaID
    /// The user who made the write (login name), for display and audit.
    public var user: String
    /// Wall-clock time of the write in Unix milliseconds. Display only: never decides a merge.
    public var at: Int64

    public init(vector: VersionVector, value: JSONValue, author: ReplicaID, user: String, at: Int64) {
        self.vector = vector
        self.value = value
        self.author = author
        self.user = user
        self.at = at
    }

    /// Whether this version deletes the field.
    public var isDeletion: Bool { value == .null }

    /// The canonical JSON form: fixed member order, canonical vector and value.
    /// Equal versions have equal bytes and different versions different bytes.
    public var canonicalBytes: [UInt8] {
        var writer = JSONWriter()
        writeJSON(to: &writer)
        return writer.bytes
    }

    /// Writes `{"vector":…,"value":…,"author":…,"user":…,"at":…}`.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(to: &writer)
        writer.endObject()
    }

    /// Writes the members without braces, so `Change` can inline them (flat wire records).
    func writeMembers(to writer: inout JSONWriter) {
        writer.key("vector")
        writer.write(vector)
        writer.key("value")
        writer.write(value)
        writer.key("author")
        writer.write(author)
        writer.key("user")
        writer.write(string: user)
        writer.key("at")
        writer.write(integer: at)
    }
}
