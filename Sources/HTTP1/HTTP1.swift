/// HTTP/1.1 over POSIX sockets for `renkei-server`. It knows nothing about sync.
///
/// The parser and the server arrive with the sync-over-HTTP work; this module exists now so
/// the layering (`SyncServer -> HTTP1`, never the other way) is fixed from the start.
public enum HTTP1 {
    /// The protocol version this module speaks.
    public static let version = "HTTP/1.1"
}
