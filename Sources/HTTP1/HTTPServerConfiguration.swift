/// Limits and timeouts of an `HTTPServer`.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind, an IPv4 or IPv6 literal (`127.0.0.1` by default: reachable only locally).
    public var host = "127.0.0.1"
    /// Port to bind; 0 picks a free one (see `HTTPServer.port`).
    public var port: UInt16 = 8080
    /// Connections served at once; one more is answered 503 and closed.
    public var maxConnections = 512
    /// Connections served at once from one address (the TCP peer's, without its port), so that
    /// one machine cannot hold every slot; one more is answered 503 with `Retry-After` and
    /// closed, unless one of that address's own connections has waited for a head long enough
    /// to be closed for it (as at `maxConnections`). Counted at accept time, on the TCP peer:
    /// behind a reverse proxy every client shares the proxy's address, so the proxy belongs in
    /// `perAddressCapExemptions` and limits its clients itself.
    public var maxConnectionsPerAddress = 64
    /// Addresses (as the peer's host part, e.g. `127.0.0.1` or `::1`) that `maxConnectionsPerAddress`
    /// does not apply to: a trusted reverse proxy, whose clients' addresses are only known once
    /// a head with `X-Forwarded-For` has been read.
    public var perAddressCapExemptions: Set<String> = []
    /// Seconds a connection must have waited for a request head before, at the connection cap,
    /// it may be closed to admit a newcomer (slow clients holding slots lose them; a client
    /// that connected a moment ago and is sending its request keeps its slot, and the newcomer
    /// gets 503 with `Retry-After` instead). At the per-address cap an address's own oldest
    /// waiting connection is closed whatever its wait.
    public var evictableAfterSeconds = 1.0
    /// Seconds a client has to send a complete header block.
    public var headerTimeoutSeconds = 10.0
    /// Seconds an idle keep-alive connection stays open.
    public var idleTimeoutSeconds = 60.0
    /// Seconds without a byte while a body is being received before the connection is cut.
    public var bodyTimeoutSeconds = 30.0
    /// Slowest body rate accepted, in bytes per second, measured over the last
    /// `minimumRateWindowSeconds` (a sliding window, not an average over the whole body): a
    /// client trickling a body to hold a connection is cut off (408), also after a fast start.
    public var minimumBodyBytesPerSecond = 1024.0
    /// Seconds over which `minimumBodyBytesPerSecond` is measured: once a body has been arriving
    /// this long, every such span must bring `minimumBodyBytesPerSecond × minimumRateWindowSeconds`
    /// bytes (10 KiB in 10 s by default). Also the grace a body has before the rate applies.
    public var minimumRateWindowSeconds = 10.0
    /// The former name of `minimumRateWindowSeconds` (the same setting).
    public var minimumRateGraceSeconds: Double {
        get { minimumRateWindowSeconds }
        set { minimumRateWindowSeconds = newValue }
    }
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
