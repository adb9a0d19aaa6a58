import Glibc

/// A response body read from an open file as it is sent, so that a large download never sits
/// in memory. Owns its descriptor and closes it when released.
public final class HTTPFileBody: Sendable {
    /// An open, readable file descriptor (owned).
    let descriptor: Int32
    /// First byte to send, in bytes from the start of the file.
    public let offset: Int64
    /// Bytes to send from `offset`; the response's `Content-Length`.
    public let length: Int64
    /// Kept alive with the body and released with it, once the body is sent or abandoned (the
    /// caller's permit for the download, say).
    public let retained: (any Sendable)?

    /// Takes ownership of `descriptor`; sends `length` bytes starting at `offset`.
    public init(descriptor: Int32, offset: Int64, length: Int64, retaining retained: (any Sendable)? = nil) {
        precondition(offset >= 0 && length >= 0, "a file range starts and ends inside the file")
        self.descriptor = descriptor
        self.offset = offset
        self.length = length
        self.retained = retained
    }

    deinit {
        close(descriptor)
    }
}
