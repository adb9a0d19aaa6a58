import Foundation

/// The base URL of a Renkei server as people give it (`http://renkei.example.lg.jp:8080`, or
/// with a path behind a reverse proxy: `https://pref.example.lg.jp/renkei`).
public enum ServerAddress {
    /// `text` as a server URL: `http://` or `https://` (only `http://` when `httpOnly`), with a
    /// host and without a query; nil for anything else. Trailing slashes are removed.
    public static func url(_ text: String, httpOnly: Bool = false) -> URL? {
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
            httpOnly ? scheme == "http" : ["http", "https"].contains(scheme), url.host?.isEmpty == false,
            url.query == nil
        else { return nil }
        return url
    }
}
