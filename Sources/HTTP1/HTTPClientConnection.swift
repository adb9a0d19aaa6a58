import Foundation
import Glibc

/// One keep-alive HTTP/1.1 connection from a client to a server, over a blocking socket.
///
/// ```swift
/// let connection = try HTTPClientConnection(host: "127.0.0.1", port: 8080, timeout: 30)
/// let answer = try connection.send(method: "GET", target: "/v1/health")
/// ```
///
/// Requests go one at a time (no pipelining). A request waiting for its answer blocks its
/// thread in `recv`; `timeout` seconds without a byte sent or received fail it with
/// `.timedOut`. Used by one thread at a time; it may be handed from one thread to another
/// between requests (a pool does), hence `@unchecked Sendable`.
public final class HTTPClientConnection: @unchecked Sendable {
    /// The `Host` field: the name as given, with the port unless it is 80.
    public let authority: String
    /// Seconds without progress before a request fails.
    public let timeout: Double
    /// Answers received on this connection so far.
    public private(set) var answeredCount = 0
    /// False once an answer said `Connection: close`, ran to the end of the stream, or a request
    /// failed midway: the connection must not carry another request.
    public private(set) var isReusable = true
    /// The slowest answer accepted once it has begun: `bytesPerSecond` over every span of
    /// `seconds` (`BodyRateWindow`, the rule the server holds request bodies to, over a longer
    /// window: a stalled link gets the same 30 s as a silent one). A server that trickles a
    /// byte a second never trips `timeout`, and would hold the client for ever.
    public var minimumAnswerRate = (bytesPerSecond: 1_024.0, seconds: 30.0)

    private let socket: Socket
    private var reader: HTTPResponseReader

    /// Connects to `host:port`.
    ///
    /// - Parameter maximumBodyBytes: the largest answer body accepted, in bytes.
    public init(host: String, port: UInt16, timeout: Double, maximumBodyBytes: Int = 256 << 20)
        throws(HTTPClientError)
    {
        socket = try Socket.connect(host: host, port: port, timeout: timeout)
        let bare = host.hasPrefix("[") ? host : (host.contains(":") ? "[\(host)]" : host)
        authority = port == 80 ? bare : "\(bare):\(port)"
        self.timeout = timeout
        reader = HTTPResponseReader(maximumBodyBytes: maximumBodyBytes)
    }

    deinit {
        socket.close()
    }

    /// Sends one request and reads its whole answer.
    ///
    /// `target` is the origin form (`/v1/pull?since=0`). `Host` and, when there is a body or
    /// the method is POST, PUT or PATCH, `Content-Length` are added. A server that answers
    /// before reading the whole body (a 413, a 401) and closes is still heard: the answer is
    /// read after the failed write.
    public func send(method: String, target: String, headers: [(String, String)] = [], body: Data? = nil)
        throws(HTTPClientError) -> HTTPClientResponse
    {
        precondition(isReusable, "a request on a connection that cannot carry one")
        isReusable = false
        guard method.utf8.allSatisfy(HTTPRequestParser.isTokenByte), !method.isEmpty,
            target.hasPrefix("/"), !target.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F })
        else { throw .invalidRequest("bad method or target \(method) \(target)") }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(authority)\r\n"
        for (name, value) in headers {
            guard !name.isEmpty, name.utf8.allSatisfy(HTTPRequestParser.isTokenByte),
                !value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 })
            else { throw .invalidRequest("bad header field \(name)") }
            head += "\(name): \(value)\r\n"
        }
        if body != nil || ["POST", "PUT", "PATCH"].contains(method) {
            head += "Content-Length: \(body?.count ?? 0)\r\n"
        }
        head += "\r\n"
        let writeFailure: HTTPClientError?
        do throws(HTTPClientError) {
            var bytes = Data(head.utf8)
            if let body, body.count <= 65_536 {
                bytes.append(body)
                try write(bytes)
            } else {
                try write(bytes)
                if let body { try write(body) }
            }
            writeFailure = nil
        } catch {
            writeFailure = error
        }
        let response: HTTPClientResponse
        // Measured from the answer's first byte: the server may take its time to begin (a push
        // waiting for its transaction), not to trickle once it has.
        var rate: BodyRateWindow?
        var received = 0
        let minimum = minimumAnswerRate
        do throws(HTTPClientError) {
            response = try reader.read(method: method) { buffer throws(HTTPClientError) in
                let count = try self.receive(into: buffer)
                let now = Date()
                received += count
                if rate == nil {
                    rate = BodyRateWindow(
                        window: minimum.seconds, minimumBytesPerSecond: minimum.bytesPerSecond, start: now)
                }
                if rate?.isTooSlow(total: received, now: now) == true {
                    throw .tooSlow(bytesPerSecond: minimum.bytesPerSecond, seconds: minimum.seconds)
                }
                return count
            }
        } catch {
            // An early answer is worth more than the write error; without one, the write error says more.
            throw writeFailure ?? error
        }
        answeredCount += 1
        isReusable =
            writeFailure == nil && response.keepsConnection && reader.bufferedCount == 0 && isQuietAfterAnswer()
        return response
    }

    /// Whether no byte waits on the connection after a whole answer: bytes past it (a server
    /// answering what was not asked) would be taken for the next request's answer. Looks
    /// without waiting and without taking anything. (A connection the server closed is found
    /// by the next request, as `closed(receivedNothing: true)`, which the retry rule knows.)
    private func isQuietAfterAnswer() -> Bool {
        var byte: UInt8 = 0
        return Glibc.recv(socket.descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) <= 0
    }

    private func write(_ data: Data) throws(HTTPClientError) {
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = Glibc.send(
                    socket.descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += sent
            }
        }
        guard failure != 0 else { return }
        throw error(for: failure, call: "send")
    }

    private func receive(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPClientError) -> Int {
        while true {
            let count = Glibc.recv(socket.descriptor, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw error(for: errno, call: "recv")
        }
    }

    private func error(for code: Int32, call: String) -> HTTPClientError {
        switch code {
        case EAGAIN, EWOULDBLOCK: return .timedOut(seconds: timeout)
        case ECONNRESET, EPIPE, ENOTCONN: return .closed(receivedNothing: true)
        default: return .socket(SocketError(call: call, errno: code))
        }
    }
}
