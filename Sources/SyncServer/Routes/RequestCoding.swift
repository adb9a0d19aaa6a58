import HTTP1
import Models
import ZlibCoding

/// The content coding of a request body (`Content-Encoding`, RFC 9110 8.4): none, or gzip where
/// the route takes it. Only `POST /v1/push` does, and `GET /v1/health` says so with
/// `Accept-Encoding: gzip` (RFC 7694), so that clients compress only for a server that takes it.
enum RequestCoding: Equatable, Sendable {
    case identity
    case gzip

    /// The `Accept-Encoding` value of `GET /v1/health` and of every refusal of a coding.
    static let accepted = "gzip"

    /// The coding `head` declares, decided from the head alone (before a byte of its body is
    /// read). One field naming `identity`, or `gzip` where `takesGzip`, is taken; several
    /// codings, several fields or any other coding are refused (415, with `Accept-Encoding`
    /// naming what is taken), never guessed at.
    static func of(_ head: HTTPRequestHead, takesGzip: Bool) throws(ServiceError) -> RequestCoding {
        let fields = head.headers.values(for: "Content-Encoding")
        guard !fields.isEmpty else { return .identity }
        // Field values arrive without surrounding whitespace (`HTTPRequestParser.parseField`).
        let named = fields.count == 1 ? fields[0].lowercased() : ""
        if named == "identity" { return .identity }
        if named == "gzip" && takesGzip { return .gzip }
        throw ServiceError(
            .unsupportedMediaType,
            takesGzip
                ? "this call takes a body as it is or with Content-Encoding: gzip, not \(Printable.quoted(fields.joined(separator: ", ")))"
                : "this call takes its body as it is, without Content-Encoding",
            headers: [("Accept-Encoding", takesGzip ? Self.accepted : "identity")])
    }

    /// The body as the route reads it: inflated when it came gzipped, never to more than
    /// `limit` bytes (the route's limit for a body sent as it is), so a small body cannot
    /// become a huge one.
    func decoded(_ body: [UInt8], limit: Int) throws(ServiceError) -> [UInt8] {
        guard self == .gzip else { return body }
        let inflated: Zlib.Inflated
        do {
            inflated = try Zlib.inflate(body[...], format: .gzip, limit: limit)
        } catch {
            switch error {
            case .tooLong:
                throw ServiceError(
                    .payloadTooLarge, "the body inflates to more than \(limit) bytes; this call takes at most \(limit)")
            case .truncated: throw ServiceError(.badRequest, "the gzip body ends early")
            case .invalid(let reason): throw ServiceError(.badRequest, "the body is not gzip data (\(reason))")
            }
        }
        guard inflated.unusedInputBytes == 0 else {
            throw ServiceError(.badRequest, "the body has \(inflated.unusedInputBytes) bytes after its gzip data")
        }
        return inflated.bytes
    }
}
