import Testing

@testable import SyncServer

/// No secret reaches a log line: one-time dashboard codes, tokens, secret query parameters.
@Suite struct LoggerRedactionTests {
    static let code = String(repeating: "7f", count: 32)

    @Test func oneTimeSignInCodesAreMasked() {
        #expect(Logger.redacted("/login/once/\(Self.code)") == "/login/once/[redacted]")
        #expect(Logger.redacted("/login/once/\(Self.code)?x=1") == "/login/once/[redacted]?x=1")
        #expect(Logger.redacted("/login/once/") == "/login/once/", "nothing to hide")
    }

    @Test func tokensAndSecretParametersAreMasked() {
        let token = "rk_" + Self.code
        #expect(Logger.redacted("got \(token) here") == "got rk_[redacted] here")
        #expect(Logger.redacted("Authorization: Bearer abc.def") == "Authorization: Bearer [redacted]")
        #expect(Logger.redacted("/x?code=\(Self.code)&since=5") == "/x?code=[redacted]&since=5")
        #expect(Logger.redacted("/x?since=5&TOKEN=abc") == "/x?since=5&TOKEN=[redacted]")
        #expect(Logger.redacted("/v1/pull?since=5&limit=10") == "/v1/pull?since=5&limit=10", "the rest is kept")
        #expect(Logger.redacted("/v1/blobs/\(Self.code)") == "/v1/blobs/\(Self.code)", "hashes are not secrets")
        #expect(Logger.redacted("encode=1") == "encode=1", "only whole parameter names")
    }
}
