/// The version of Renkei's programs (`renkei --version`, `renkei-server --version`, and the
/// `Server: renkei-server/…` field of `GET /v1/health`): one number for the client and the
/// server, raised with every release (ARCHITECTURE.md, "Upgrading").
public enum RenkeiVersion {
    public static let current = "0.30.1"
}
