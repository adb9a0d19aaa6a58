import Foundation

/// One HTTP exchange with the server, as the sync engine sees it: no URLSession types. Bodies
/// are `Data` so that an 8 MiB file piece is handed to the network without another copy.
struct TransportRequest: Sendable {
    var method: String
    /// Path and query, e.g. `/v1/pull?since=0&limit=1000`.
    var path: String
    var body: Data?
    /// Extra fields, e.g. `Upload-Offset` or `Range`. A body without a `Content-Type` here is
    /// sent as `application/json`.
    var headers: [(String, String)] = []
}

struct TransportResponse: Sendable {
    var status: Int
    var body: Data
    /// Response fields by lowercased name.
    var headers: [String: String] = [:]
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

/// How often a request that got no answer (or 502/503/504) is tried again.
struct RetryPolicy: Sendable {
    /// Waits before each retry, in seconds; its count is the number of retries.
    var delays: [Double] = [0.5, 1, 2, 4]

    /// The policy `RENKEI_RETRY_DELAYS` (comma-separated seconds) asks for, else the default.
    static func fromEnvironment(_ environment: [String: String]) -> RetryPolicy {
        guard let text = environment["RENKEI_RETRY_DELAYS"] else { return RetryPolicy() }
        return RetryPolicy(delays: text.split(separator: ",").compactMap { Double($0) })
    }

    /// Sends `request` until an answer other than 502/503/504 arrives; returns it whatever its
    /// status. Throws `SyncError.unreachable` when every try went unanswered.
    func send(_ request: TransportRequest, over transport: any SyncTransport) async throws -> TransportResponse {
        var attempt = 0
        while true {
            do {
                let response = try await transport.send(request)
                if [502, 503, 504].contains(response.status), attempt < delays.count {
                    try await pause(attempt)
                    attempt += 1
                    continue
                }
                return response
            } catch let error as TransportError {
                guard attempt < delays.count else { throw SyncError.unreachable(error.message, attempts: attempt + 1) }
                try await pause(attempt)
                attempt += 1
            }
        }
    }

    /// Waits before retry number `attempt` (0-based; less than `delays.count`).
    func pause(_ attempt: Int) async throws {
        try await Task.sleep(nanoseconds: UInt64(delays[attempt] * 1_000_000_000))
    }
}
