/// Why a request could not be parsed; each case knows the status to answer with.
///
/// After any of these the connection is closed: the framing of what follows is unknown.
public enum HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Syntax the grammar does not allow (400), with what was wrong.
    case malformed(String)
    /// `Content-Length` and `Transfer-Encoding` in one request (400): a smuggling vector.
    case contentLengthWithTransferEncoding
    /// More than one `Content-Length` (400).
    case duplicateContentLength
    /// A transfer coding other than a lone `chunked` (501).
    case unsupportedTransferEncoding(String)
    /// The header block is larger than the limit, in bytes (431).
    case headersTooLarge(limit: Int)
    /// More header fields than the limit (431).
    case tooManyHeaders(limit: Int)
    /// The body is larger than the route allows, in bytes (413).
    case bodyTooLarge(limit: Int)
    /// A version other than HTTP/1.0 and HTTP/1.1 (505).
    case unsupportedVersion(String)

    /// The status code to answer with.
    public var status: HTTPStatus {
        switch self {
        case .malformed, .contentLengthWithTransferEncoding, .duplicateContentLength: return .badRequest
        case .unsupportedTransferEncoding: return .notImplemented
        case .headersTooLarge, .tooManyHeaders: return .requestHeaderFieldsTooLarge
        case .bodyTooLarge: return .contentTooLarge
        case .unsupportedVersion: return .httpVersionNotSupported
        }
    }

    public var description: String {
        switch self {
        case .malformed(let reason): return "malformed request: \(reason)"
        case .contentLengthWithTransferEncoding: return "Content-Length together with Transfer-Encoding"
        case .duplicateContentLength: return "more than one Content-Length"
        case .unsupportedTransferEncoding(let coding): return "unsupported Transfer-Encoding \(coding)"
        case .headersTooLarge(let limit): return "header block larger than \(limit) bytes"
        case .tooManyHeaders(let limit): return "more than \(limit) header fields"
        case .bodyTooLarge(let limit): return "body larger than \(limit) bytes"
        case .unsupportedVersion(let version): return "unsupported version \(version)"
        }
    }
}
