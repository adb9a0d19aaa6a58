import CommandLineSupport
import Foundation
import HTTP1
import Models

/// Requests from this server to an upstream Renkei server (federation), over the project's own
/// HTTP/1.1 client: one keep-alive connection, the bearer token on every request, and the
/// sync client's retry rule (no answer, 502, 503 or 504: again after 0.5, 1, 2 and 4 s).
final class UpstreamClient {
    /// The base URL as given (`http://national.example:8080`), for messages and the state key.
    let base: String
    private let host: String
    private let port: UInt16
    private let basePath: String
    private let headers: [(String, String)]
    private let delays: [Double]
    private var connection: HTTPClientConnection?

    /// - Parameter delays: seconds to wait before each retry.
    init(base: String, token: String, replica: ReplicaID, delays: [Double] = [0.5, 1, 2, 4]) throws {
        var trimmed = base
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), url.scheme?.lowercased() == "http", let host = url.host, !host.isEmpty,
            url.query == nil
        else {
            throw UsageError(
                "--upstream must be an http:// URL (got \(Printable.quoted(base))); for TLS, run a local TLS proxy (nginx stream, stunnel) and give its address"
            )
        }
        self.base = trimmed
        self.host = host
        port = UInt16(exactly: url.port ?? 80) ?? 80
        basePath = url.path
        headers = [
            ("Authorization", "Bearer \(token)"), ("Renkei-Replica", replica.hex), ("Accept", "application/json"),
        ]
        self.delays = delays
    }

    /// Sends a request until an answer other than 502/503/504 arrives (or the retries run out);
    /// returns the answer whatever its status.
    func send(_ method: String, _ path: String, body: Data? = nil, headers extra: [(String, String)] = [])
        throws(CommandFailure) -> HTTPClientResponse
    {
        var attempt = 0
        while true {
            do throws(HTTPClientError) {
                let answer = try exchange(method, path, body: body, headers: extra)
                if [502, 503, 504].contains(answer.status), attempt < delays.count {
                    Thread.sleep(forTimeInterval: delays[attempt])
                    attempt += 1
                    continue
                }
                return answer
            } catch {
                guard attempt < delays.count else {
                    throw CommandFailure(
                        "cannot reach the upstream server \(base) after \(attempt + 1) attempts: \(error)",
                        status: .unavailable)
                }
                Thread.sleep(forTimeInterval: delays[attempt])
                attempt += 1
            }
        }
    }

    private func exchange(_ method: String, _ path: String, body: Data?, headers extra: [(String, String)])
        throws(HTTPClientError) -> HTTPClientResponse
    {
        let open: HTTPClientConnection
        if let connection, connection.isReusable {
            open = connection
        } else {
            open = try HTTPClientConnection(host: host, port: port, timeout: 60)
            connection = open
        }
        var fields = headers + extra
        if body != nil, !extra.contains(where: { $0.0.lowercased() == "content-type" }) {
            fields.append(("Content-Type", "application/json"))
        }
        do throws(HTTPClientError) {
            return try open.send(method: method, target: basePath + path, headers: fields, body: body)
        } catch {
            connection = nil
            throw error
        }
    }

    /// The error an unexpected answer means, with the server's own words when it gave them.
    func refusal(_ answer: HTTPClientResponse, during step: String) -> CommandFailure {
        let message: String
        if let error = try? ErrorResponse(decoding: Array(answer.body)) {
            message = "\(error.code): \(error.message)"
        } else {
            message = String(decoding: answer.body.prefix(200), as: UTF8.self)
        }
        let status: Terminal.ExitStatus = answer.status == 401 || answer.status == 403 ? .noPermission : .failure
        return CommandFailure("the upstream server refused \(step) (\(answer.status)) \(message)", status: status)
    }
}
