import Synchronization

/// Counters for `GET /metrics` since the server started: requests by route, method and status
/// (uploads are the requests of `/v1/uploads` and `/v1/uploads/{id}`); bytes in (buffered
/// bodies; upload pieces stream to disk and are not counted here) and out; changes pushed
/// (accepted and rejected) and pulled; pushes refused whole. Counted per thread (`Sharded`) and
/// added up when scraped, so requests do not queue on one lock. The gauges (`openConnections`,
/// sizes) are read when scraped.
final class ServerMetrics: Sendable {
    struct Counts {
        /// `route method status` -> requests answered.
        var requests: [RequestKey: Int] = [:]
        var bytesIn: Int64 = 0
        var bytesOut: Int64 = 0
        var changesAccepted = 0
        var changesRejected = 0
        var changesPulled = 0
        var pushesRefused = 0
    }

    struct RequestKey: Hashable, Comparable {
        let route: String
        let method: String
        let status: Int

        static func < (left: RequestKey, right: RequestKey) -> Bool {
            (left.route, left.method, left.status) < (right.route, right.method, right.status)
        }
    }

    private let counts = Sharded { Counts() }

    /// A snapshot of every counter (the threads' counts added up).
    var snapshot: Counts {
        var total = Counts()
        counts.forEach { part in
            total.requests.merge(part.requests, uniquingKeysWith: +)
            total.bytesIn += part.bytesIn
            total.bytesOut += part.bytesOut
            total.changesAccepted += part.changesAccepted
            total.changesRejected += part.changesRejected
            total.changesPulled += part.changesPulled
            total.pushesRefused += part.pushesRefused
        }
        return total
    }

    func request(route: String, method: String, status: Int, bytesIn: Int, bytesOut: Int64) {
        let key = RequestKey(route: route, method: Self.method(method), status: status)
        counts.withLocalLock { counts in
            counts.requests[key, default: 0] += 1
            counts.bytesIn += Int64(bytesIn)
            counts.bytesOut += bytesOut
        }
    }

    func pushed(accepted: Int, rejected: Int) {
        counts.withLocalLock { counts in
            counts.changesAccepted += accepted
            counts.changesRejected += rejected
        }
    }

    func pulled(_ changes: Int) { counts.withLocalLock { $0.changesPulled += changes } }

    func pushRefused() { counts.withLocalLock { $0.pushesRefused += 1 } }

    /// How many connections are open now; set once the HTTP server exists.
    private let connections = Mutex<(@Sendable () -> Int)?>(nil)

    func countConnections(with count: @escaping @Sendable () -> Int) { connections.withLock { $0 = count } }

    var openConnections: Int { connections.withLock { $0 }?() ?? 0 }

    /// The methods counted by name; any other is `other`, so that no client can add series by
    /// inventing methods (the HTTP parser accepts any token).
    static let methods: Set<String> = ["GET", "HEAD", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"]

    static func method(_ method: String) -> String { methods.contains(method) ? method : "other" }

    /// The endpoints counted under their own path.
    static let knownRoutes = [
        "/v1/push", "/v1/pull", "/v1/health", "/v1/whoami", "/v1/history", "/v1/uploads", "/metrics",
    ]

    /// The route a request counts under: its endpoint with ids left out, so that the labels stay
    /// few whatever clients send (`/v1/uploads/{id}`, `/v1/blobs/{sha256}`; every page of the
    /// dashboard is `dashboard`, anything else `other`).
    static func route(of path: Substring) -> String {
        if let exact = knownRoutes.first(where: { path == $0 }) { return exact }
        if path.hasPrefix("/v1/uploads/") { return "/v1/uploads/{id}" }
        if path.hasPrefix("/v1/blobs/") { return "/v1/blobs/{sha256}" }
        return path.hasPrefix("/v1/") ? "other" : "dashboard"
    }
}
