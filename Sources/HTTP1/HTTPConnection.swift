import Foundation

/// Serves one connection: reads requests, asks the responder, writes responses, until the
/// client closes, a timeout passes, an error ends the framing, or the server drains.
struct HTTPConnection {
    let socket: Socket
    let peer: String
    let server: HTTPServer
    /// This connection's own bookkeeping (waiting for a head, lingering), shared with the server.
    let slot: ConnectionSlot

    private var configuration: HTTPServerConfiguration { server.configuration }

    /// A body of at most this many bytes (declared length, or for a chunked body the route's
    /// limit) is read while the connection stays evictable (see `serve`).
    static let smallBodyBytes = 64 * 1024

    /// How often a waiting connection looks at the server's draining flag, in milliseconds.
    private static let pollSliceMilliseconds: Int32 = 200

    /// Answers with more bytes than this in memory (a pulled page, up to megabytes) are sent
    /// at the reader's pace like files (`sendPaced`); smaller ones fit the socket's buffers.
    static let pacedAnswerBytes = 64 * 1024

    /// Sends a body at the reader's pace, but no slower than request bodies may arrive:
    /// once it has been sending for `minimumRateWindowSeconds`, every such span must take
    /// `minimumBodyBytesPerSecond × minimumRateWindowSeconds` bytes (`BodyRateWindow`), and no
    /// `bodyTimeoutSeconds` may pass without a byte taken. A reader that trickles (a few bytes
    /// every few seconds, each under the send timeout) would otherwise hold the connection for
    /// as long as the body lasts; many such readers held every slot. The send timeout is
    /// shortened to the window's slice meanwhile, so that the pace is judged on time; a reader
    /// cut for its pace is logged, and its connection closed. `send` sends the body, asking
    /// the judgement it is given after every send (`Socket.sendFile` or `Socket.sendAll`).
    private func sendPaced(
        _ send: (_ keepGoing: @escaping (Int64) -> Bool) throws(SocketError) -> Void
    ) throws(SocketError) {
        var rate = BodyRateWindow(
            window: configuration.minimumRateWindowSeconds,
            minimumBytesPerSecond: configuration.minimumBodyBytesPerSecond, start: Date())
        var lastProgress = (taken: Int64(0), at: Date())
        var tooSlow = false
        socket.setSendTimeout(seconds: min(rate.granularity, configuration.bodyTimeoutSeconds))
        defer { socket.setSendTimeout(seconds: configuration.bodyTimeoutSeconds) }
        do {
            try send { sent in
                // What the reader took: not what waits in the kernel's buffers (megabytes after
                // the first burst, which a slow but honest reader takes for minutes).
                let taken = max(0, sent - socket.unacknowledgedBytes())
                let now = Date()
                if taken > lastProgress.taken { lastProgress = (taken, now) }
                let silent = now.timeIntervalSince(lastProgress.at) >= configuration.bodyTimeoutSeconds
                tooSlow = rate.isTooSlow(total: Int(clamping: taken), now: now)
                return !silent && !tooSlow
            }
        } catch {
            if tooSlow {
                let minimum =
                    "\(Int(configuration.minimumBodyBytesPerSecond)) B/s over "
                    + "\(String(format: "%g", configuration.minimumRateWindowSeconds)) s"
                configuration.log(.warning, "reader too slow", [("peer", peer), ("minimum", minimum)])
            }
            throw error
        }
    }

    private enum ReadOutcome {
        case data
        case closed
        case timedOut
        case draining
    }

