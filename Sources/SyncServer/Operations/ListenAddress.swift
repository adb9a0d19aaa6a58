import CommandLineSupport

/// `HOST:PORT` for `--listen`: an IPv4 literal, or an IPv6 literal in brackets (`[::1]:8080`).
struct ListenAddress: Equatable {
    static let `default` = ListenAddress(host: "127.0.0.1", port: 8080)

    let host: String
    let port: UInt16

    init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    init(parsing text: String) throws(UsageError) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw UsageError("--listen expects HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080")
            }
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw UsageError("--listen expects HOST:PORT, e.g. 127.0.0.1:8080")
            }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard !hostPart.isEmpty, let port = UInt16(portPart) else {
            throw UsageError("--listen expects HOST:PORT with a port from 0 to 65535 (0 picks a free port)")
        }
        host = hostPart == "localhost" ? "127.0.0.1" : String(hostPart)
        self.port = port
    }
}
