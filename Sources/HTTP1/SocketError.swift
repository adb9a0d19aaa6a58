import Glibc

/// A failed system call on a socket: which call, and `errno`.
public struct SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The call that failed, e.g. `bind`.
    public let call: String
    public let errno: Int32

    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    public var description: String {
        "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }

    /// Whether the peer closed or reset the connection.
    public var isDisconnect: Bool { errno == ECONNRESET || errno == EPIPE || errno == ENOTCONN }
}

/// Runs a system call, retrying on EINTR, and turns -1 into a `SocketError` naming the call.
@discardableResult
func systemCall<T: FixedWidthInteger>(_ name: String, _ body: () -> T) throws(SocketError) -> T {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = Glibc.errno
        if code == EINTR { continue }
        throw SocketError(call: name, errno: code)
    }
}
