/// One HTTP exchange with the server, as the sync engine sees it: no URLSession types.
struct TransportRequest: Sendable {
    var method: String
    /// Path and query, e.g. `/v1/pull?since=0&limit=1000`.
    var path: String
    var body: [UInt8]?
}

struct TransportResponse: Sendable {
    var status: Int
    var body: [UInt8]
}

/// Carries requests to the server. The engine is tested against the real server through the
/// URLSession implementation; the protocol keeps the engine free of networking types.
protocol SyncTransport: Sendable {
    /// Sends one request. Throws `TransportError` when no answer arrived at all.
    func send(_ request: TransportRequest) async throws -> TransportResponse
}

/// No HTTP answer: the network or the server is unreachable, or too slow.
struct TransportError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
