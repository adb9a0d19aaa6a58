import Foundation
import HTTP1

/// A raw HTTP/1.1 client for tests: one keep-alive connection, requests written byte for byte
/// (so tests can send what no well-behaved client would), answers read by `Content-Length`.
public final class HTTPTestClient {
    public struct Answer: Sendable {
        public let status: Int
        /// The status line and fields, as received.
        public let head: String
        public let body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }

        /// A field's value (first match, name compared without case).
        public func header(_ name: String) -> String? {
            head.split(separator: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }
    }

    private var socket: Socket?
    private let port: UInt16
    private var pending: [UInt8] = []
    /// Sent as `Authorization: Bearer …` with every request, when set.
    public var token: String?

    public init(port: UInt16, token: String? = nil) {
        self.port = port
        self.token = token
    }

    deinit {
        socket?.close()
    }

    /// Sends one request and reads its answer; reconnects when the server closed the
    /// connection. `rawHead` replaces the generated head entirely (for malformed requests).
    public func send(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = [],
        rawHead: String? = nil, host: String = "renkei", timeoutMilliseconds: Int32 = 5_000
    ) throws -> Answer {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || ["POST", "PATCH", "PUT"].contains(method) { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let connection = try connected()
        do {
            try connection.sendAll(Array((rawHead ?? head).utf8) + body)
        } catch {
            // A keep-alive connection the server closed meanwhile: once more on a fresh one.
            close()
            try connected().sendAll(Array((rawHead ?? head).utf8) + body)
        }
        return try readAnswer(method: method, timeoutMilliseconds: timeoutMilliseconds)
    }

    public func close() {
        socket?.close()
        socket = nil
        pending = []
    }

    private func connected() throws -> Socket {
        if let socket { return socket }
        let fresh = try Socket.connect(host: "127.0.0.1", port: port)
        socket = fresh
        return fresh
    }

    private func readAnswer(method: String, timeoutMilliseconds: Int32) throws -> Answer {
        let separator: [UInt8] = [13, 10, 13, 10]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        func fill() throws -> Bool {
            guard let socket, try socket.waitReadable(timeoutMilliseconds: timeoutMilliseconds) else { return false }
            let count = try socket.receive(into: &buffer)
            if count == 0 { return false }
            pending += buffer[0..<count]
            return true
        }
        var end: Int?
        while end == nil {
            end =
                pending.count >= 4
                ? (0...(pending.count - 4)).first { pending[$0..<$0 + 4].elementsEqual(separator) } : nil
            if end == nil, try !fill() {
                close()
                return Answer(status: 0, head: "", body: [])
            }
        }
        let headText = String(decoding: pending[0..<end!], as: UTF8.self)
        pending.removeFirst(end! + 4)
        let status = Int(headText.split(separator: " ").dropFirst().first ?? "") ?? 0
        let answer = Answer(status: status, head: headText, body: [])
        let length = method == "HEAD" ? 0 : Int(answer.header("Content-Length") ?? "0") ?? 0
        while pending.count < length {
            guard try fill() else { break }
        }
        let body = Array(pending.prefix(length))
        pending.removeFirst(min(length, pending.count))
        if answer.header("Connection")?.lowercased() == "close" { close() }
        return Answer(status: status, head: headText, body: body)
    }
}
