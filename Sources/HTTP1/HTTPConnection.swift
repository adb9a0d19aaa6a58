import Foundation

/// Serves one connection: reads requests, asks the responder, writes responses, until the
/// client closes, a timeout passes, an error ends the framing, or the server drains.
struct HTTPConnection {
    let socket: Socket
    let peer: String
    let server: HTTPServer

    private var configuration: HTTPServerConfiguration { server.configuration }

    /// How often a waiting connection looks at the server's draining flag, in milliseconds.
    private static let pollSliceMilliseconds: Int32 = 200

    private enum ReadOutcome {
        case data
        case closed
        case timedOut
        case draining
    }

    func serve() {
        socket.setSendTimeout(seconds: Int(configuration.bodyTimeoutSeconds))
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
            isFirstRequest = false
            let headReceived = Date()
            guard let request = readBody(head: head, parser: &parser, buffer: &buffer) else { return }
            let response = server.responder.respond(to: request)
            let keepAlive = head.wantsKeepAlive && !server.isDraining
            do {
                try socket.sendAll(response.serialized(keepAlive: keepAlive))
            } catch {
                return
            }
            configuration.log(
                .info, "request",
                [
                    ("method", head.method), ("path", String(head.path)), ("status", "\(response.status.code)"),
                    ("bytes_in", "\(request.body.count)"), ("bytes_out", "\(response.body.count)"),
                    ("ms", "\(Int(Date().timeIntervalSince(headReceived) * 1000))"), ("peer", peer),
                ])
            if !keepAlive { return }
        }
    }

    /// Reads the body within the route's limit; answers errors itself and returns nil then.
    private func readBody(head: HTTPRequestHead, parser: inout HTTPRequestParser, buffer: inout [UInt8]) -> HTTPRequest?
    {
        let limit = server.responder.bodyLimit(for: head)
        if case .length(let length) = head.bodyFraming, length > limit {
            send(error: .contentTooLarge, "the body is \(length) bytes; this call accepts at most \(limit)")
            return nil
        }
        parser.limitBody(to: limit)
        if head.expectsContinue && head.bodyFraming != .none {
            guard (try? socket.sendAll(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))) != nil else { return nil }
        }
        var body: [UInt8] = []
        if case .length(let length) = head.bodyFraming { body.reserveCapacity(length) }
        do {
            while true {
                if let event = try parser.nextEvent() {
                    switch event {
                    case .body(let piece): body += piece
                    case .end: return HTTPRequest(head: head, body: body, peer: peer)
                    case .head: return nil
                    }
                    continue
                }
                let deadline = Date().addingTimeInterval(configuration.bodyTimeoutSeconds)
                switch read(into: &buffer, parser: &parser, until: deadline, stopWhenDraining: false) {
                case .data: continue
                case .closed, .draining: return nil
                case .timedOut:
                    send(error: .requestTimeout, "the body stopped arriving")
                    return nil
                }
            }
        } catch {
            send(error: error.status, error.description)
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
            if remaining <= 0 { return .timedOut }
            let slice = min(Self.pollSliceMilliseconds, Int32(remaining * 1000) + 1)
            do {
                guard try socket.waitReadable(timeoutMilliseconds: slice) else { continue }
                let count = try socket.receive(into: &buffer)
                if count == 0 { return .closed }
                parser.append(buffer[0..<count])
                return .data
            } catch {
                return .closed
            }
        }
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
        socket.drain(milliseconds: 500)
    }
}
