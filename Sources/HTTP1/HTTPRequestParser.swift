/// An incremental HTTP/1.1 request parser: a pure state machine over bytes, no I/O.
///
/// Feed it bytes as they arrive with `append(_:)` and pull events with `nextEvent()`: one
/// `.head`, zero or more `.body` pieces, one `.end` per request; `nil` means "need more bytes".
/// Bytes after a request's end stay buffered for the next one (pipelining).
///
/// Hard limits: the header block (request line, fields and the blank line) is at most
/// `maxHeaderBytes`, at most `maxHeaderCount` fields; chunk-size lines and trailers are bounded
/// too; the body may be bounded per request with `limitBody(to:)`. Lines end with CRLF; a bare
/// CR or LF is an error. Every error ends the connection (see `HTTPParseError.status`).
///
/// ```swift
/// var parser = HTTPRequestParser()
/// parser.append(bytes)
/// while let event = try parser.nextEvent() { … }
/// ```
public struct HTTPRequestParser: Sendable {
    /// Hard limits, in bytes and fields.
    public struct Limits: Sendable {
        public var maxHeaderBytes = 16 * 1024
        public var maxHeaderCount = 100
        public var maxChunkLineBytes = 1024
        public var maxTrailerBytes = 8 * 1024

        public init() {}
    }

    /// What the parser found.
    public enum Event: Sendable, Equatable {
        case head(HTTPRequestHead)
        /// The next piece of the body (already de-chunked).
        case body([UInt8])
        /// The request is complete.
        case end
    }

    private enum State: Sendable {
        case head
        case lengthBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(bytes: Int)
        case failed(HTTPParseError)
    }

