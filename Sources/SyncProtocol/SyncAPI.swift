import Foundation
import Localization
import Models
import ZlibCoding

/// The protocol's calls (docs/PROTOCOL.md), each a typed function over a `SyncTransport` with
/// the one retry rule: the only client code that builds `/v1/…` requests (from `Endpoint`) and
/// reads their answers. Every call blocks until the answer.
///
/// Each call returns the decoded answer of a 2xx and throws `SyncError` otherwise:
/// `.refused` with the server's code for an error answer, `.unreachable` when no answer came
/// after the retries, `.invalidAnswer` for an answer that does not decode.
public struct SyncAPI: Sendable {
    public let transport: any SyncTransport
    public var retry: RetryPolicy

    public init(transport: any SyncTransport, retry: RetryPolicy = RetryPolicy()) {
        self.transport = transport
        self.retry = retry
    }

    /// The fields that identify the caller on every request: the bearer token and the replica
    /// the requests come from (docs/PROTOCOL.md §3).
    public static func credentials(token: Token, replica: ReplicaID) -> [(String, String)] {
        [("Authorization", token.authorization), ("Renkei-Replica", replica.hex)]
    }

    /// `GET /v1/health`: the server's sequence and database epoch.
    public func health() throws(SyncError) -> HealthResponse {
        try serverHealth().response
    }

    /// What `GET /v1/health` says, with what its fields tell of the server.
    public struct ServerHealth: Sendable {
        public var response: HealthResponse
        /// Whether the server takes push bodies compressed with gzip: it answers
        /// `Accept-Encoding: gzip` (RFC 7694). Servers before 0.18 do not.
        public var takesGzipPushes: Bool
        /// How many push batches of one replica may be in flight at once: the server's
        /// `Renkei-Push-Window` (from 0.21), at most `PushRequest.window`; 1 for servers before.
        public var pushWindow: Int
    }

    /// `GET /v1/health`, with the fields that say what the server takes.
    public func serverHealth() throws(SyncError) -> ServerHealth {
        let response = try exchange(TransportRequest(method: "GET", path: Endpoint.health))
        let codings = (response.headers["accept-encoding"] ?? "").lowercased().split(separator: ",")
        return ServerHealth(
            response: try decode(response.body),
            takesGzipPushes: codings.contains { coding in
                coding.split(separator: ";").first.map { String($0).trimmingCharacters(in: .whitespaces) } == "gzip"
            },
            pushWindow: min(max(Int(response.headers["renkei-push-window"] ?? "") ?? 1, 1), PushRequest.window))
    }

    /// `GET /v1/whoami`: the token's user and grant; with `replica`, also the highest push
    /// number the server applied from it.
    public func whoami(replica: ReplicaID? = nil) throws(SyncError) -> WhoAmIResponse {
        let query = replica.map { "?replica=\($0.hex)" } ?? ""
        return try decode(try call(TransportRequest(method: "GET", path: Endpoint.whoami + query)))
    }

    /// `POST /v1/push` with an encoded `PushRequest`. With `gzip` (only for a server that takes
    /// it, see `serverHealth`) the body goes compressed when that makes it smaller: batches of
    /// answers shrink 5-20 times, which counts on a municipality's slow line and in the server's
    /// memory while the batch waits its turn.
    public func push(_ request: [UInt8], gzip: Bool = false) throws(SyncError) -> PushResponse {
        var body = request
        var headers: [(String, String)] = []
        if gzip {
            let compressed = Zlib.deflate(request, format: .gzip)
            if compressed.count < request.count {
                body = compressed
                headers = [("Content-Encoding", "gzip")]
            }
        }
        return try decode(
            try call(TransportRequest(method: "POST", path: Endpoint.push, body: Data(body), headers: headers)))
    }

    /// `GET /v1/pull`: up to `limit` changes after sequence `since`, without those `exceptAuthor`
    /// wrote.
    public func pull(since: Int64, limit: Int, exceptAuthor: ReplicaID? = nil) throws(SyncError) -> PullResponse {
        var path = "\(Endpoint.pull)?since=\(since)&limit=\(limit)"
        if let exceptAuthor { path += "&except_author=\(exceptAuthor.hex)" }
        return try decode(try call(TransportRequest(method: "GET", path: path)))
    }

