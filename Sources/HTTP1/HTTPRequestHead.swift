/// The request line and header fields of one HTTP/1.x request.
public struct HTTPRequestHead: Sendable, Equatable {
    /// The method token as sent, e.g. `GET` (methods are case-sensitive).
    public var method: String
    /// The request target as sent, e.g. `/v1/pull?since=0&limit=100`.
    public var target: String
    /// `(1, 1)` or `(1, 0)`.
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// How the body is framed.
    public var bodyFraming: BodyFraming

    /// How the length of a request body is known (RFC 9112 6.3).
    public enum BodyFraming: Sendable, Equatable {
        /// No body.
        case none
        /// Exactly this many bytes (`Content-Length`).
        case length(Int)
        /// `Transfer-Encoding: chunked`.
        case chunked

        /// The length `Content-Length` announced; nil without a body or for a chunked one.
        public var announcedLength: Int64? {
            if case .length(let count) = self { Int64(count) } else { nil }
        }
    }

    public init(method: String, target: String, version: HTTPVersion, headers: HTTPHeaders, bodyFraming: BodyFraming) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.bodyFraming = bodyFraming
    }

    /// The target in origin form (`/path?query`): the absolute form a client sends through a
    /// proxy (`http://host:port/path?query`, RFC 9112 3.2.2) is reduced to it. Read several
    /// times per request, so the usual origin form is returned without copying or lowercasing.
    public var originForm: Substring {
        if target.utf8.first == UInt8(ascii: "/") { return target[...] }
        for scheme in ["http://", "https://"]
        where HTTPHeaders.equalIgnoringCase(target.utf8.prefix(scheme.utf8.count), scheme.utf8) {
            let afterScheme = target.dropFirst(scheme.count)
            guard let slash = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
            return afterScheme[slash] == "?" ? "/" + afterScheme[slash...] : afterScheme[slash...]
        }
        return target[...]
    }

    /// The path part of the target, without the query.
    public var path: Substring {
        let origin = originForm
        guard let mark = origin.utf8.firstIndex(of: UInt8(ascii: "?")) else { return origin }
        return origin[..<mark]
    }

    /// The query string (after `?`), or nil.
    public var query: Substring? {
        let origin = originForm
        guard let mark = origin.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return origin[origin.utf8.index(after: mark)...]
    }

    /// Whether the client asked to keep the connection open after this request: HTTP/1.1
    /// unless `Connection: close`, HTTP/1.0 only with `Connection: keep-alive`, and never an
    /// HTTP/1.0 request with `Transfer-Encoding` (RFC 9112 6.1: its framing is suspect, so the
    /// connection closes after the answer; an HTTP/1.0 intermediary may have framed it otherwise).
    public var wantsKeepAlive: Bool {
        if version != .http1_1 && bodyFraming == .chunked { return false }
        let tokens = headers.values(for: "Connection").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingSpaces.lowercased() }
        if version == .http1_1 { return !tokens.contains("close") }
        return tokens.contains("keep-alive")
    }

    /// Whether the client waits for `100 Continue` before sending the body.
    public var expectsContinue: Bool {
        version == .http1_1 && headers["Expect"]?.lowercased() == "100-continue"
    }
}

/// An HTTP/1.x version.
public struct HTTPVersion: Sendable, Equatable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    public var description: String { "HTTP/\(major).\(minor)" }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
