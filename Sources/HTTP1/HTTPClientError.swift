import Glibc

/// Why a request got no usable answer. Every case means "no HTTP answer arrived": a caller may
/// retry (the sync protocol's requests are idempotent).
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The host name did not resolve (the message is `getaddrinfo`'s).
    case unknownHost(String, reason: String)
    /// No address of the host accepted a connection.
    case cannotConnect(String, reason: String)
    /// Nothing was sent or received for the configured time, in seconds.
    case timedOut(seconds: Double)
    /// The answer began, then arrived slower than `bytesPerSecond` over a span of `seconds`.
    case tooSlow(bytesPerSecond: Double, seconds: Double)
    /// The server closed the connection (or reset it) before a whole answer arrived.
    /// `receivedNothing` says no byte of the answer came: on a reused keep-alive connection that
    /// is the server closing an idle connection, and the request can go again on a new one.
    case closed(receivedNothing: Bool)
    /// The answer breaks HTTP/1.1 framing (RFC 9112); the connection is unusable after it.
    case malformedAnswer(String)
    /// The answer's head or body is larger than the limit, in bytes.
    case answerTooLarge(limit: Int)
    /// Another socket call failed.
    case socket(SocketError)
    /// The request itself cannot be written (a field with a line break, a bad method or target).
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .unknownHost(let host, let reason): return "unknown host \(host): \(reason)"
        case .cannotConnect(let address, let reason): return "could not connect to \(address): \(reason)"
        case .timedOut(let seconds):
            return "no answer from the server within \(seconds.formatted()) seconds"
        case .tooSlow(let bytesPerSecond, let seconds):
            return
                "the server's answer arrives slower than \(bytesPerSecond.formatted()) bytes per second over \(seconds.formatted()) seconds"
        case .closed(let nothing):
            return nothing
                ? "the server closed the connection without answering"
                : "the server closed the connection in the middle of its answer"
        case .malformedAnswer(let reason): return "the server's answer is not valid HTTP/1.1: \(reason)"
        case .answerTooLarge(let limit): return "the server's answer is larger than \(limit) bytes"
        case .socket(let error): return error.description
        case .invalidRequest(let reason): return "cannot send the request: \(reason)"
        }
    }
}

extension Double {
    /// `30` for whole numbers, `0.5` otherwise (for messages).
    fileprivate func formatted() -> String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
