import Foundation

/// Reads HTTP/1.1 answers (RFC 9112) from a byte stream, one after the other, with hard limits.
///
/// The stream is a function filling a buffer and returning the count (0 at its end), so the
/// reader works on a socket and, in tests and the fuzzer, on bytes handed over in any split.
/// Bytes after one answer stay buffered for the next. Framing follows RFC 9112 6.3: no body
/// for HEAD, 1xx, 204 and 304; else a lone `chunked` transfer coding, else `Content-Length`,
/// else the body runs to the end of the stream. An answer with both `Transfer-Encoding` and
/// `Content-Length`, or any other transfer coding, is refused as malformed.
public struct HTTPResponseReader {
    /// Fills the buffer from its start; returns how many bytes it wrote, 0 at end of stream.
    public typealias Source = (UnsafeMutableRawBufferPointer) throws(HTTPClientError) -> Int

    /// Largest status line plus fields, in bytes.
    public let maximumHeadBytes: Int
    /// Largest body, in bytes (after removing chunk framing).
    public let maximumBodyBytes: Int
    /// Most header fields in one answer.
    public let maximumFieldCount = 100

    /// Received bytes not yet consumed: `pending[start...]`.
    private var pending: [UInt8] = []
    private var start = 0
    private var scratch = [UInt8](repeating: 0, count: 65_536)

    public init(maximumHeadBytes: Int = 65_536, maximumBodyBytes: Int = 256 << 20) {
        self.maximumHeadBytes = maximumHeadBytes
        self.maximumBodyBytes = maximumBodyBytes
    }

    /// Bytes received and not yet part of an answer.
    public var bufferedCount: Int { pending.count - start }

