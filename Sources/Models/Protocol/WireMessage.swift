import Localization

/// A protocol message with a strict JSON form: decoding rejects unknown members and reports the
/// path of the first bad field (`changes[2].vector`); encoding is canonical and byte-level.
public protocol WireMessage: Sendable {
    /// Decodes from a parsed document; `path` names where this value sits ("" at the top).
    init(json: JSONValue, path: String) throws(ModelError)
    /// Appends the JSON form to `writer`.
    func writeJSON(to writer: inout JSONWriter)
    /// Parses and decodes one message. A requirement (with a default below) so that generic
    /// code, such as the protocol client's, reaches the fast decoders of the hot messages
    /// (`PullResponse`, `PushRequest`, `Change`) and not only the general parser.
    init(decoding bytes: some Collection<UInt8>) throws(ModelError)
}

extension WireMessage {
    /// Parses and decodes one message.
    ///
    /// - Throws: `ModelError.malformedJSON` for bytes that are not JSON, `.invalidField` naming
    ///   the member for JSON of the wrong shape.
    public init(decoding bytes: some Collection<UInt8>) throws(ModelError) {
        try self.init(json: JSONValue(parsing: bytes), path: "")
    }

    /// The message's JSON bytes.
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        writeJSON(to: &writer)
        return writer.bytes
    }
}

/// Reads one JSON object member by member for a `WireMessage`; `finish()` refuses members
/// nobody asked for, so a misspelt field is an error rather than silently ignored.
public struct WireObject: Sendable {
    private let members: [String: JSONValue]
    /// Where the object sits, e.g. `changes[2]`; "" at the top.
    public let path: String

    public init(_ value: JSONValue, path: String) throws(ModelError) {
        guard case .object(let members) = value else {
            throw .invalidField(
                path: path.isEmpty ? "(document)" : path, reason: "expected an object, got \(value.kindName)")
        }
        self.members = members
        self.path = path
    }

    /// The path of member `name`.
    public func path(of name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// Refuses members not in `known`.
    public func finish(known: Set<String>) throws(ModelError) {
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalidField(path: path(of: unknown), reason: "unknown field")
        }
    }

    /// The member, which must be present (it may be `null`).
    public func value(_ name: String) throws(ModelError) -> JSONValue {
        guard let value = members[name] else { throw .invalidField(path: path(of: name), reason: "missing") }
        return value
    }

    /// The member if present.
    public func optionalValue(_ name: String) -> JSONValue? { members[name] }

    public func string(_ name: String) throws(ModelError) -> String {
        let value = try value(name)
        guard case .string(let string) = value else { throw mismatch(name, "a string", value) }
        return string
    }

    public func int64(_ name: String) throws(ModelError) -> Int64 {
        let value = try value(name)
        guard case .integer(let integer) = value else { throw mismatch(name, "an integer", value) }
        return integer
    }

    public func bool(_ name: String) throws(ModelError) -> Bool {
        let value = try value(name)
        guard case .bool(let bool) = value else { throw mismatch(name, "true or false", value) }
        return bool
    }

    public func array(_ name: String) throws(ModelError) -> [JSONValue] {
        let value = try value(name)
        guard case .array(let elements) = value else { throw mismatch(name, "an array", value) }
        return elements
    }

    /// `array(name)` of at most `limit` elements; more is refused at the member with `reason`.
    public func array(_ name: String, atMost limit: Int, reason: @autoclosure () -> String) throws(ModelError)
        -> [JSONValue]
    {
        let elements = try array(name)
        guard elements.count <= limit else { throw .invalidField(path: path(of: name), reason: reason()) }
        return elements
    }

    public func replicaID(_ name: String) throws(ModelError) -> ReplicaID {
        let text = try string(name)
        do { return try ReplicaID(validating: text) } catch {
            throw .invalidField(path: path(of: name), reason: error.description)
        }
    }

    public func scope(_ name: String) throws(ModelError) -> Scope {
        let text = try string(name)
        do { return try Scope(validating: text) } catch {
            throw .invalidField(path: path(of: name), reason: error.description)
        }
    }

    /// A vector in its wire form `[["<replica>",counter],…]`.
    public func vector(_ name: String) throws(ModelError) -> VersionVector {
        let elements = try array(name)
        var pairs: [(ReplicaID, UInt64)] = []
        pairs.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            let elementPath = "\(path(of: name))[\(index)]"
            guard case .array(let pair) = element, pair.count == 2, case .string(let hex) = pair[0],
                case .integer(let counter) = pair[1]
            else { throw .invalidField(path: elementPath, reason: "expected [\"<replica>\", counter]") }
            guard counter > 0 else { throw .invalidField(path: elementPath, reason: "counter must be at least 1") }
            guard let replica = try? ReplicaID(validating: hex) else {
                throw .invalidField(
                    path: elementPath, reason: ModelError.invalidReplicaID(hex).description(in: .english))
            }
            pairs.append((replica, UInt64(counter)))
        }
        do { return try VersionVector(validating: pairs) } catch {
            throw .invalidField(path: path(of: name), reason: "a replica appears twice")
        }
    }

    /// Runs a check that throws a key error and reports it at member `name`.
    public func checked<T>(_ name: String, _ body: () throws(ModelError) -> T) throws(ModelError) -> T {
        do { return try body() } catch { throw .invalidField(path: path(of: name), reason: error.description) }
    }

    private func mismatch(_ name: String, _ expected: String, _ value: JSONValue) -> ModelError {
        .invalidField(path: path(of: name), reason: "expected \(expected), got \(value.kindName)")
    }
}