    func serve() {
        socket.setSendTimeout(seconds: configuration.bodyTimeoutSeconds)
        var parser = HTTPRequestParser(limits: configuration.parserLimits)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var isFirstRequest = true
        while true {
            let started = Date()
            // Wait for a complete head: the header deadline runs from the first byte (from
            // accept for the first request), the idle timeout before it.
            var head: HTTPRequestHead?
            var headDeadline: Date? =
                isFirstRequest ? started.addingTimeInterval(configuration.headerTimeoutSeconds) : nil
            if !isFirstRequest { slot.startWaiting() }
            do {
                while head == nil {
                    if let event = try parser.nextEvent() {
                        guard case .head(let parsed) = event else { return }
                        head = parsed
                        break
                    }
                    if headDeadline == nil && !parser.isIdle {
                        headDeadline = Date().addingTimeInterval(configuration.headerTimeoutSeconds)
                    }
                    let deadline = headDeadline ?? started.addingTimeInterval(configuration.idleTimeoutSeconds)
                    switch read(into: &buffer, parser: &parser, until: deadline, stopWhenDraining: parser.isIdle) {
                    case .data: continue
                    case .closed, .draining: return
                    case .timedOut:
                        if !parser.isIdle {
                            send(
                                error: .requestTimeout,
                                "the request head did not arrive within \(Int(configuration.headerTimeoutSeconds)) s")
                        }
                        return
                    }
                }
            } catch {
                send(error: error.status, error.description)
                return
            }
            guard let head else { return }
            // A head arrived; if the server closed this connection for room meanwhile, stop. A
            // small body (what forms and most calls carry) is read while the connection still
            // counts as waiting: a client that trickles one, even where no token is needed
            // (`POST /login`), can be closed for a newcomer at capacity like one that trickles
            // its head. A large body (an upload piece, behind a token) is not. A chunked body
            // states no length: it is small when its route takes no more than a small one (an
            // outside review held every slot with chunked heads to `POST /login` and to routes
            // that take no body, each held until the body rate cut it 10 s later).
            let smallBody =
                switch head.bodyFraming {
                case .length(let length): length <= Self.smallBodyBytes
                case .chunked: server.responder.bodyLimit(for: head) <= Self.smallBodyBytes
                case .none: false
                }
            if !smallBody { guard slot.stopWaiting() else { return } }
            isFirstRequest = false
            let headReceived = Date()
            guard let received = readBody(head: head, parser: &parser, buffer: &buffer) else { return }
            if smallBody { guard slot.stopWaiting() else { return } }
            let response: HTTPResponse
            let bodyBytes: Int
            switch received {
            case .request(let request):
                response = server.responder.respond(to: request)
                bodyBytes = request.body.count
            case .streamed(let answer, let count):
                response = answer
                bodyBytes = count
            }
            // What the response keeps (a permit) lives until it has been sent.
            defer { withExtendedLifetime(response.retained) {} }
            let keepAlive = head.wantsKeepAlive && !server.isDraining
            do {
                // A HEAD answer carries the fields (Content-Length included) without the body.
                if head.method == "HEAD" {
                    try socket.sendAll(response.serializedHead(keepAlive: keepAlive))
                } else if let file = response.file {
                    try socket.sendAll(response.serializedHead(keepAlive: keepAlive))
                    try sendPaced { keepGoing throws(SocketError) in
                        try socket.sendFile(
                            file.descriptor, offset: file.offset, length: file.length, keepGoing: keepGoing)
                    }
                } else if response.body.count > Self.pacedAnswerBytes {
                    // The head, then the body as it is: no second copy of megabytes while a
                    // slow reader takes them.
                    try socket.sendAll(response.serializedHead(keepAlive: keepAlive))
                    try sendPaced { keepGoing throws(SocketError) in
                        try socket.sendAll(response.body, keepGoing: keepGoing)
                    }
                } else {
                    try socket.sendAll(response.serialized(keepAlive: keepAlive))
                }
            } catch {
                return
            }
            configuration.log(
                .info, "request",
                [
                    ("method", head.method), ("path", String(head.path)), ("status", "\(response.status.code)"),
                    ("bytes_in", "\(bodyBytes)"),
                    ("bytes_out", "\(head.method == "HEAD" ? 0 : response.contentLength)"),
                    ("ms", "\(Int(Date().timeIntervalSince(headReceived) * 1000))"), ("peer", peer),
                ])
            if !keepAlive { return }
        }
    }

    /// What reading a body gave: a buffered request for the responder, or the response of a
    /// streaming consumer and how many body bytes it took.
    private enum Received {
        case request(HTTPRequest)
        case streamed(HTTPResponse, bodyBytes: Int)
    }

