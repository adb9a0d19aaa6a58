import HTTP1
import Testing

@Suite struct HTTPHeadersTests {
    @Test func lookupIgnoresCaseButKeepsOrderAndSpelling() {
        var headers = HTTPHeaders([("Content-Type", "application/json"), ("X-Trace", "1")])
        headers.add(name: "x-trace", value: "2")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["X-TRACE"] == "1")
        #expect(headers.values(for: "x-Trace") == ["1", "2"])
        #expect(headers.map(\.name) == ["Content-Type", "X-Trace", "x-trace"])
    }

    @Test func replaceOrAddLeavesOneField() {
        var headers = HTTPHeaders([("Connection", "keep-alive"), ("connection", "upgrade")])
        headers.replaceOrAdd(name: "CONNECTION", value: "close")
        #expect(headers.count == 1 && headers["connection"] == "close")
        headers.remove(name: "Connection")
        #expect(headers["connection"] == nil)
    }

    @Test func caseFoldingIsASCIIOnly() {
        // '@' (0x40) and '`' (0x60) differ only in bit 0x20 but are not letters.
        let headers = HTTPHeaders([("a@b", "1")])
        #expect(headers["a`b"] == nil)
        #expect(headers["A@B"] == "1")
    }
}
