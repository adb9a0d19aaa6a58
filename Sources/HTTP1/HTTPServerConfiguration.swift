/// Limits and timeouts of an `HTTPServer`.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind, an IPv4 or IPv6 literal (`127.0.0.1` by default: reachable only locally).
    public var host = "127.0.0.1"
    /// Port to bind; 0 picks a free one (see `HTTPServer.port`).
    public var port: UInt16 = 8080
    /// Connections served at once; one more is answered 503 and closed.
    public var maxConnections = 512
    /// Seconds a connection must have waited for a request head before, at the connection cap,
    /// it may be closed to admit a newcomer (slow clients holding slots lose them; a client
    /// that connected a moment ago and is sending its request keeps its slot, and the newcomer
    /// gets 503 with `Retry-After` instead).
    public var evictableAfterSeconds = 1.0
    /// Seconds a client has to send a complete header block.
    public var headerTimeoutSeconds = 10.0
    /// Seconds an idle keep-alive connection stays open.
    public var idleTimeoutSeconds = 60.0
    /// Seconds without a byte while a body is being received before the connection is cut.
    public var bodyTimeoutSeconds = 30.0
    /// Slowest average body rate accepted, in bytes per second, once `minimumRateGraceSeconds`
    /// have passed: a client trickling a body to hold a connection is cut off (408).
    public var minimumBodyBytesPerSecond = 1024.0
    /// Seconds a body may take before the minimum rate applies.
    public var minimumRateGraceSeconds = 10.0
    /// Seconds graceful shutdown waits for in-flight requests.
    public var shutdownGraceSeconds = 30.0
    /// Parser limits (header block 16 KiB, 100 fields).
    public var parserLimits = HTTPRequestParser.Limits()
    /// Receives log lines: level, message, fields.
    public var log: @Sendable (_ level: LogLevel, _ message: String, _ fields: [(String, String)]) -> Void = {
        _, _, _ in
    }

    public enum LogLevel: String, Sendable {
        case debug, info, warning, error
    }

    public init() {}
}
