import Foundation
import HTTP1
import Localization
import Models

/// Maps HTTP requests to `SyncService` and `BlobService` calls and every failure to one JSON
/// error shape, `{"error":{"code","message"}}`, with its status chosen in exactly one place
/// (`status(for:)`).
///
/// Every route but `/v1/health` needs `Authorization: Bearer <token>` (401 otherwise); what the
/// token's user may read and write is checked by the services through the `Caller`.
///
/// | route | call |
/// |---|---|
/// | `POST /v1/push`, `GET /v1/pull`, `GET /v1/health` | sync |
/// | `GET /v1/whoami` | the token's user and grant |
/// | `GET /v1/history?collection&record&field` | the current and the newest superseded versions of one register |
/// | `POST /v1/uploads` | start (or resume, or skip: already stored) an upload |
/// | `HEAD /v1/uploads/{id}` | durable offset in `Upload-Offset` |
/// | `PATCH /v1/uploads/{id}` | a piece at `Upload-Offset`, streamed to disk |
/// | `GET`/`HEAD /v1/blobs/{sha256}` | download, with `Range` |
/// | `GET /metrics` | counters and gauges for Prometheus, admin tokens only |
struct SyncRoutes: HTTPResponder {
    let service: SyncService
    let blobs: BlobService
    let authenticator: Authenticator
    /// The browser pages (everything outside `/v1/`).
    let dashboard: Dashboard
    /// Last contact per replica, for the dashboard.
    let activity: ActivityRecorder
    /// Largest accepted push body, in bytes.
    let maxJSONBodyBytes: Int
    /// What `GET /metrics` reads at each scrape beyond the counters (sizes, the last syncs).
    let gauges: @Sendable () throws -> MetricsText.Gauges
    /// Bytes each user may have the server write per day (`WriteBudget`).
    let writeBudget: WriteBudget
    /// Space kept free on the data directory's disk (`DiskReserve`).
    let diskReserve: DiskReserve
    /// Largest body of `POST /v1/uploads` (a small JSON object), in bytes.
    static let maxUploadRequestBytes = 4096
    /// Pushes of one user being received or applied at once: the client's window and a retry
    /// that overlaps it (as `PushGate.perUser`), counted from the head, before the body is read.
    let pushPermits = UserPermits(perUser: PushRequest.window + 1, activity: "pushes")
    /// Upload pieces (`PATCH`) of one user being received at once (the client sends one).
    let uploadPermits = UserPermits(perUser: 4, activity: "upload pieces")
    /// Pulls and histories of one user being answered at once, until the answer is sent (pages
    /// run to 8 MiB: a reader that takes them slowly holds their memory and a connection). The
    /// client has two pulls in flight at most (a page and the next one).
    let readPermits = UserPermits(perUser: 4, activity: "pulls and histories")

    /// What `admit` found: the caller, and the permit the request holds while its body is
    /// received, while it is handled and while its answer is sent (`UserPermits`).
    struct Admitted: Sendable {
        let caller: Caller
        let permit: UserPermits.Permit?
    }

    func bodyLimit(for head: HTTPRequestHead) -> Int {
        switch (head.method, String(head.path)) {
        case ("POST", Endpoint.push): return maxJSONBodyBytes
        case ("POST", Endpoint.uploads): return Self.maxUploadRequestBytes
        case ("POST", "/login"): return Dashboard.maxFormBytes
        case ("PATCH", _) where Self.parameter(of: head.path, under: Endpoint.uploadPrefix) != nil:
            return blobs.limits.maxChunkBytes
        default: return 0
        }
    }

    /// PATCH bodies go straight to disk; everything else is buffered.
    func bodyConsumer(for head: HTTPRequestHead, peer: String) throws(HTTPResponseError) -> (any HTTPBodyConsumer)? {
        guard head.method == "PATCH", let id = Self.parameter(of: head.path, under: Endpoint.uploadPrefix) else {
            return nil
        }
        do {
            return try patchReceiver(id: id, head: head, peer: peer)
        } catch {
            throw HTTPResponseError(Self.errorResponse(error))
        }
    }