    /// Asks the responder to admit the head, then reads the body within the route's limit,
    /// buffered or streamed to the responder's consumer; answers errors itself and returns nil
    /// then (the connection closes).
    private func readBody(head: HTTPRequestHead, parser: inout HTTPRequestParser, buffer: inout [UInt8]) -> Received? {
        let admission: (any Sendable)?
        do {
            admission = try server.responder.admit(head, peer: peer)
        } catch {
            // Refused from the head alone (e.g. no valid token): no `100 Continue`, no byte of
            // the body read, and the connection closes, so nothing is held for such a caller.
            refuse(with: error.response)
            return nil
        }
        // What admit returned (a permit, say) lives at least until the body is read, also when
        // it is streamed to a consumer that never sees it.
        defer { withExtendedLifetime(admission) {} }
        let limit = server.responder.bodyLimit(for: head)
        if case .length(let length) = head.bodyFraming, length > limit {
            send(error: .contentTooLarge, "the body is \(length) bytes; this call accepts at most \(limit)")
            return nil
        }
        parser.limitBody(to: limit)
        let consumer: (any HTTPBodyConsumer)?
        do {
            consumer = try server.responder.bodyConsumer(for: head, peer: peer)
        } catch {
            // Refused from the head alone (e.g. a wrong upload offset): the body is never read.
            refuse(with: error.response)
            return nil
        }
        if head.expectsContinue && head.bodyFraming != .none {
            guard (try? socket.sendAll(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))) != nil else {
                consumer?.abort()
                return nil
            }
        }
        var body: [UInt8] = []
        var received = 0
        var rate = BodyRateWindow(
            window: configuration.minimumRateWindowSeconds,
            minimumBytesPerSecond: configuration.minimumBodyBytesPerSecond, start: Date())
        var lastArrival = Date()
        if consumer == nil, case .length(let length) = head.bodyFraming { body.reserveCapacity(length) }
        do {
            while true {
                if let event = try parser.nextEvent() {
                    switch event {
                    case .body(let piece):
                        received += piece.count
                        if let consumer { try consumer.receive(piece) } else { body += piece }
                    case .end:
                        if let consumer { return .streamed(consumer.finish(), bodyBytes: received) }
                        return .request(HTTPRequest(head: head, body: body, peer: peer, admission: admission))
                    case .head:
                        consumer?.abort()
                        return nil
                    }
                    continue
                }
                // The rate is looked at on every wake-up, and a quiet client is woken for it too.
                let now = Date()
                if rate.isTooSlow(total: received, now: now) {
                    consumer?.abort()
                    send(
                        error: .requestTimeout,
                        "the body arrives slower than \(Int(configuration.minimumBodyBytesPerSecond)) bytes per second"
                            + " over the last \(String(format: "%g", configuration.minimumRateWindowSeconds)) s")
                    return nil
                }
                let silenceDeadline = lastArrival.addingTimeInterval(configuration.bodyTimeoutSeconds)
                let deadline = min(silenceDeadline, rate.nextCheck(after: now))
                switch read(into: &buffer, parser: &parser, until: deadline, stopWhenDraining: false) {
                case .data:
                    lastArrival = Date()
                case .closed, .draining:
                    consumer?.abort()
                    return nil
                case .timedOut where Date() >= silenceDeadline:
                    consumer?.abort()
                    send(error: .requestTimeout, "the body stopped arriving")
                    return nil
                case .timedOut:
                    continue
                }
            }
        } catch let error as HTTPParseError {
            consumer?.abort()
            send(error: error.status, error.description)
            return nil
        } catch let error as HTTPResponseError {
            consumer?.abort()
            refuse(with: error.response)
            return nil
        } catch {
            consumer?.abort()
            send(error: .internalServerError, "the request could not be processed")
            return nil
        }
    }

    /// Waits for bytes until `deadline`, looking at the draining flag between slices.
    private func read(
        into buffer: inout [UInt8], parser: inout HTTPRequestParser, until deadline: Date, stopWhenDraining: Bool
    ) -> ReadOutcome {
        while true {
            if stopWhenDraining && server.isDraining { return .draining }
            let remaining = deadline.timeIntervalSinceNow
            // Past the deadline, bytes that already wait are still read before a timeout is
            // declared: a thread the machine's load kept from running must not blame the client
            // for its own lateness (an honest upload was cut under load that way).
            let slice = remaining <= 0 ? 0 : min(Self.pollSliceMilliseconds, Int32(remaining * 1000) + 1)
            do {
                guard try socket.waitReadable(timeoutMilliseconds: slice) else {
                    if remaining <= 0 { return .timedOut }
                    continue
                }
                let count = try socket.receive(into: &buffer)
                if count == 0 { return .closed }
                parser.append(buffer[0..<count])
                return .data
            } catch {
                return .closed
            }
        }
    }

    /// Answers a request whose body will not be read, then closes (after draining, so that the
    /// unread body does not turn the close into a reset that destroys the answer).
    private func refuse(with response: HTTPResponse) {
        configuration.log(
            .info, "request refused", [("status", "\(response.status.code)"), ("peer", peer)])
        try? socket.sendAll(response.serialized(keepAlive: false))
        socket.shutdownWrite()
        lingerBeforeClosing()
    }

    /// Sends an error response made by the responder and logs it; the connection then closes.
    private func send(error status: HTTPStatus, _ message: String) {
        configuration.log(
            .warning, "request refused", [("status", "\(status.code)"), ("reason", message), ("peer", peer)])
        let response = server.responder.errorBody(status: status, message: message)
        try? socket.sendAll(response.serialized(keepAlive: false))
        // The connection closes next; unread bytes (a refused body) must not turn that close
        // into a reset that destroys this answer.
        socket.shutdownWrite()
        lingerBeforeClosing()
    }

    /// After an answer that ends the connection: what the client still sends is read and
    /// dropped while it keeps sending (at most 500 ms of silence between pieces), for at most
    /// 2 s and 1 MiB in all, so that the close does not reset the answer away. Meanwhile the
    /// connection is the first to be closed when the server needs room for a newcomer, so
    /// lingering clients cannot keep others out.
    private func lingerBeforeClosing() {
        slot.startLingering()
        socket.lingeringClose(idleMilliseconds: 500, totalMilliseconds: 2_000, maxBytes: 1 << 20)
    }
}
