import Testing

@testable import SyncClient

@Suite struct ProxySettingsTests {
    @Test func flagWinsOverTheEnvironment() {
        let settings = ProxySettings.resolve(
            flag: "http://proxy.lg.jp:8080", environment: ["https_proxy": "http://other:1"])
        #expect(settings.httpProxy == "http://proxy.lg.jp:8080" && settings.httpsProxy == "http://proxy.lg.jp:8080")
    }

    @Test func uppercaseVariablesAreReadToo() {
        let settings = ProxySettings.resolve(
            flag: nil, environment: ["HTTPS_PROXY": "http://p:3128", "NO_PROXY": "localhost"])
        #expect(settings.httpsProxy == "http://p:3128" && settings.noProxy == "localhost")
        #expect(settings.httpProxy == nil)
    }

    @Test func lowercaseWinsAndHttpProxyCoversHttps() {
        let settings = ProxySettings.resolve(
            flag: nil, environment: ["http_proxy": "http://a:1", "HTTP_PROXY": "http://b:2"])
        #expect(settings.httpProxy == "http://a:1" && settings.httpsProxy == "http://a:1")
        #expect(ProxySettings.resolve(flag: nil, environment: ["https_proxy": ""]).httpsProxy == nil)
    }

    /// Requests the proxy does not carry go over the project's own HTTP client; the rest over
    /// URLSession, so a `no_proxy` form read differently here can only send a request through
    /// libcurl, which reads it the curl way.
    @Test func noProxyNamesHostsAndTheirDomains() {
        let settings = ProxySettings(
            httpProxy: "http://proxy.lg.jp:8080", httpsProxy: nil,
            noProxy: "localhost, .pref.osaka.lg.jp,10.0.0.5,[::1]")
        #expect(settings.proxiesHTTP(to: "renkei.example.jp"))
        #expect(!settings.proxiesHTTP(to: "localhost") && !settings.proxiesHTTP(to: "LocalHost"))
        #expect(!settings.proxiesHTTP(to: "renkei.pref.osaka.lg.jp") && !settings.proxiesHTTP(to: "pref.osaka.lg.jp"))
        #expect(settings.proxiesHTTP(to: "evilpref.osaka.lg.jp"))
        #expect(!settings.proxiesHTTP(to: "10.0.0.5") && settings.proxiesHTTP(to: "10.0.0.50"))
        #expect(!settings.proxiesHTTP(to: "::1"))
        #expect(!ProxySettings(httpProxy: "http://p:1", httpsProxy: nil, noProxy: "*").proxiesHTTP(to: "any.host"))
        #expect(!ProxySettings(httpProxy: nil, httpsProxy: "http://p:1", noProxy: nil).proxiesHTTP(to: "any.host"))
    }
}