    private func patchReceiver(id: String, head: HTTPRequestHead, peer: String) throws(ServiceError)
        -> UploadBody
    {
        try Self.refuseTokensInURL(head)
        let caller = try authenticator.caller(for: head, peer: peer)
        try Self.requireUploadID(id)
        let type = head.headers["Content-Type"]?.lowercased() ?? ""
        guard type.hasPrefix("application/offset+octet-stream") || type.hasPrefix("application/octet-stream") else {
            throw ServiceError(.unsupportedMediaType, "send upload pieces as application/offset+octet-stream")
        }
        // One field: with two, which one counts would depend on who added it.
        let offsets = head.headers.values(for: "Upload-Offset")
        guard offsets.count == 1, let offset = HTTPDigits.value(offsets[0][...]) else {
            throw ServiceError(
                .badRequest, "send one Upload-Offset field giving the piece's first byte as a whole number")
        }
        let length = head.bodyFraming.announcedLength
        let writer = try blobs.writer(id: id, offset: offset, length: length, caller: caller)
        // A chunked piece announced no length (`admitWrite` charged the least): its bytes are
        // charged as they come.
        guard length == nil else { return UploadBody(writer) }
        let budget = writeBudget
        return UploadBody(writer) { bytes in
            budget.charge(user: caller.user, bytes: Int64(bytes), now: UnixTime.milliseconds())
        }
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        var response = answer(request)
        // The request's permit (`admit`) is held until its answer has been sent.
        if let admitted = request.admission as? Admitted, let permit = admitted.permit { response.retained = permit }
        service.metrics.request(
            route: ServerMetrics.route(of: request.head.path), method: request.head.method,
            status: Int(response.status.code), bytesIn: request.body.count, bytesOut: response.contentLength)
        return response
    }

    private func answer(_ request: HTTPRequest) -> HTTPResponse {
        do {
            if request.head.path == Endpoint.metrics { return try metrics(request) }
            if dashboard.handles(request.head.path) { return dashboard.respond(to: request) }
            return try route(request)
        } catch {
            return Self.errorResponse(error)
        }
    }

    /// `GET /metrics` (Prometheus text format) for admin tokens: the counters and the gauges.
    private func metrics(_ request: HTTPRequest) throws(ServiceError) -> HTTPResponse {
        try Self.refuseTokensInURL(request.head)
        try require("GET", request.head)
        let caller = try authenticator.caller(for: request.head, peer: request.peer)
        guard caller.grant.role == .admin else {
            throw ServiceError(.forbiddenScope, "the metrics are for the prefecture's admins")
        }
        let read: MetricsText.Gauges
        do { read = try gauges() } catch {
            throw ServiceError(.internalError, "the server could not read its metrics")
        }
        return HTTPResponse(
            status: .ok,
            headers: HTTPHeaders([("Content-Type", MetricsText.contentType), ("Cache-Control", "no-store")]),
            body: Array(MetricsText.render(service.metrics.snapshot, read).utf8))
    }

    private func route(_ request: HTTPRequest) throws(ServiceError) -> HTTPResponse {
        let head = request.head
        try Self.refuseTokensInURL(head)
        if head.path == Endpoint.health {
            try require("GET", head)
            var response = HTTPResponse.json(.ok, try service.health())
            // The version as a field, not a member: clients before 0.17 refuse unknown members.
            response.headers.add(name: "Server", value: "renkei-server/\(RenkeiVersion.current)")
            // Push bodies may come gzipped (RFC 7694: what a server takes in requests).
            response.headers.add(name: "Accept-Encoding", value: RequestCoding.accepted)
            // How many batches of one replica may be in flight at once (from 0.21).
            response.headers.add(name: "Renkei-Push-Window", value: String(PushRequest.window))
            return response
        }
        let caller = try admittedCaller(of: request)
        activity.seen(caller)
        switch String(head.path) {
        case Endpoint.whoami:
            try require("GET", head)
            var who = WhoAmIResponse(
                user: caller.user, role: caller.grant.role, scope: caller.grant.municipality,
                onBehalf: Array(caller.grant.onBehalf))
            if let replica = try Self.whoamiReplica(head.query) {
                who.lastPush = try service.lastPushNumber(of: replica, caller: caller)
            }
            return .json(.ok, who.jsonBytes)
        case Endpoint.push:
            try require("POST", head)
            if let type = head.headers["Content-Type"], !type.lowercased().hasPrefix("application/json") {
                throw ServiceError(.unsupportedMediaType, "send the batch as application/json")
            }
            let coding = try RequestCoding.of(head, takesGzip: true)
            let announced = head.bodyFraming.announcedLength ?? 0
            let body = try service.push(
                request.body, coding: coding, inflatedLimit: maxJSONBodyBytes, caller: caller
            ) { weight in
                // What the head did not announce: a chunked body, a gzipped one inflated, rows
                // longer than the JSON that carried them.
                let known = max(announced, WriteBudget.minimumCharge)
                writeBudget.charge(
                    user: caller.user, bytes: Int64(max(weight, request.body.count)) - known,
                    now: UnixTime.milliseconds())
            }
            return .json(.ok, body)
        case Endpoint.pull:
            try require("GET", head)
            let parameters = try Self.pullParameters(head.query)
            return .json(
                .ok,
                try service.pull(
                    since: parameters.since, limit: parameters.limit, excludingAuthor: parameters.exceptAuthor,
                    caller: caller))
        case Endpoint.history:
            try require("GET", head)
            let history = try service.history(of: try Self.historyKey(head.query), caller: caller)
            var response = HTTPResponse.json(.ok, history.body)
            if history.more { response.headers.add(name: Endpoint.historyTruncatedField, value: "true") }
            return response
        case Endpoint.uploads:
            try require("POST", head)
            let (created, status) = try blobs.startUpload(request.body, caller: caller)
            var response = HTTPResponse.json(created ? .created : .ok, status.jsonBytes)
            if let id = status.id { response.headers.add(name: "Location", value: Endpoint.upload(id)) }
            response.headers.add(name: "Upload-Offset", value: "\(status.offset)")
            return response
        default:
            if let id = Self.parameter(of: head.path, under: Endpoint.uploadPrefix) {
                try Self.requireUploadID(id)
                guard head.method == "HEAD" else {
                    // A PATCH never gets here: its body consumer answers it.
                    throw ServiceError(.methodNotAllowed, "\(head.path) accepts HEAD and PATCH only")
                }
                let session = try blobs.session(id, caller: caller)
                return HTTPResponse(
                    status: .ok,
                    headers: HTTPHeaders([
                        ("Upload-Offset", "\(session.offset)"), ("Upload-Length", "\(session.size)"),
                        ("Cache-Control", "no-store"),
                    ]))
            }
            if let hash = Self.parameter(of: head.path, under: Endpoint.blobPrefix) {
                guard head.method == "GET" || head.method == "HEAD" else {
                    throw ServiceError(.methodNotAllowed, "\(head.path) accepts GET and HEAD only")
                }
                return Self.fileResponse(
                    try blobs.download(
                        sha256: hash, range: head.headers["Range"], sendsBytes: head.method == "GET", caller: caller))
            }
            throw ServiceError(.notFound, "no such path: \(Printable.quoted(String(head.path)))")
        }
    }

