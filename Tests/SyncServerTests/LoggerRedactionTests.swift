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

    /// `redacted` first looks for a marker of a secret in the bytes and returns other text as
    /// it is: the markers are found in any case, anywhere, after any other characters.
    @Test func secretsAreFoundWhateverSurroundsThem() {
        #expect(Logger.redacted("authorization: BEARER abc") == "authorization: BEARER [redacted]")
        #expect(Logger.redacted("/X?Token=abc") == "/X?Token=[redacted]")
        #expect(Logger.redacted("大阪市の文書 ?code=\(Self.code)") == "大阪市の文書 ?code=[redacted]")
        #expect(Logger.redacted("トークン rk_\(Self.code)") == "トークン rk_[redacted]")
        #expect(Logger.redacted("x" + "/login/once/\(Self.code)") == "x/login/once/[redacted]")
        #expect(Logger.redacted("大阪市") == "大阪市")
        #expect(Logger.redacted("") == "")
        #expect(Logger.redacted("rk") == "rk", "shorter than every marker")
    }
}
