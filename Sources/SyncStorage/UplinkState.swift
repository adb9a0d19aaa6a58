import Models

/// How far this server's versions have gone up to one upstream server (federation: a
/// prefecture server syncing upward, as a replica, to a national one). Kept in the server's
/// database, so a backup restores it together with the versions it describes.
public struct UplinkState: Equatable, Sendable {
    /// Every current version with a server sequence up to this one is on the upstream server.
    public var sentThrough: Int64 = 0
    /// A batch that was sent but whose answer never arrived: its name, and the last sequence it
    /// covered. It goes again under the same name, so the upstream applies it at most once.
    public var openBatch: String?
    public var openThrough: Int64 = 0
    /// The upstream's epoch when last seen; a new one (the upstream was restored from a backup)
    /// means sending everything again.
    public var upstreamEpoch = ""

    public init() {}

    init(json: JSONValue) {
        guard case .object(let members) = json else { return }
        if case .integer(let value)? = members["sent_through"] { sentThrough = value }
        if case .string(let value)? = members["open_batch"] { openBatch = value }
        if case .integer(let value)? = members["open_through"] { openThrough = value }
        if case .string(let value)? = members["upstream_epoch"] { upstreamEpoch = value }
    }

    var json: JSONValue {
        [
            "sent_through": .integer(sentThrough), "open_batch": openBatch.map(JSONValue.string) ?? .null,
            "open_through": .integer(openThrough), "upstream_epoch": .string(upstreamEpoch),
        ]
    }
}

extension ServerStore {
    /// Where sending to `upstream` (its base URL) stands; a new state if never sent.
    public func uplinkState(upstream: String) throws -> UplinkState {
        guard let text = try storeInfo("uplink " + upstream), let json = try? JSONValue(parsing: Array(text.utf8))
        else { return UplinkState() }
        return UplinkState(json: json)
    }

    /// Records where sending to `upstream` stands (durably: FULL synchronous commit).
    public func setUplinkState(_ state: UplinkState, upstream: String) throws {
        try setStoreInfo("uplink " + upstream, to: state.json.canonicalText)
    }
}