    public let limits: Limits
    private var buffer: [UInt8] = []
    /// Index of the first unconsumed byte in `buffer`.
    private var start = 0
    /// Where to resume looking for the end of the header block.
    private var scanFrom = 0
    private var state = State.head
    private var bodyLimit = Int.max
    private var bodyReceived = 0

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 65_536 && start * 2 > buffer.count {
            buffer.removeSubrange(0..<start)
            scanFrom -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Bounds the body of the current request (call after `.head`, before reading the body).
    public mutating func limitBody(to bytes: Int) {
        bodyLimit = bytes
    }

    /// Bytes received but not yet consumed.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Whether the parser waits for the first byte of a new request.
    public var isIdle: Bool {
        if case .head = state { return bufferedByteCount == 0 }
        return false
    }

    /// The next event, or nil when more bytes are needed.
    public mutating func nextEvent() throws(HTTPParseError) -> Event? {
        do {
            return try step()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    private mutating func step() throws(HTTPParseError) -> Event? {
        switch state {
        case .failed(let error):
            throw error
        case .head:
            return try parseHead()
        case .lengthBody(let remaining):
            if remaining > bodyLimit - bodyReceived { throw .bodyTooLarge(limit: bodyLimit) }
            if remaining == 0 { return finishRequest() }
            guard bufferedByteCount > 0 else { return nil }
            let count = min(remaining, bufferedByteCount)
            let piece = Array(buffer[start..<start + count])
            start += count
            bodyReceived += count
            state = .lengthBody(remaining: remaining - count)
            return .body(piece)
        case .chunkSize:
            // Bounded: a line that never ended was buffered whole, and an attack review grew the
            // server to 1 GB with one connection sending "2;" and then only letters.
            let lineEnd: Int
            switch findLineEnd(atMost: limits.maxChunkLineBytes) {
            case .at(let index): lineEnd = index
            case .notYet: return nil
            case .tooLong: throw .malformed("chunk size line longer than \(limits.maxChunkLineBytes) bytes")
            }
            let size = try parseChunkSize(buffer[start..<lineEnd])
            start = lineEnd + 2
            if size == 0 {
                state = .trailers(bytes: 0)
                return try step()
            }
            if size > bodyLimit - bodyReceived { throw .bodyTooLarge(limit: bodyLimit) }
            bodyReceived += size
            state = .chunkData(remaining: size)
            return try step()
        case .chunkData(let remaining):
            guard bufferedByteCount > 0 else { return nil }
            let count = min(remaining, bufferedByteCount)
            let piece = Array(buffer[start..<start + count])
            start += count
            state = count == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - count)
            return .body(piece)
        case .chunkDataEnd:
            guard bufferedByteCount >= 2 else { return nil }
            guard buffer[start] == 0x0D, buffer[start + 1] == 0x0A else {
                throw .malformed("chunk data not followed by CRLF")
            }
            start += 2
            state = .chunkSize
            return try step()
        case .trailers(let bytes):
            let lineEnd: Int
            switch findLineEnd(atMost: limits.maxTrailerBytes - bytes) {
            case .at(let index): lineEnd = index
            case .notYet: return nil
            case .tooLong: throw .headersTooLarge(limit: limits.maxTrailerBytes)
            }
            let line = buffer[start..<lineEnd]
            start = lineEnd + 2
            if line.isEmpty { return finishRequest() }
            _ = try Self.parseField(line)  // validated, then ignored: trailers never change the request
            state = .trailers(bytes: bytes + line.count + 2)
            return try step()
        }
    }

    private mutating func finishRequest() -> Event {
        state = .head
        scanFrom = start
        bodyLimit = Int.max
        bodyReceived = 0
        return .end
    }

    /// Where the line that begins at `start` ends, for a line of at most `limit` bytes before
    /// its CRLF (a negative limit counts as 0).
    private enum LineEnd: Equatable {
        /// The index of its CR.
        case at(Int)
        /// No CRLF yet, and the line may still end within its limit: wait for more bytes.
        case notYet
        /// `limit + 2` bytes are buffered and none of the first `limit + 1` starts a CRLF: the
        /// line is longer than its limit whatever comes next.
        case tooLong
    }

    /// The one place where a line's end is searched for and its limit judged (chunk-size
    /// lines and trailer lines): a line of exactly `limit` bytes is taken however its bytes
    /// arrive, one more is refused as soon as it is certain, and nothing past `limit + 2`
    /// bytes is ever looked at.
    private func findLineEnd(atMost limit: Int) -> LineEnd {
        let limit = max(0, limit)
        var index = start
        let end = min(buffer.count, start + limit + 2)
        while index + 1 < end {
            if buffer[index] == 0x0D && buffer[index + 1] == 0x0A { return .at(index) }
            index += 1
        }
        return bufferedByteCount >= limit + 2 ? .tooLong : .notYet
    }

    private func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        // chunk-size [ BWS ";" chunk-ext ]
        let digits = line.prefix { Self.hexValue($0) != nil }
        guard !digits.isEmpty else { throw .malformed("chunk size is not hexadecimal") }
        guard digits.count <= 15 else { throw .malformed("chunk size too large") }
        let rest = line[digits.endIndex...].drop { $0 == 0x20 || $0 == 0x09 }
        if let first = rest.first, first != UInt8(ascii: ";") { throw .malformed("invalid chunk size line") }
        if rest.contains(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F }) {
            throw .malformed("control character in chunk extension")
        }
        return digits.reduce(0) { $0 << 4 | Int(Self.hexValue($1)!) }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    // MARK: - Head

    private mutating func parseHead() throws(HTTPParseError) -> Event? {
        // RFC 9112 2.2: ignore empty lines before the request line.
        while bufferedByteCount >= 2 && buffer[start] == 0x0D && buffer[start + 1] == 0x0A {
            start += 2
            scanFrom = max(scanFrom, start)
        }
        var index = max(scanFrom, start)
        var terminator: Int?
        while index + 3 < buffer.count {
            if buffer[index] == 0x0D && buffer[index + 1] == 0x0A && buffer[index + 2] == 0x0D
                && buffer[index + 3] == 0x0A
            {
                terminator = index
                break
            }
            index += 1
        }
        guard let end = terminator else {
            scanFrom = max(start, buffer.count - 3)
            if bufferedByteCount > limits.maxHeaderBytes { throw .headersTooLarge(limit: limits.maxHeaderBytes) }
            return nil
        }
        if end + 4 - start > limits.maxHeaderBytes { throw .headersTooLarge(limit: limits.maxHeaderBytes) }
        let block = buffer[start..<end]
        start = end + 4
        scanFrom = start
        let head = try Self.parseHeadBlock(block, limits: limits)
        switch head.bodyFraming {
        case .none: state = .lengthBody(remaining: 0)
        case .length(let length): state = .lengthBody(remaining: length)
        case .chunked: state = .chunkSize
        }
        return .head(head)
    }

    private static func parseHeadBlock(_ block: ArraySlice<UInt8>, limits: Limits) throws(HTTPParseError)
        -> HTTPRequestHead
    {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = block.startIndex
        var index = block.startIndex
        while index < block.endIndex {
            let byte = block[index]
            if byte == 0x0D {
                guard index + 1 < block.endIndex, block[index + 1] == 0x0A else { throw .malformed("bare CR") }
                lines.append(block[lineStart..<index])
                index += 2
                lineStart = index
                continue
            }
            if byte == 0x0A { throw .malformed("bare LF") }
            index += 1
        }
        lines.append(block[lineStart..<block.endIndex])

        let (method, target, version) = try parseRequestLine(lines[0])
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            if headers.count == limits.maxHeaderCount { throw .tooManyHeaders(limit: limits.maxHeaderCount) }
            let (name, value) = try parseField(line)
            headers.add(name: name, value: value)
        }
        if version == .http1_1 && headers.values(for: "Host").count != 1 {
            throw .malformed("HTTP/1.1 needs exactly one Host field")
        }
        let framing = try bodyFraming(headers)
        return HTTPRequestHead(method: method, target: target, version: version, headers: headers, bodyFraming: framing)
    }

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (
        String, String, HTTPVersion
    ) {
        let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("request line is not METHOD SP TARGET SP VERSION") }
        let method = parts[0]
        guard !method.isEmpty, method.allSatisfy(isTokenByte) else { throw .malformed("invalid method") }
        let target = parts[1]
        guard !target.isEmpty, target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .malformed("invalid request target")
        }
        let versionBytes = Array(parts[2])
        let prefix = Array("HTTP/".utf8)
        guard versionBytes.count == 8, Array(versionBytes[0..<5]) == prefix, versionBytes[6] == UInt8(ascii: "."),
            let major = digit(versionBytes[5]), let minor = digit(versionBytes[7])
        else { throw .malformed("invalid HTTP version") }
        let version = HTTPVersion(major: major, minor: minor)
        guard version == .http1_1 || version == .http1_0 else { throw .unsupportedVersion(version.description) }
        return (String(decoding: method, as: UTF8.self), String(decoding: target, as: UTF8.self), version)
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// `field-name ":" OWS field-value OWS`; no whitespace before the colon, no line folding.
    static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (String, String) {
        guard let first = line.first else { throw .malformed("empty field line") }
        if first == 0x20 || first == 0x09 { throw .malformed("obsolete line folding") }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .malformed("field without ':'") }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { throw .malformed("invalid field name") }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == 0x20 || byte == 0x09 { value.removeFirst() }
        while let byte = value.last, byte == 0x20 || byte == 0x09 { value.removeLast() }
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw .malformed("control character in field value")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    private static func bodyFraming(_ headers: HTTPHeaders) throws(HTTPParseError) -> HTTPRequestHead.BodyFraming {
        let transferEncodings = headers.values(for: "Transfer-Encoding")
        let contentLengths = headers.values(for: "Content-Length")
        if !transferEncodings.isEmpty {
            if !contentLengths.isEmpty { throw .contentLengthWithTransferEncoding }
            let codings = transferEncodings.flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces.lowercased() }
            guard codings == ["chunked"] else {
                throw .unsupportedTransferEncoding(transferEncodings.joined(separator: ", "))
            }
            return .chunked
        }
        guard let text = contentLengths.first else { return .none }
        if contentLengths.count > 1 { throw .duplicateContentLength }
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let length = Int(text)
        else {
            throw .malformed("invalid Content-Length")
        }
        return length == 0 ? .none : .length(length)
    }

    /// RFC 9110 tchar.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
