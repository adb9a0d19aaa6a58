import Foundation
import Models
import SyncProtocol
import Synchronization
import ZlibCoding

/// A `SyncTransport` that plays a small, in-memory Renkei server: it applies pushes once per
/// batch name, keeps upload sessions and files, and answers pulls with nothing. `faults` are
/// consumed first, one per request they match, to play lost answers, busy uploads and the like.
final class FakeServer: SyncTransport, Sendable {
    /// What happens to one request before (or instead of) the normal answer.
    enum Fault: Sendable {
        /// The request never gets an answer.
        case noAnswer
        /// The request is applied, but its answer is lost.
        case answerLost
        /// The answer is this status with this error code, nothing applied.
        case refuse(Int, ErrorCode)
        /// `409` without `Upload-Offset`: another request holds the upload.
        case uploadBusy
        /// `404`: the upload session vanished (it is dropped here too).
        case uploadGone
        /// This answer instead of the real one, nothing applied (a lying or broken server).
        case answer(TransportResponse)
    }

    struct State {
        var user = "tanaka"
        var role = Role.staff
        var scope: MunicipalityCode? = try! MunicipalityCode(validating: "271004")
        var lastPush: Int64 = 0
        var epoch = "epoch-1"
        /// Changes applied, in order, and the batch names already applied.
        var applied: [Change] = []
        var batches: Set<String> = []
        var numbers: [ReplicaID: Int64] = [:]
        /// Upload id -> (sha256, size, bytes so far); files complete by hash.
        var uploads: [String: (sha256: String, size: Int64, bytes: Data)] = [:]
        var files: [String: Data] = [:]
        /// Faults by "METHOD path-prefix", consumed in order.
        var faults: [(route: String, fault: Fault)] = []
        /// Every request seen, as "METHOD path".
        var log: [String] = []
        /// Bodies of every push seen (retries included), inflated when they came gzipped.
        var pushBodies: [Data] = []
        /// The `Content-Encoding` of every push seen (nil: none).
        var pushCodings: [String?] = []
        /// Whether this server takes gzipped pushes (and says so on `/v1/health`), as from 0.18.
        var takesGzip = false
        /// The `Renkei-Push-Window` this server sends on `/v1/health` (nil: none, as before 0.21).
        var pushWindow: String?
        /// How long each push takes before it is answered, in seconds.
        var pushSeconds = 0.0
        /// Pushes being answered now, and the most there ever were at once.
        var pushesInFlight = 0
        var mostPushesInFlight = 0
        /// Push numbers refused once with 500 `internal_error`, nothing applied.
        var failOnce: Set<Int64> = []
    }

    let state = Mutex(State())

    /// Adds a fault for the next request whose "METHOD path" starts with `route`.
    func inject(_ fault: Fault, on route: String) {
        state.withLock { $0.faults.append((route, fault)) }
    }

    func send(_ request: TransportRequest) throws(TransportError) -> TransportResponse {
        let route = "\(request.method) \(request.path)"
        let fault: Fault? = state.withLock { state in
            state.log.append(route)
            if request.path == Endpoint.push, let body = request.body {
                let push = Self.pushJSON(request)
                state.pushCodings.append(push.coding)
                state.pushBodies.append(push.json.map { Data($0) } ?? body)
            }
            guard let index = state.faults.firstIndex(where: { route.hasPrefix($0.route) }) else { return nil }
            return state.faults.remove(at: index).fault
        }
        if request.path == Endpoint.push { return try slowPush(request, fault: fault) }
        return try respond(to: request, fault: fault)
    }

    /// A push, answered after `pushSeconds` (counted in `pushesInFlight` meanwhile).
    private func slowPush(_ request: TransportRequest, fault: Fault?) throws(TransportError) -> TransportResponse {
        let seconds = state.withLock { state in
            state.pushesInFlight += 1
            state.mostPushesInFlight = max(state.mostPushesInFlight, state.pushesInFlight)
            return state.pushSeconds
        }
        defer { state.withLock { $0.pushesInFlight -= 1 } }
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
        return try respond(to: request, fault: fault)
    }

    private func respond(to request: TransportRequest, fault: Fault?) throws(TransportError) -> TransportResponse {
        switch fault {
        case .noAnswer?: throw TransportError(message: "connection refused")
        case .answerLost?:
            _ = answer(request)
            throw TransportError(message: "connection reset")
        case .refuse(let status, let code)?:
            return error(status, code)
        case .uploadBusy?:
            return error(409, .uploadBusy)
        case .uploadGone?:
            state.withLock { $0.uploads.removeAll() }
            return error(404, .notFound)
        case .answer(let response)?:
            return response
        case nil:
            return answer(request)
        }
    }

    /// A push body's `Content-Encoding` and its JSON: inflated when it names gzip (nil when that
    /// fails or it names another coding).
    private static func pushJSON(_ request: TransportRequest) -> (coding: String?, json: [UInt8]?) {
        let body = [UInt8](request.body ?? Data())
        let coding = request.headers.first { $0.0.lowercased() == "content-encoding" }?.1
        guard let coding else { return (nil, body) }
        guard coding == "gzip" else { return (coding, nil) }
        return (coding, try? Zlib.inflate(body[...], format: .gzip, limit: 1 << 24).bytes)
    }

