import Foundation

/// How often a request that got no answer (or 429, 502, 503 or 504) is tried again: the one
/// retry rule of every protocol client, `renkei` and `renkei-server federate` alike.
public struct RetryPolicy: Sendable {
    /// Waits before each retry, in seconds; its count is the number of retries.
    public var delays: [Double]
    /// Called before each wait with the retry's number (1-based) and how many there may be, so
    /// that a terminal can show `retry 2/4`.
    public var onRetry: @Sendable (_ attempt: Int, _ of: Int) -> Void

    public init(delays: [Double] = [0.5, 1, 2, 4], onRetry: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) {
        self.delays = delays
        self.onRetry = onRetry
    }

    /// The policy `RENKEI_RETRY_DELAYS` (comma-separated seconds) asks for, else the default.
    public static func fromEnvironment(_ environment: [String: String]) -> RetryPolicy {
        guard let text = environment["RENKEI_RETRY_DELAYS"] else { return RetryPolicy() }
        return RetryPolicy(delays: text.split(separator: ",").compactMap { Double($0) })
    }

    /// Whether an answer with `status` is worth trying again: a gateway or an overloaded server
    /// said so, or the server asked to come back later (429: the user's pushes or downloads at
    /// their limit), and nothing was applied.
    public static func isTransient(_ status: Int) -> Bool { [429, 502, 503, 504].contains(status) }

    /// Longest wait a server's `Retry-After` may ask for, in seconds: an answer asking for longer
    /// (a user's daily write budget spent, `write_budget_exceeded`) is not waited for but
    /// returned, so that the person sees why at once instead of a command that hangs.
    public static let longestRetryAfter = 30.0

    /// The seconds `Retry-After` asks for (its delay-seconds form); 0 when the field is absent
    /// or not a number.
    static func retryAfter(_ response: TransportResponse) -> Double {
        guard let text = response.headers["retry-after"], let seconds = Double(text), seconds.isFinite, seconds > 0
        else { return 0 }
        return seconds
    }

    /// Sends `request` until an answer that is not transient arrives (or one that asks to wait
    /// longer than `longestRetryAfter`); returns it whatever its status.
    ///
    /// - Throws: `SyncError.unreachable` when every try went unanswered.
    public func send(_ request: TransportRequest, over transport: any SyncTransport) throws(SyncError)
        -> TransportResponse
    {
        var attempt = 0
        while true {
            do throws(TransportError) {
                let response = try transport.send(request)
                let wait = Self.retryAfter(response)
                if Self.isTransient(response.status), attempt < delays.count, wait <= Self.longestRetryAfter {
                    pause(attempt, atLeast: wait)
                    attempt += 1
                    continue
                }
                return response
            } catch {
                guard attempt < delays.count else { throw .unreachable(error.message, attempts: attempt + 1) }
                pause(attempt)
                attempt += 1
            }
        }
    }

    /// Waits before retry number `attempt` (0-based; less than `delays.count`): its delay, or
    /// `seconds` when the server asked for longer.
    private func pause(_ attempt: Int, atLeast seconds: Double = 0) {
        onRetry(attempt + 1, delays.count)
        Thread.sleep(forTimeInterval: max(0, delays[attempt], seconds))
    }
}
