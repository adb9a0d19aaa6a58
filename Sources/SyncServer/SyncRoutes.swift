import HTTP1
import Models

/// Maps HTTP requests to `SyncService` calls and every failure to one JSON error shape,
/// `{"error":{"code","message"}}`, with its status chosen in exactly one place (`status(for:)`).
struct SyncRoutes: HTTPResponder {
    let service: SyncService
    /// Largest accepted push body, in bytes.
    let maxJSONBodyBytes: Int

    func bodyLimit(for head: HTTPRequestHead) -> Int {
        head.method == "POST" && head.path == "/v1/push" ? maxJSONBodyBytes : 0
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        do {
            return .json(.ok, try route(request))
        } catch {
            return errorResponse(error)
        }
    }

    private func route(_ request: HTTPRequest) throws(ServiceError) -> [UInt8] {
        let head = request.head
        switch head.path {
        case "/v1/push":
            try require("POST", head)
            if let type = head.headers["Content-Type"], !type.lowercased().hasPrefix("application/json") {
                throw ServiceError(.unsupportedMediaType, "send the batch as application/json")
            }
            return try service.push(request.body)
        case "/v1/pull":
            try require("GET", head)
            let parameters = try Self.pullParameters(head.query)
            return try service.pull(
                since: parameters.since, limit: parameters.limit, excludingAuthor: parameters.exceptAuthor)
        case "/v1/health":
            try require("GET", head)
            return try service.health()
        default:
            throw ServiceError(.notFound, "no such path: \(Printable.quoted(String(head.path)))")
        }
    }

    private func require(_ method: String, _ head: HTTPRequestHead) throws(ServiceError) {
        guard head.method == method else {
            throw ServiceError(.methodNotAllowed, "\(head.path) accepts \(method) only")
        }
    }

    /// `since` (default 0, at least 0), `limit` (default 1,000, 1...10,000) and `except_author`
    /// (a replica id: leave out what that replica wrote); anything else is refused.
    static func pullParameters(_ query: Substring?) throws(ServiceError) -> (
        since: Int64, limit: Int, exceptAuthor: ReplicaID?
    ) {
        var since: Int64 = 0
        var limit = SyncService.defaultPullLimit
        var exceptAuthor: ReplicaID?
        var seen: Set<Substring> = []
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0]
            let value = parts.count == 2 ? parts[1] : ""
            guard seen.insert(name).inserted else { throw ServiceError(.invalidField, "\(name) is given twice") }
            switch name {
            case "since":
                guard let number = Int64(value), number >= 0 else {
                    throw ServiceError(.invalidField, "since must be a whole number >= 0")
                }
                since = number
            case "limit":
                guard let number = Int(value), (1...SyncService.maxPullLimit).contains(number) else {
                    throw ServiceError(
                        .invalidField, "limit must be a whole number from 1 to \(SyncService.maxPullLimit)")
                }
                limit = number
            case "except_author":
                guard let replica = try? ReplicaID(validating: String(value)) else {
                    throw ServiceError(.invalidField, "except_author must be a replica id (32 hexadecimal digits)")
                }
                exceptAuthor = replica
            default:
                throw ServiceError(.invalidField, "unknown parameter \(Printable.quoted(String(name)))")
            }
        }
        return (since, limit, exceptAuthor)
    }

    func errorBody(status: HTTPStatus, message: String) -> HTTPResponse {
        let code: ErrorCode
        switch status.code {
        case 408: code = .requestTimeout
        case 413: code = .payloadTooLarge
        case 431: code = .headersTooLarge
        case 501: code = .notImplemented
        case 503: code = .unavailable
        default: code = .badRequest
        }
        return .json(status, ErrorResponse(code: code, message: message).jsonBytes)
    }

    private func errorResponse(_ error: ServiceError) -> HTTPResponse {
        var response = HTTPResponse.json(
            Self.status(for: error.code), ErrorResponse(code: error.code, message: error.message).jsonBytes)
        if error.code == .unavailable { response.headers.add(name: "Retry-After", value: "1") }
        return response
    }

    /// The one place where an error code gets its HTTP status.
    static func status(for code: ErrorCode) -> HTTPStatus {
        switch code {
        case .malformedJSON, .invalidField, .badRequest: return .badRequest
        case .unauthorized: return .unauthorized
        case .forbiddenScope: return .forbidden
        case .notFound: return .notFound
        case .methodNotAllowed: return .methodNotAllowed
        case .scopeMismatch: return .conflict
        case .payloadTooLarge: return .contentTooLarge
        case .unsupportedMediaType: return .unsupportedMediaType
        case .unavailable: return .serviceUnavailable
        case .storageFull: return .insufficientStorage
        default: return .internalServerError
        }
    }
}
