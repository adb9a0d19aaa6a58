/// A resumable upload the server is receiving: which blob, how large, and how many bytes are
/// durable (fsynced and acknowledged).
public struct UploadSession: Hashable, Sendable {
    /// Lowercase UUID.
    public let id: String
    public let sha256: String
    /// Announced size in bytes.
    public let size: Int64
    /// Bytes on disk and fsynced; a client resumes here. Never more than `size`.
    public let offset: Int64
    /// Unix milliseconds of the last piece (for expiry).
    public let updatedAt: Int64
    /// The user who started it: only they may see or continue it ("" before tokens existed).
    public var user: String = ""
}
