/// `POST /v1/push`: a batch of local versions from one replica.
///
/// `(replica, batch)` identifies the batch: the server applies it once, and a retry of the same
/// batch changes nothing (it gets the first answer again).
public struct PushRequest: Hashable, Sendable, WireMessage {
    public var replica: ReplicaID
    /// The sender's name for this batch: 1-64 characters `A-Z a-z 0-9 . _ -`.
    public var batch: String
    /// The replica's push number for this batch: 1 for its first batch, one more for each new
    /// batch, the same again when a batch is retried. The server remembers the highest it
    /// applied from each replica; a new batch with a number not above it comes from a replica
    /// restored from an old copy of itself (`replica_rewound`). Nil: not sent (no such check).
    public var number: Int64?
    public var changes: [Change]

    /// Most changes accepted in one batch.
    public static let maxChanges = 10_000
    /// Most JSON values one push may hold (`JSONParser.maxValues`; names of members not
    /// counted): a batch of 10,000 changes holds about 130,000, a 2 MiB survey about 100,000.
    /// 8 MiB of the densest JSON (`[0,0,…]`) holds 4.2 million, each a `JSONValue` while the
    /// batch is decoded: an outside review held 148 MB and seconds of a core per push that way,
    /// refused only after it was decoded, and delayed other municipalities' pushes. Past this,
    /// the push is refused as it is read (400 `malformed_json`).
    public static let maxValues = 1_000_000
    /// Most bytes of change JSON a client puts in one batch (4 MiB): half the server's 8 MiB
    /// body limit, so the envelope and the largest single value always fit.
    public static let maxBatchBytes = 4 * 1024 * 1024
    /// Batches of one replica a client may have sent and not yet seen answered (from 0.21; the
    /// server says so in `Renkei-Push-Window`). The server may apply them in any order: merging
    /// is order-free, and it accepts a batch numbered below one it applied when that number was
    /// skipped (docs/PROTOCOL.md §8.5). Three since 0.30: with two, the server's cores stood
    /// idle 11% of a push of 1,000,000 between one batch's transaction and the next batch's
    /// arrival, and three pushed faster in eight of nine alternating pairs (13% at the median of
    /// the last four; docs/ARCHITECTURE.md, "Performance").
    public static let window = 3

    /// Largest push number (below 2^53, like vector counters).
    public static let maxNumber: Int64 = 1 << 53 - 1

    public init(replica: ReplicaID, batch: String, number: Int64? = nil, changes: [Change]) {
        self.replica = replica
        self.batch = batch
        self.number = number
        self.changes = changes
    }

    /// Whether `number` is a valid push number (1 ... 2^53 - 1).
    public static func isValidNumber(_ number: Int64) -> Bool { (1...maxNumber).contains(number) }

    /// Checks a batch identifier.
    public static func isValidBatch(_ batch: String) -> Bool {
        let bytes = batch.utf8
        return (1...64).contains(bytes.count)
            && bytes.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
    }

    public init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: ["replica", "batch", "number", "changes"])
        replica = try object.replicaID("replica")
        batch = try object.string("batch")
        guard Self.isValidBatch(batch) else {
            throw .invalidField(path: object.path(of: "batch"), reason: "expected 1-64 characters A-Z a-z 0-9 . _ -")
        }
        if object.optionalValue("number") != nil {
            let number = try object.int64("number")
            guard Self.isValidNumber(number) else {
                throw .invalidField(path: object.path(of: "number"), reason: "expected an integer from 1 to 2^53 - 1")
            }
            self.number = number
        } else {
            number = nil
        }
        let elements = try object.array("changes")
        guard elements.count <= Self.maxChanges else {
            throw .invalidField(
                path: object.path(of: "changes"), reason: "at most \(Self.maxChanges) changes per batch")
        }
        changes = []
        changes.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            changes.append(try Change(json: element, path: "\(object.path(of: "changes"))[\(index)]"))
        }
    }

    /// Parses a push; the common shape takes a fast path (see `FastWireDecoder`).
    public init(decoding bytes: some Collection<UInt8>) throws(ModelError) {
        var decoder = FastWireDecoder(bytes: Array(bytes), maxValues: Self.maxValues)
        if let request = decoder.pushRequest(), decoder.atEnd {
            self = request
            return
        }
        try self.init(json: JSONValue(parsing: decoder.bytes, maxValues: Self.maxValues), path: "")
    }

    /// The JSON of a push whose changes are already serialised (a replica's stored wire JSON),
    /// without decoding and re-encoding them.
    public static func encode(replica: ReplicaID, batch: String, number: Int64? = nil, rawChanges: [[UInt8]]) -> [UInt8]
    {
        var writer = JSONWriter(reservingCapacity: rawChanges.reduce(128) { $0 + $1.count + 1 })
        writeEnvelope(replica: replica, batch: batch, number: number, to: &writer) { writer in
            for change in rawChanges { writer.writeRaw(change) }
        }
        return writer.bytes
    }

    public func writeJSON(to writer: inout JSONWriter) {
        Self.writeEnvelope(replica: replica, batch: batch, number: number, to: &writer) { writer in
            for change in changes { change.writeJSON(to: &writer) }
        }
    }

    /// `{"replica":…,"batch":…,"number":…,"changes":[…]}` (no `number` when nil) with the
    /// elements written by `writeChanges`.
    private static func writeEnvelope(
        replica: ReplicaID, batch: String, number: Int64?, to writer: inout JSONWriter,
        _ writeChanges: (inout JSONWriter) -> Void
    ) {
        writer.beginObject()
        writer.key("replica")
        writer.write(replica)
        writer.key("batch")
        writer.write(string: batch)
        if let number {
            writer.key("number")
            writer.write(integer: number)
        }
        writer.key("changes")
        writer.beginArray()
        writeChanges(&writer)
        writer.endArray()
        writer.endObject()
    }
}