    /// Every `/v1/` call but `/v1/health` must show a valid token in its head, checked here
    /// before `100 Continue` and before a byte of its body is read: a caller without one gets
    /// 401 (or 429 when its address is throttled) at once and the connection closes, so it can
    /// hold neither a body in memory nor a slot. The caller found is handed to `route` (the
    /// token is not looked up twice). The dashboard's paths (outside `/v1/`) keep their own
    /// sign-in.
    ///
    /// A body's content coding is checked here too (`RequestCoding`): only a push may come
    /// gzipped, and any other coding is refused before its body is read.
    func admit(_ head: HTTPRequestHead, peer: String) throws(HTTPResponseError) -> (any Sendable)? {
        do {
            guard head.path.hasPrefix(Endpoint.prefix), head.path != Endpoint.health else {
                _ = try RequestCoding.of(head, takesGzip: false)
                return nil
            }
            try Self.refuseTokensInURL(head)
            let caller = try authenticator.caller(for: head, peer: peer)
            let isPush = head.method == "POST" && head.path == Endpoint.push
            let isUploadPiece =
                head.method == "PATCH" && Self.parameter(of: head.path, under: Endpoint.uploadPrefix) != nil
            _ = try RequestCoding.of(head, takesGzip: isPush)
            let permit: UserPermits.Permit? =
                if isPush {
                    try pushPermits.take(user: caller.user)
                } else if isUploadPiece {
                    try uploadPermits.take(user: caller.user)
                } else if head.path == Endpoint.pull || head.path == Endpoint.history {
                    try readPermits.take(user: caller.user)
                } else {
                    nil
                }
            if isPush || isUploadPiece || (head.method == "POST" && head.path == Endpoint.uploads) {
                try admitWrite(of: caller, announcing: head.bodyFraming)
            }
            return Admitted(caller: caller, permit: permit)
        } catch {
            throw HTTPResponseError(Self.errorResponse(error))
        }
    }

    /// A request that makes the server write (a push, an upload piece, an upload session), from
    /// its head: refused with 507 when its announced body would take the disk into its reserve,
    /// and with 429 when its user's daily write budget is spent; else charged to that budget.
    /// Admins (the server's operators, and a federating server relaying a whole prefecture's
    /// data and files) have no budget; the reserve holds them too.
    private func admitWrite(of caller: Caller, announcing framing: HTTPRequestHead.BodyFraming) throws(ServiceError) {
        let announced = framing.announcedLength ?? 0
        try diskReserve.check(adding: announced)
        try writeBudget.admit(caller, bytes: announced, logger: service.logger)
    }

    /// The caller `admit` found for this request, or (for a request that did not come through
    /// the server, as in tests) the one its token names.
    private func admittedCaller(of request: HTTPRequest) throws(ServiceError) -> Caller {
        if let admitted = request.admission as? Admitted { return admitted.caller }
        return try authenticator.caller(for: request.head, peer: request.peer)
    }

