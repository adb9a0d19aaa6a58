import HTTP1
import Testing

/// A parsed request: head, whole body, and whether it ended.
struct Parsed: Equatable {
    var head: HTTPRequestHead
    var body: [UInt8]
}

/// Feeds `chunks` one after another and collects complete requests.
func parse(_ chunks: [[UInt8]], bodyLimit: Int? = nil) throws(HTTPParseError) -> [Parsed] {
    var parser = HTTPRequestParser()
    var requests: [Parsed] = []
    var current: Parsed?
    for chunk in chunks {
        parser.append(chunk)
        while let event = try parser.nextEvent() {
            switch event {
            case .head(let head):
                current = Parsed(head: head, body: [])
                if let bodyLimit { parser.limitBody(to: bodyLimit) }
            case .body(let bytes): current?.body += bytes
            case .end: requests.append(current!)
            }
        }
    }
    return requests
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

@Suite struct HTTPRequestParserTests {
    static let push =
        "POST /v1/push HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"a\":\"大阪\"}"
    static let chunked =
        "POST /v1/push HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n"
    static let get = "GET /v1/pull?since=3&limit=10 HTTP/1.1\r\nHost: localhost\r\n\r\n"

    @Test func parsesAContentLengthRequest() throws {
        let requests = try parse([bytes(Self.push)])
        #expect(requests.count == 1)
        let request = requests[0]
        #expect(request.head.method == "POST" && request.head.target == "/v1/push" && request.head.version == .http1_1)
        #expect(request.head.headers["content-type"] == "application/json")
        #expect(request.head.bodyFraming == .length(14))
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"a":"大阪"}"#)
        #expect(request.head.wantsKeepAlive)
    }

    @Test func parsesChunkedBodiesAndIgnoresTrailers() throws {
        let request = try parse([bytes(Self.chunked)])[0]
        #expect(request.head.bodyFraming == .chunked)
        #expect(String(decoding: request.body, as: UTF8.self) == "hello, world")
        #expect(request.head.headers["X-Trailer"] == nil)
    }

    @Test func pathQueryAndConnectionSemantics() throws {
        let request = try parse([bytes(Self.get)])[0]
        #expect(request.head.path == "/v1/pull" && request.head.query == "since=3&limit=10")
        let old = try parse([bytes("GET / HTTP/1.0\r\n\r\n")])[0]
        #expect(!old.head.wantsKeepAlive)
        let closing = try parse([bytes("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n")])[0]
        #expect(!closing.head.wantsKeepAlive)
        let expecting = try parse([
            bytes("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx")
        ])[0]
        #expect(expecting.head.expectsContinue)
    }

    @Test func pipelinedRequestsComeOutInOrder() throws {
        let requests = try parse([bytes(Self.push + Self.chunked + Self.get)])
        #expect(requests.map(\.head.method) == ["POST", "POST", "GET"])
        #expect(requests[1].body == bytes("hello, world"))
    }

    @Test(arguments: [push, chunked, get, push + get + chunked])
    func splittingTheBytesAnywhereGivesTheSameRequests(_ text: String) throws {
        let whole = try parse([bytes(text)])
        let all = bytes(text)
        for offset in 0...all.count {
            #expect(try parse([Array(all[..<offset]), Array(all[offset...])]) == whole, "split at \(offset)")
        }
        #expect(try parse(all.map { [$0] }) == whole, "one byte at a time")
    }

    @Test func emptyLinesBeforeARequestAreIgnored() throws {
        #expect(try parse([bytes("\r\n\r\n" + Self.get)]).count == 1)
    }

    @Test(arguments: [
        (
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc",
            HTTPParseError.contentLengthWithTransferEncoding
        ),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", .duplicateContentLength),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", .unsupportedTransferEncoding("gzip")),
        (
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            .unsupportedTransferEncoding("gzip, chunked")
        ),
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", .unsupportedVersion("HTTP/2.0")),
        ("GET / HTTP/1.1\r\n\r\n", .malformed("HTTP/1.1 needs exactly one Host field")),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .malformed("HTTP/1.1 needs exactly one Host field")),
        ("GET /  HTTP/1.1\r\nHost: a\r\n\r\n", .malformed("request line is not METHOD SP TARGET SP VERSION")),
        ("GET / HTTP/1.1\nHost: a\r\n\r\n", .malformed("bare LF")),
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", .malformed("invalid field name")),
        ("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", .malformed("obsolete line folding")),
        ("GET / HTTP/1.1\r\nHost: a\u{1}b\r\n\r\n", .malformed("control character in field value")),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", .malformed("invalid Content-Length")),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 1\r\n\r\n", .malformed("invalid Content-Length")),
        (
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            .malformed("chunk size is not hexadecimal")
        ),
        (
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",
            .malformed("chunk data not followed by CRLF")
        ),
        ("G@T / HTTP/1.1\r\nHost: a\r\n\r\n", .malformed("invalid method")),
    ])
    func malformedRequestsAreRefusedWithTheRightError(_ text: String, _ expected: HTTPParseError) {
        #expect(throws: expected) { try parse([bytes(text)]) }
    }

    @Test func statusCodesFollowTheErrorKinds() {
        #expect(HTTPParseError.malformed("x").status.code == 400)
        #expect(HTTPParseError.contentLengthWithTransferEncoding.status.code == 400)
        #expect(HTTPParseError.duplicateContentLength.status.code == 400)
        #expect(HTTPParseError.unsupportedTransferEncoding("gzip").status.code == 501)
        #expect(HTTPParseError.headersTooLarge(limit: 1).status.code == 431)
        #expect(HTTPParseError.tooManyHeaders(limit: 1).status.code == 431)
        #expect(HTTPParseError.bodyTooLarge(limit: 1).status.code == 413)
        #expect(HTTPParseError.unsupportedVersion("HTTP/2.0").status.code == 505)
    }

    @Test func headerBlockLargerThan16KiBIs431EvenBeforeItEnds() {
        let big = "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "a", count: 17_000)
        #expect(throws: HTTPParseError.headersTooLarge(limit: 16_384)) { try parse([bytes(big)]) }
        // Just under the limit is fine.
        let fits = "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "a", count: 16_000) + "\r\n\r\n"
        #expect(throws: Never.self) { try parse([bytes(fits)]) }
    }

    @Test func moreThan100HeadersIs431() {
        let fields = (0...100).map { "X-\($0): v\r\n" }.joined()
        #expect(throws: HTTPParseError.tooManyHeaders(limit: 100)) {
            try parse([bytes("GET / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n")])
        }
    }

    @Test func declaredBodyOverTheLimitFailsBeforeAnyBodyByteIsRead() throws {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9999999\r\n\r\n"
        var parser = HTTPRequestParser()
        parser.append(bytes(head))
        guard case .head = try parser.nextEvent() else { Issue.record("no head"); return }
        parser.limitBody(to: 1_000)
        #expect(throws: HTTPParseError.bodyTooLarge(limit: 1_000)) { try parser.nextEvent() }
        #expect(throws: HTTPParseError.bodyTooLarge(limit: 1_000)) { try parser.nextEvent() }  // stays failed
    }

    @Test func chunkedBodyOverTheLimitFails() {
        let text = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n"
        #expect(throws: HTTPParseError.bodyTooLarge(limit: 100)) { try parse([bytes(text)], bodyLimit: 100) }
    }

    /// A chunk size line that never ends is refused once it passes its limit (1,024 bytes), in
    /// one piece or byte by byte; before, it was buffered whole (an attack review grew the server
    /// to 1 GB on one connection). A line just under the limit still parses.
    @Test func aChunkSizeLineThatNeverEndsIsRefusedAtItsLimit() throws {
        let head = bytes("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
        let endless = bytes("2;") + [UInt8](repeating: UInt8(ascii: "a"), count: 1_100)
        let refusal = HTTPParseError.malformed("chunk size line longer than 1024 bytes")
        #expect(throws: refusal) { try parse([head + endless]) }
        var parser = HTTPRequestParser()
        parser.append(head)
        guard case .head = try parser.nextEvent() else { Issue.record("no head"); return }
        var fed = 0
        var refused = false
        for byte in endless + [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000) where !refused {
            parser.append([byte])
            fed += 1
            do {
                _ = try parser.nextEvent()
            } catch {
                #expect(error == refusal)
                refused = true
            }
        }
        #expect(refused && fed == 1_026, "refused after \(fed) bytes")
        #expect(parser.bufferedByteCount <= 1_026)
        let long = bytes("2;") + [UInt8](repeating: UInt8(ascii: "a"), count: 1_000) + bytes("\r\nhi\r\n0\r\n\r\n")
        #expect(try parse([head + long]).count == 1)
    }

    /// Chunk-size lines and trailer lines are bounded by one rule: a line of exactly its limit
    /// is taken however its bytes arrive, one byte more is refused once that is certain. The
    /// trailer check used to refuse a line of exactly its limit when its bytes came one by one
    /// (it judged the buffer one byte before the CRLF could have arrived).
    @Test func aLineOfExactlyItsLimitIsTakenByteByByteAndOneMoreIsRefused() throws {
        var limits = HTTPRequestParser.Limits()
        limits.maxTrailerBytes = 64
        let head = bytes("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n")
        /// Feeds `body` byte by byte after the head; the number of requests ended, or the error.
        func feedByteByByte(_ body: [UInt8]) -> (ended: Int, error: HTTPParseError?) {
            var parser = HTTPRequestParser(limits: limits)
            var ended = 0
            for byte in head + body {
                parser.append([byte])
                do {
                    while let event = try parser.nextEvent() { if event == .end { ended += 1 } }
                } catch {
                    return (ended, error)
                }
            }
            return (ended, nil)
        }
        func trailer(bytes count: Int) -> [UInt8] {
            bytes("X-T: ") + [UInt8](repeating: UInt8(ascii: "t"), count: count - 5) + bytes("\r\n\r\n")
        }
        let exact = feedByteByByte(trailer(bytes: 64))
        #expect(exact.ended == 1 && exact.error == nil)
        let over = feedByteByByte(trailer(bytes: 65))
        #expect(over.ended == 0 && over.error == .headersTooLarge(limit: 64))

        let sizeLine = bytes("2;") + [UInt8](repeating: UInt8(ascii: "a"), count: 1_022)  // 1,024 bytes
        let chunkHead = bytes("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
        for (line, taken) in [(sizeLine, true), (sizeLine + bytes("a"), false)] {
            var parser = HTTPRequestParser()
            var ended = 0
            var refused = false
            for byte in chunkHead + line + bytes("\r\nhi\r\n0\r\n\r\n") where !refused {
                parser.append([byte])
                do {
                    while let event = try parser.nextEvent() { if event == .end { ended += 1 } }
                } catch {
                    #expect(error == .malformed("chunk size line longer than 1024 bytes"))
                    refused = true
                }
            }
            #expect(taken ? ended == 1 && !refused : refused && ended == 0)
        }
    }

    @Test func incompleteInputAsksForMore() throws {
        var parser = HTTPRequestParser()
        parser.append(bytes("GET / HTTP/1.1\r\nHost: a\r\n"))
        #expect(try parser.nextEvent() == nil)
        #expect(!parser.isIdle)
        parser.append(bytes("\r\n"))
        guard case .head = try parser.nextEvent() else { Issue.record("no head"); return }
        #expect(try parser.nextEvent() == .end)
        #expect(parser.isIdle)
    }
}

@Suite struct RequestTargetTests {
    func head(_ target: String) -> HTTPRequestHead {
        HTTPRequestHead(method: "GET", target: target, version: .http1_1, headers: HTTPHeaders(), bodyFraming: .none)
    }

    @Test func absoluteFormFromProxiesIsReducedToOriginForm() {
        #expect(head("http://127.0.0.1:8080/v1/pull?since=1").path == "/v1/pull")
        #expect(head("http://127.0.0.1:8080/v1/pull?since=1").query == "since=1")
        #expect(head("HTTP://example.lg.jp").path == "/")
        #expect(head("http://example.lg.jp?x=1").path == "/")
        #expect(head("/v1/health").path == "/v1/health" && head("/v1/health").query == nil)
        #expect(head("HtTpS://example.lg.jp/v1/pull?since=2&x=?").path == "/v1/pull")
        #expect(head("HtTpS://example.lg.jp/v1/pull?since=2&x=?").query == "since=2&x=?")
        #expect(head("http://example.lg.jp?x=1").query == "x=1")
        #expect(head("/v1/pull?").path == "/v1/pull" && head("/v1/pull?").query == "")
        #expect(head("/?a").path == "/" && head("/?a").query == "a")
        #expect(head("/ファイル?名前=値").path == "/ファイル" && head("/ファイル?名前=値").query == "名前=値")
        // Not a scheme: a control character is not a folded letter, and a partial scheme is no scheme.
        #expect(head("http\u{1A}//host/x").path == "http\u{1A}//host/x")
        #expect(head("http:/host/x").path == "http:/host/x")
        #expect(head("*").path == "*" && head("*").query == nil)
    }
}
