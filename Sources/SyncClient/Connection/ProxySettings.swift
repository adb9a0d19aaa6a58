import CommandLineSupport
import Foundation

/// Which HTTP proxy to use (LGWAN networks often require one), from `--proxy` or the environment.
///
/// URLSession on Linux hands requests to libcurl, which reads only the lowercase `http_proxy`,
/// `https_proxy` and `no_proxy`; the uppercase spellings are common on Windows-managed networks.
/// `apply()` therefore writes the resolved values into the lowercase variables of this process.
struct ProxySettings: Equatable {
    /// Proxy URL for http:// servers.
    var httpProxy: String?
    /// Proxy URL for https:// servers.
    var httpsProxy: String?
    /// Comma-separated hosts that bypass the proxy.
    var noProxy: String?

    /// Reads `--proxy URL` from `arguments`, then the process's environment.
    static func resolve(_ arguments: inout ArgumentList) throws(UsageError) -> ProxySettings {
        resolve(flag: try arguments.option(ClientOptions.proxy), environment: ProcessInfo.processInfo.environment)
    }

    /// The process's environment alone (commands without `--proxy`: `status`, the browser UI).
    static var fromEnvironment: ProxySettings {
        resolve(flag: nil, environment: ProcessInfo.processInfo.environment)
    }

    /// `--proxy` wins over the environment; lowercase wins over uppercase (as curl does).
    static func resolve(flag: String?, environment: [String: String]) -> ProxySettings {
        func variable(_ name: String) -> String? {
            for spelling in [name.lowercased(), name.uppercased()] {
                if let value = environment[spelling], !value.isEmpty { return value }
            }
            return nil
        }
        if let flag, !flag.isEmpty {
            return ProxySettings(httpProxy: flag, httpsProxy: flag, noProxy: variable("no_proxy"))
        }
        let http = variable("http_proxy")
        return ProxySettings(
            httpProxy: http, httpsProxy: variable("https_proxy") ?? http, noProxy: variable("no_proxy"))
    }

    /// Whether a request to `http://host` goes through the proxy: `httpProxy` is set and
    /// `noProxy` does not name the host. `noProxy` is read the way curl reads it (`*`, or
    /// comma-separated names matching the host or a domain it is in; a leading dot is ignored);
    /// forms curl knows beyond those (address ranges) count as "through the proxy" here, and
    /// URLSession, which carries proxied requests, then applies curl's own reading.
    func proxiesHTTP(to host: String) -> Bool {
        guard let httpProxy, !httpProxy.isEmpty else { return false }
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        for entry in (noProxy ?? "").split(separator: ",") {
            var pattern = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if pattern == "*" { return false }
            if pattern.hasPrefix(".") { pattern.removeFirst() }
            pattern = pattern.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            if !pattern.isEmpty, name == pattern || name.hasSuffix("." + pattern) { return false }
        }
        return true
    }

    /// Makes libcurl (under URLSession) use these settings for this process.
    func apply() {
        for (name, value) in [("http_proxy", httpProxy), ("https_proxy", httpsProxy), ("no_proxy", noProxy)] {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
    }
}