    /// Reads the next whole answer to a request with `method`.
    ///
    /// Throws `.closed(receivedNothing: true)` when the stream ended before any byte of it.
    public mutating func read(method: String, from source: Source) throws(HTTPClientError) -> HTTPClientResponse {
        var receivedAny = bufferedCount > 0
        while true {
            let head = try readHead(from: source, receivedAny: &receivedAny)
            if (100..<200).contains(head.status) {
                guard head.status != 101 else { throw .malformedAnswer("unexpected 101 Switching Protocols") }
                continue
            }
            let closeRequested = head.headers.values(for: "Connection").contains { value in
                value.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "close" }
            }
            var keeps = head.minorVersion == 1 && !closeRequested
            let body: Data
            if method == "HEAD" || head.status == 204 || head.status == 304 {
                body = Data()
            } else {
                switch try Self.framing(of: head.headers) {
                case .chunked: body = try readChunkedBody(from: source)
                case .length(let length): body = try readBody(length: length, from: source)
                case .untilClose:
                    body = try readBodyUntilClose(from: source)
                    keeps = false
                }
            }
            return HTTPClientResponse(status: head.status, headers: head.headers, body: body, keepsConnection: keeps)
        }
    }

    // MARK: - Head

    private struct Head {
        var status: Int
        var minorVersion: Int
        var headers: HTTPHeaders
    }

    private mutating func readHead(from source: Source, receivedAny: inout Bool) throws(HTTPClientError) -> Head {
        // Bytes after `start` already searched; an offset from `start`, as `fill` may move it.
        var searched = 0
        while true {
            if let end = Self.find([13, 10, 13, 10], in: pending, from: start + searched) {
                let head = try Self.parseHead(pending[start..<end])
                start = end + 4
                return head
            }
            guard bufferedCount <= maximumHeadBytes else { throw .answerTooLarge(limit: maximumHeadBytes) }
            searched = max(0, bufferedCount - 3)
            guard try fill(from: source) else { throw .closed(receivedNothing: !receivedAny && bufferedCount == 0) }
            receivedAny = true
        }
    }

    private static func parseHead(_ bytes: ArraySlice<UInt8>) throws(HTTPClientError) -> Head {
        let lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { line in
            line.last == 13 ? line.dropLast() : line
        }
        guard let statusLine = lines.first else { throw .malformedAnswer("empty status line") }
        // HTTP-version SP 3DIGIT [SP reason-phrase]
        let prefix = Array("HTTP/1.".utf8)
        guard statusLine.count >= 12, statusLine.prefix(7).elementsEqual(prefix),
            let minor = statusLine.dropFirst(7).first, minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1"),
            statusLine.dropFirst(8).first == UInt8(ascii: " ")
        else { throw .malformedAnswer("bad status line \(Self.quoted(statusLine))") }
        let digits = statusLine.dropFirst(9).prefix(3)
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            statusLine.count == 12 || statusLine.dropFirst(12).first == 0x20,
            let status = Int(String(decoding: digits, as: UTF8.self)), (100...599).contains(status)
        else { throw .malformedAnswer("bad status code in \(Self.quoted(statusLine))") }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let first = line.first else { throw .malformedAnswer("empty line inside the head") }
            guard first != 0x20, first != 0x09 else { throw .malformedAnswer("folded header line") }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                line[line.startIndex..<colon].allSatisfy(HTTPRequestParser.isTokenByte)
            else { throw .malformedAnswer("bad header line \(Self.quoted(line))") }
            guard headers.count < 100 else { throw .malformedAnswer("more than 100 header fields") }
            let value = line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
            let trimmed = value.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
            headers.add(
                name: String(decoding: line[line.startIndex..<colon], as: UTF8.self),
                value: String(decoding: trimmed, as: UTF8.self))
        }
        return Head(status: status, minorVersion: minor == UInt8(ascii: "1") ? 1 : 0, headers: headers)
    }

    private enum Framing {
        case chunked
        case length(Int)
        case untilClose
    }

    private static func framing(of headers: HTTPHeaders) throws(HTTPClientError) -> Framing {
        let encodings = headers.values(for: "Transfer-Encoding")
        let lengths = headers.values(for: "Content-Length").flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if !encodings.isEmpty {
            guard lengths.isEmpty else { throw .malformedAnswer("Content-Length together with Transfer-Encoding") }
            let codings = encodings.flatMap { $0.split(separator: ",") }.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            guard codings == ["chunked"] else {
                throw .malformedAnswer("unsupported Transfer-Encoding \(encodings.joined(separator: ", "))")
            }
            return .chunked
        }
        guard let first = lengths.first else { return .untilClose }
        guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.count <= 18,
            first.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let length = Int(first)
        else { throw .malformedAnswer("bad Content-Length \(lengths.joined(separator: ", "))") }
        return .length(length)
    }

    // MARK: - Body

    /// A body of `length` bytes, received straight into its own storage (not zeroed first, and
    /// no trip through `scratch`); nothing past the body is read from the source.
    private mutating func readBody(length: Int, from source: Source) throws(HTTPClientError) -> Data {
        guard length <= maximumBodyBytes else { throw .answerTooLarge(limit: maximumBodyBytes) }
        guard length > 0 else { return Data() }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: length, alignment: 16)
        let buffered = min(length, bufferedCount)
        if buffered > 0 {
            pending.withUnsafeBytes { kept in
                storage.baseAddress!.copyMemory(from: kept.baseAddress! + start, byteCount: buffered)
            }
            start += buffered
        }
        var filled = buffered
        do throws(HTTPClientError) {
            while filled < length {
                let count = try source(UnsafeMutableRawBufferPointer(rebasing: storage[filled..<length]))
                precondition(count >= 0 && count <= length - filled, "a source returned \(count) bytes")
                guard count > 0 else { throw .closed(receivedNothing: false) }
                filled += count
            }
        } catch {
            storage.deallocate()
            throw error
        }
        return Data(
            bytesNoCopy: storage.baseAddress!, count: length,
            deallocator: .custom { pointer, _ in
                pointer.deallocate()
            })
    }

    private mutating func readChunkedBody(from source: Source) throws(HTTPClientError) -> Data {
        var body = Data()
        while true {
            let line = try readLine(from: source)
            let sizeText = line.prefix { $0 != UInt8(ascii: ";") }.reversed().drop { $0 == 0x20 || $0 == 0x09 }
                .reversed()
            guard !sizeText.isEmpty, sizeText.count <= 15,
                let size = Int(String(decoding: sizeText, as: UTF8.self), radix: 16), size >= 0,
                sizeText.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) })
            else { throw .malformedAnswer("bad chunk size \(Self.quoted(line))") }
            if size == 0 { break }
            guard body.count + size <= maximumBodyBytes else { throw .answerTooLarge(limit: maximumBodyBytes) }
            try ensure(size + 2, from: source)
            body.append(contentsOf: pending[start..<start + size])
            guard pending[start + size] == 13, pending[start + size + 1] == 10 else {
                throw .malformedAnswer("chunk not followed by CRLF")
            }
            start += size + 2
        }
        // Trailer fields, ignored, up to the empty line.
        var trailerBytes = 0
        while true {
            let line = try readLine(from: source)
            if line.isEmpty { return body }
            trailerBytes += line.count
            guard trailerBytes <= maximumHeadBytes else { throw .answerTooLarge(limit: maximumHeadBytes) }
        }
    }

    private mutating func readBodyUntilClose(from source: Source) throws(HTTPClientError) -> Data {
        var body = Data(pending[start...])
        start = pending.count
        guard body.count <= maximumBodyBytes else { throw .answerTooLarge(limit: maximumBodyBytes) }
        while true {
            let count = try receive(from: source)
            if count == 0 { return body }
            guard body.count + count <= maximumBodyBytes else { throw .answerTooLarge(limit: maximumBodyBytes) }
            body.append(contentsOf: scratch[0..<count])
        }
    }

    // MARK: - Buffer

    /// One line without its CRLF (a lone LF is refused), at most 4 KiB.
    private mutating func readLine(from source: Source) throws(HTTPClientError) -> ArraySlice<UInt8> {
        var searched = 0  // as in `readHead`
        while true {
            if let end = Self.find([13, 10], in: pending, from: start + searched) {
                let line = pending[start..<end]
                start = end + 2
                return line
            }
            guard bufferedCount <= 4_096 else { throw .malformedAnswer("chunk line longer than 4096 bytes") }
            searched = max(0, bufferedCount - 1)
            guard try fill(from: source) else { throw .closed(receivedNothing: false) }
        }
    }

    /// Fills until `count` bytes are buffered; the end of the stream before that is an error.
    private mutating func ensure(_ count: Int, from source: Source) throws(HTTPClientError) {
        while bufferedCount < count {
            guard try fill(from: source) else { throw .closed(receivedNothing: false) }
        }
    }

    /// Appends what the source has to `pending`; false at the end of the stream.
    private mutating func fill(from source: Source) throws(HTTPClientError) -> Bool {
        if start == pending.count {
            pending.removeAll(keepingCapacity: true)
            start = 0
        } else if start >= 65_536 {
            pending.removeFirst(start)
            start = 0
        }
        let count = try receive(from: source)
        guard count > 0 else { return false }
        pending.append(contentsOf: scratch[0..<count])
        return true
    }

    private mutating func receive(from source: Source) throws(HTTPClientError) -> Int {
        // `withUnsafeMutableBytes` rethrows untyped errors: carry the typed one out in a Result.
        var result: Result<Int, HTTPClientError> = .success(0)
        scratch.withUnsafeMutableBytes { buffer in
            do throws(HTTPClientError) {
                result = .success(try source(buffer))
            } catch {
                result = .failure(error)
            }
        }
        let count = try result.get()
        precondition(count >= 0 && count <= scratch.count, "a source returned \(count) bytes")
        return count
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
        var index = from
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == needle[0] && bytes[index + 1] == needle[1]
                && (needle.count == 2 || (bytes[index + 2] == needle[2] && bytes[index + 3] == needle[3]))
            {
                return index
            }
            index += 1
        }
        return nil
    }

    /// At most 80 bytes of a line, for messages.
    private static func quoted(_ bytes: ArraySlice<UInt8>) -> String {
        "\"" + String(decoding: bytes.prefix(80), as: UTF8.self) + (bytes.count > 80 ? "…\"" : "\"")
    }
}
