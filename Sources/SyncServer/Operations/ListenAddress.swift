import CommandLineSupport
import Localization

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
                throw UsageError(localized("serve.listen.expects.bracketed"))
            }
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw UsageError(localized("serve.listen.expects"))
            }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard !hostPart.isEmpty, let port = UInt16(portPart) else {
            throw UsageError(localized("serve.listen.port"))
        }
        host = hostPart == "localhost" ? "127.0.0.1" : String(hostPart)
        self.port = port
    }
}