    private func error(_ status: Int, _ code: ErrorCode) -> TransportResponse {
        TransportResponse(
            status: status, body: Data(ErrorResponse(code: code, message: "scripted \(code)").jsonBytes))
    }

    private func ok(_ message: some WireMessage, status: Int = 200, headers: [String: String] = [:])
        -> TransportResponse
    {
        TransportResponse(status: status, body: Data(message.jsonBytes), headers: headers)
    }

    private func answer(_ request: TransportRequest) -> TransportResponse {
        let path = request.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.path
        return state.withLock { state -> TransportResponse in
            switch (request.method, path) {
            case ("GET", Endpoint.health):
                return ok(
                    HealthResponse(sequence: Int64(state.applied.count), epoch: state.epoch),
                    headers: (state.takesGzip ? ["accept-encoding": "gzip"] : [:]).merging(
                        state.pushWindow.map { ["renkei-push-window": $0] } ?? [:]
                    ) { first, _ in first })
            case ("GET", Endpoint.whoami):
                let replica = request.path.contains("replica=")
                return ok(
                    WhoAmIResponse(
                        user: state.user, role: state.role, scope: state.scope,
                        lastPush: replica ? state.lastPush : nil))
            case ("POST", Endpoint.push):
                let sent = Self.pushJSON(request)
                // A server before 0.18 reads the bytes as JSON whatever the field says.
                if sent.coding != nil && !state.takesGzip { return error(400, .malformedJSON) }
                guard let json = sent.json, let push = try? PushRequest(decoding: json) else {
                    return error(400, .malformedJSON)
                }
                if let number = push.number, state.failOnce.remove(number) != nil {
                    return error(500, .internalError)
                }
                let replayed = state.batches.contains(push.batch)
                if !replayed {
                    state.batches.insert(push.batch)
                    state.applied += push.changes
                    if let number = push.number { state.numbers[push.replica] = number }
                }
                return ok(
                    PushResponse(
                        batch: push.batch, accepted: replayed ? 0 : push.changes.count, ignored: 0,
                        replayed: replayed, sequence: Int64(state.applied.count)))
            case ("GET", Endpoint.pull):
                return ok(PullResponse(changes: [], next: Int64(state.applied.count), more: false))
            case ("POST", Endpoint.uploads):
                guard let upload = try? UploadRequest(decoding: request.body ?? Data()) else {
                    return error(400, .invalidField)
                }
                if state.files[upload.sha256] != nil {
                    return ok(
                        UploadStatus(
                            id: nil, sha256: upload.sha256, size: upload.size, offset: upload.size, complete: true))
                }
                let existing = state.uploads.first { $0.value.sha256 == upload.sha256 }
                let id = existing?.key ?? UUID().uuidString.lowercased()
                if existing == nil { state.uploads[id] = (upload.sha256, upload.size, Data()) }
                let offset = Int64(state.uploads[id]!.bytes.count)
                return ok(
                    UploadStatus(id: id, sha256: upload.sha256, size: upload.size, offset: offset, complete: false),
                    status: 201)
            case ("PATCH", _) where path.hasPrefix(Endpoint.uploadPrefix):
                let id = String(path.dropFirst(Endpoint.uploadPrefix.count))
                guard var upload = state.uploads[id] else { return error(404, .notFound) }
                let offset = request.headers.first { $0.0 == "Upload-Offset" }.flatMap { Int64($0.1) }
                guard offset == Int64(upload.bytes.count) else {
                    var moved = error(409, .offsetMismatch)
                    moved.headers["upload-offset"] = "\(upload.bytes.count)"
                    return moved
                }
                upload.bytes += request.body ?? Data()
                let complete = Int64(upload.bytes.count) == upload.size
                if complete {
                    state.files[upload.sha256] = upload.bytes
                    state.uploads[id] = nil
                } else {
                    state.uploads[id] = upload
                }
                return ok(
                    UploadStatus(
                        id: complete ? nil : id, sha256: upload.sha256, size: upload.size,
                        offset: Int64(upload.bytes.count), complete: complete))
            case ("GET", _) where path.hasPrefix(Endpoint.blobPrefix):
                guard let file = state.files[String(path.dropFirst(Endpoint.blobPrefix.count))] else {
                    return error(404, .notFound)
                }
                guard let range = request.headers.first(where: { $0.0 == "Range" })?.1,
                    case let bounds = range.dropFirst("bytes=".count).split(separator: "-"), bounds.count == 2,
                    let first = Int(bounds[0]), let last = Int(bounds[1]), first < file.count
                else { return error(416, .rangeNotSatisfiable) }
                let end = min(last, file.count - 1)
                return TransportResponse(
                    status: 206, body: file.subdata(in: first..<(end + 1)),
                    headers: ["content-range": "bytes \(first)-\(end)/\(file.count)"])
            default:
                return error(404, .notFound)
            }
        }
    }
}
