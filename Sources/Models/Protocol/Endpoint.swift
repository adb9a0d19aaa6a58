/// The paths of the sync protocol (docs/PROTOCOL.md §2): the one place that spells them. The
/// server routes by these constants and the protocol client (`SyncAPI`) builds its requests
/// from them.
public enum Endpoint {
    /// Every protocol path starts with this; the server's pages live outside it.
    public static let prefix = "/v1/"
    /// `GET`: the server's state, without a token (`HealthResponse`).
    public static let health = "/v1/health"
    /// `GET`: the server's counters and gauges in the Prometheus text format; admin tokens only.
    public static let metrics = "/metrics"
    /// `GET`: the token's user and grant (`WhoAmIResponse`); `?replica=` adds `last_push`.
    public static let whoami = "/v1/whoami"
    /// `POST`: a batch of changes (`PushRequest` → `PushResponse`).
    public static let push = "/v1/push"
    /// `GET ?since&limit&except_author`: a page of changes (`PullResponse`).
    public static let pull = "/v1/pull"
    /// `GET ?collection&record&field`: the current and the newest superseded versions of one register (`HistoryResponse`).
    public static let history = "/v1/history"
    /// The answer field of `history` saying `true` when older superseded versions were left out
    /// (from 0.22; field names are compared without regard to case).
    public static let historyTruncatedField = "Renkei-History-Truncated"
    /// `POST`: start, resume or skip an upload (`UploadRequest` → `UploadStatus`).
    public static let uploads = "/v1/uploads"
    /// `HEAD`/`PATCH` `/v1/uploads/{id}`: one upload session.
    public static let uploadPrefix = "/v1/uploads/"
    /// `GET`/`HEAD` `/v1/blobs/{sha256}`: a stored file, with `Range`.
    public static let blobPrefix = "/v1/blobs/"

    /// The path of upload session `id`.
    public static func upload(_ id: String) -> String { uploadPrefix + id }

    /// The path of the stored file with hash `sha256`.
    public static func blob(_ sha256: String) -> String { blobPrefix + sha256 }
}