    /// `GET /v1/history`: the versions of one register the caller may read (its current ones
    /// and the newest superseded ones); `truncated` when the server left older ones out
    /// (`Renkei-History-Truncated`, from 0.22).
    public func history(of key: RecordKey) throws(SyncError) -> (changes: [Change], truncated: Bool) {
        func encoded(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? text
        }
        let query = "collection=\(encoded(key.collection))&record=\(encoded(key.record))&field=\(encoded(key.field))"
        let response = try exchange(TransportRequest(method: "GET", path: "\(Endpoint.history)?\(query)"))
        let history: HistoryResponse = try decode(response.body)
        return (history.changes, response.headers[Endpoint.historyTruncatedField.lowercased()] == "true")
    }

    /// `POST /v1/uploads`: starts an upload of `size` bytes with hash `sha256`, resumes the
    /// unfinished one, or finds the file already stored (`complete`).
    public func startUpload(sha256: String, size: Int64) throws(SyncError) -> UploadStatus {
        let body = Data(UploadRequest(sha256: sha256, size: size).jsonBytes)
        return try decode(try call(TransportRequest(method: "POST", path: Endpoint.uploads, body: body)))
    }

    /// What the server said to one upload piece.
    public enum PieceAnswer: Sendable, Equatable {
        /// Taken: where the upload stands now.
        case accepted(UploadStatus)
        /// The server holds another offset than the piece started at (an earlier try whose
        /// answer was lost moved it): go on from there.
        case offsetMoved(Int64)
        /// Another request is writing to this upload now: wait and try again.
        case busy
        /// The session expired or was finished by someone else: start again.
        case gone
    }

    /// `PATCH /v1/uploads/{id}`: the bytes `piece` at `offset`.
    public func sendPiece(upload id: String, offset: Int64, piece: Data) throws(SyncError) -> PieceAnswer {
        let response = try retry.send(
            TransportRequest(
                method: "PATCH", path: Endpoint.upload(id), body: piece,
                headers: [("Content-Type", "application/offset+octet-stream"), ("Upload-Offset", "\(offset)")]),
            over: transport)
        switch response.status {
        case 200:
            return .accepted(try decode(response.body))
        case 409:
            if let moved = response.headers["upload-offset"].flatMap({ Int64($0) }), moved != offset {
                return .offsetMoved(moved)
            }
            return .busy
        case 404:
            return .gone
        default:
            throw .refused(response)
        }
    }

    /// What the server sent for a ranged download request.
    public enum BlobPiece: Sendable {
        /// `206`: the bytes from the asked-for first byte on.
        case partial(Data)
        /// `200`: the whole file (a proxy dropped the `Range` field).
        case whole(Data)
        /// `416`: the file is shorter than what is held already.
        case rangeNotSatisfiable
    }

    /// `GET /v1/blobs/{sha256}` with `Range: bytes=first-last` (inclusive).
    public func blobPiece(sha256: String, first: Int64, last: Int64) throws(SyncError) -> BlobPiece {
        let response = try retry.send(
            TransportRequest(
                method: "GET", path: Endpoint.blob(sha256),
                headers: [("Range", "bytes=\(first)-\(last)"), ("Accept", "application/octet-stream")]),
            over: transport)
        switch response.status {
        case 206:
            guard response.headers["content-range"]?.hasPrefix("bytes \(first)-") == true else {
                throw .invalidAnswer(localized("sync.error.range.mismatch"))
            }
            return .partial(response.body)
        case 200: return .whole(response.body)
        case 416: return .rangeNotSatisfiable
        default: throw .refused(response)
        }
    }

    // MARK: Plumbing

    /// Characters left as they are in a query value.
    private static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.~"))

    /// One request with retries; the body of a 2xx, `SyncError.refused` otherwise.
    private func call(_ request: TransportRequest) throws(SyncError) -> Data {
        try exchange(request).body
    }

    /// The answer to `request` (with the retry rule) when it is a 2xx, its fields included.
    private func exchange(_ request: TransportRequest) throws(SyncError) -> TransportResponse {
        let response = try retry.send(request, over: transport)
        guard (200..<300).contains(response.status) else { throw .refused(response) }
        return response
    }

    private func decode<Message: WireMessage>(_ body: Data) throws(SyncError) -> Message {
        do { return try Message(decoding: body) } catch { throw .invalidAnswer(error.description) }
    }
}
