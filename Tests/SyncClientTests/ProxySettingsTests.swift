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
}