    /// The answer that streams a stored file (or the asked part of it) from disk.
    static func fileResponse(_ download: BlobDownload) -> HTTPResponse {
        var headers = HTTPHeaders([
            ("Content-Type", "application/octet-stream"), ("Accept-Ranges", "bytes"),
            ("ETag", "\"\(download.sha256)\""),
            ("Repr-Digest", "sha-256=:\(BlobService.base64(hex: download.sha256)):"),
            ("Cache-Control", "private, max-age=31536000, immutable"),
        ])
        if download.isPart {
            let last = download.first + download.length - 1
            headers.add(name: "Content-Range", value: "bytes \(download.first)-\(last)/\(download.size)")
        }
        var response = HTTPResponse(status: download.isPart ? .partialContent : .ok, headers: headers)
        response.file = HTTPFileBody(
            descriptor: download.descriptor, offset: download.first, length: download.length, retaining: download.permit
        )
        return response
    }

    /// The path parameter after `prefix` (one segment: no `/`), or nil for other paths.
    static func parameter(of path: Substring, under prefix: String) -> String? {
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        guard !rest.isEmpty, !rest.contains("/") else { return nil }
        return String(rest)
    }

    /// Tokens never travel in URLs: they would end up in logs, proxies and browser histories.
    static func refuseTokensInURL(_ head: HTTPRequestHead) throws(ServiceError) {
        for pair in (head.query ?? "").split(separator: "&") {
            let name = pair.split(separator: "=", maxSplits: 1).first?.lowercased() ?? ""
            if ["token", "access_token", "bearer", "auth", "authorization"].contains(name) {
                throw ServiceError(
                    .badRequest, "tokens are never accepted in URLs; send `Authorization: Bearer <token>`")
            }
        }
    }

    private static func requireUploadID(_ id: String) throws(ServiceError) {
        guard RecordID.isUUID(id) else {
            throw ServiceError(.notFound, "no upload \(Printable.quoted(id)): upload ids are lowercase UUIDs")
        }
    }

    private func require(_ method: String, _ head: HTTPRequestHead) throws(ServiceError) {
        guard head.method == method else {
            throw ServiceError(.methodNotAllowed, "\(head.path) accepts \(method) only")
        }
    }

    /// `collection`, `record` and `field` (all required, each once, percent-encoded): the
    /// register whose versions `/v1/history` lists.
    static func historyKey(_ query: Substring?) throws(ServiceError) -> RecordKey {
        var values: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard ["collection", "record", "field"].contains(name) else {
                throw ServiceError(.invalidField, "unknown parameter \(Printable.quoted(name))")
            }
            guard values[name] == nil else { throw ServiceError(.invalidField, "\(name) is given twice") }
            guard parts.count == 2, let value = String(parts[1]).removingPercentEncoding else {
                throw ServiceError(.invalidField, "\(name) must be percent-encoded UTF-8")
            }
            values[name] = value
        }
        guard let collection = values["collection"], let record = values["record"], let field = values["field"] else {
            throw ServiceError(.invalidField, "give collection, record and field")
        }
        do {
            return try RecordKey(validating: collection, record: record, field: field)
        } catch {
            throw ServiceError(.invalidField, error.description(in: .english))
        }
    }

    /// `/v1/whoami`'s one optional parameter, `replica` (a replica id): the answer then says the
    /// highest push number applied from it (`last_push`, 0 unless the caller's user owns it).
    static func whoamiReplica(_ query: Substring?) throws(ServiceError) -> ReplicaID? {
        guard let query, !query.isEmpty else { return nil }
        let parts = query.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "replica" else {
            throw ServiceError(.invalidField, "\(Endpoint.whoami) takes one parameter, replica")
        }
        guard let replica = try? ReplicaID(validating: String(parts[1])) else {
            throw ServiceError(.invalidField, "replica must be a replica id (32 hexadecimal digits)")
        }
        return replica
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
        case 401: code = .unauthorized
        case 503: code = .unavailable
        default: code = .badRequest
        }
        return .json(status, ErrorResponse(code: code, message: message).jsonBytes)
    }

    static func errorResponse(_ error: ServiceError) -> HTTPResponse {
        var response = HTTPResponse.json(
            status(for: error.code), ErrorResponse(code: error.code, message: error.message).jsonBytes)
        if error.code == .unavailable || error.code == .uploadBusy {
            response.headers.add(name: "Retry-After", value: "1")
        }
        for (name, value) in error.headers { response.headers.add(name: name, value: value) }
        return response
    }

    /// The HTTP status of an error code (the table is `ErrorCode.httpStatus`).
    static func status(for code: ErrorCode) -> HTTPStatus { HTTPStatus(code: code.httpStatus) }
}
